/* tslint:disable */
/* eslint-disable */

/**
 * The explorer in the page: the app's [`Session`] and what only a page has (the charts' kept layers).
 */
export class Explorer {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Whether any control differs from the preset.
     */
    adjusted(): boolean;
    /**
     * Take ranges computed in the worker for the state whose link is `query` (`false`: ignored).
     */
    adopt_ranges(query: string, flat: Float64Array | number[]): boolean;
    /**
     * The ranges' computation failed in the worker for the state whose link is `query` (`false`: ignored).
     */
    adopt_ranges_failure(query: string, message: string): boolean;
    /**
     * Adopt the story computed by the Web Worker; `false` when the numbers do not have the story's shape.
     */
    static adopt_story(flat: Float64Array | number[]): boolean;
    /**
     * One slice of the difference's ranges; true when they are done (or failed).
     */
    advance_difference(): boolean;
    /**
     * Run one slice of the pending load: `{done, iteration, residual, fraction, message}`.
     */
    advance(iterations: number): any;
    /**
     * Solve the story's next date at both horizons; `true` once the story is complete.
     */
    static advance_story(): boolean;
    /**
     * The changes in force that no control sets, one line each in the reader's language (empty: the controls show
     * everything).
     */
    also_in_force(): string[];
    /**
     * Apply a link's query string.
     */
    apply_url(query: string): any;
    /**
     * Start the ranges of B − A against `other`; returns whether there is work to do (`advance_difference`).
     */
    begin_difference(other: Explorer): boolean;
    /**
     * Start loading an economy file (JSON, or CSV long format when the name ends in `.csv` or the text is not
     * JSON); its checks, the rebase (when asked) and the solve then run in slices through `advance`.
     */
    begin_economy(text: string, file_name: string, rebase: boolean, balanced_trade: boolean): void;
    /**
     * Start loading a scenario file (JSON) against the economy in use; see `begin_economy`.
     */
    begin_scenario(text: string, file_name: string): void;
    /**
     * Drop a pending solve.
     */
    cancel_pending(): void;
    /**
     * A chart's canvas height in CSS pixels at a canvas width of `width` CSS pixels: Rust owns where a chart's
     * panels stack and how tall it is (`ChartId::layout`), so the page never squeezes stacked panels.
     */
    static chart_height(chart: string, width: number): number;
    /**
     * A chart's canvas height in CSS pixels at `width` CSS pixels in the reader's language (`ChartId::height_in`).
     */
    chart_height_in(chart: string, width: number): number;
    /**
     * The charts' ids, in page order (the one list: `ChartId::ALL`).
     */
    static chart_ids(): string[];
    /**
     * Refuse a file of `size` bytes before reading it when it is over the one cap of the page and the CLI
     * (`data::files::MAX_FILE_BYTES`), with a message naming the file and its size.
     */
    static check_file_size(name: string, size: number): void;
    /**
     * "Cite this": version, scenario, elasticities, link and access date.
     */
    cite(link: string, date: string): string;
    /**
     * The comparison as CSV, with both scenarios' names and the link first.
     */
    compare_csv(other: Explorer, link: string): string;
    /**
     * Welfare under each elasticity set for the current scenario: `{caption, headers, rows}`; the one-year and
     * long-run rows put the two horizons side by side.
     */
    compare_elasticities(): any;
    /**
     * This scenario as one side of a comparison (`compare=A,B`); empty for a reader's economy.
     */
    compare_side(): string;
    /**
     * Scenario A (this explorer) against scenario B (`other`), at both horizons: `{a, b, lines}`.
     */
    compare_with(other: Explorer): any;
    /**
     * Compute a slice of the uncertainty ranges (re-solves of the current scenario under elasticity draws) and, for
     * scenarios that show both horizons, of the other horizon: at most a frame's worth of work per call.
     */
    compute_ranges(): boolean;
    /**
     * The current value of every control: `[{id, value}]` (cheaper than [`Explorer::controls`] while dragging).
     */
    control_values(): any;
    /**
     * What an embed can show of its controls, in the builder's order (`none`, `picker`, `all`).
     */
    static controls_choices(): string[];
    /**
     * The controls with their current values: `[{id, label, rule, min, max, step, unit, value}]`.
     */
    controls(): any;
    /**
     * What the link asked an embed to show of its controls (`none`, `picker`, `all`), if it said.
     */
    controls_shown(): string | undefined;
    /**
     * The view's results as one tidy CSV table (`view::results_csv`): `link` is the address that reproduces the view,
     * written into the file with every control's value.
     */
    csv(link?: string | null): string;
    /**
     * The sources of the baseline data with their public addresses: `[{text, url}]`, `url` a string or `null`.
     */
    data_source_links(): any;
    /**
     * The sources of the baseline data, each once, in the reader's language (the texts of
     * [`Explorer::data_source_links`]).
     */
    data_sources(): string[];
    /**
     * For the page's tests only: panic on purpose, to check that a panic in the worker is reported and the
     * worker restarted (the worker calls it on a debug message; nothing in the page does).
     */
    static debug_panic(): void;
    /**
     * The decimal separator of the language in use (`.` or `,`): the number boxes show values with it (they read
     * either).
     */
    decimal_separator(): string;
    /**
     * A file's text by the one decoding rule of the page and the CLI (`data::files::decode`): UTF-8 with or
     * without a byte-order mark; UTF-16 and other encodings refused with a message naming them.
     */
    static decode_file(bytes: Uint8Array | number[], name: string): string;
    /**
     * A concise description of a chart for this scenario.
     */
    description(chart: string): string;
    /**
     * Move a control while the reader drags it: a draft solve from the last result (see `ScenarioState::solve_draft`),
     * checked like [`Explorer::set_control`]; [`Explorer::settle`] replaces it with the exact solve when the reader
     * lets go.
     */
    drag_control(id: string, value: number): void;
    /**
     * Draw a chart (`flows`, `welfare`, `trade`, `supply`, `revenue`, `who_pays`) onto a canvas whose backing store
     * is already sized in device pixels; `scale` is the device pixel ratio; `transparent` leaves the background
     * clear.
     */
    draw(chart: string, canvas: HTMLCanvasElement, scale: number, transparent: boolean): void;
    /**
     * Draw a chart for download onto a canvas sized in device pixels whose height includes the footer
     * ([`Explorer::export_footer_height`]): the chart with its title, then the scenario, the date, the source
     * line and the credit.
     */
    draw_export(chart: string, canvas: HTMLCanvasElement, scale: number, date: string): void;
    /**
     * [`Explorer::draw`] for one frame of a slider's drag: the same picture, without the flow map's hover texts
     * (the pointer is on the slider); the draw when the drag ends writes them.
     */
    draw_frame(chart: string, canvas: HTMLCanvasElement, scale: number, transparent: boolean): void;
    /**
     * The id of the current elasticity set.
     */
    elasticities(): string;
    /**
     * The elasticity sets: `[{id, label, source}]`.
     */
    elasticity_sets(): any;
    /**
     * The charts of the default, article-shaped embed.
     */
    static embed_charts(): string[];
    /**
     * The query of an embed of the view on screen, for the embed builder: the scenario's keys, then the choices.
     */
    embed_query(charts: string[], controls: string, theme: string, lang: string, frozen: boolean, compare: string): string;
    /**
     * The height (CSS pixels) of the footer an exported chart `width` CSS pixels wide carries (see
     * [`Explorer::draw_export`]); `date` is the day of the export, `YYYY-MM-DD`.
     */
    export_footer_height(width: number, date: string): number;
    /**
     * Install the result of the pending load once `advance` has said it is done.
     */
    finish_pending(): void;
    /**
     * Whether this module can load a reader's own files (`begin_economy`, `begin_scenario`, `advance`,
     * `finish_pending`): the page starts with the module without them and loads `full/` when a reader picks a file.
     */
    static has_own_data(): boolean;
    /**
     * Whether the current result has its ranges.
     */
    has_ranges(): boolean;
    /**
     * Whether the story is computed.
     */
    static has_story(): boolean;
    /**
     * The baseline's headline figures: `[{label, value, source}]`.
     */
    headlines(): any;
    /**
     * The exact value under a point of a drawn chart (device pixels), if any.
     */
    hit(chart: string, x: number, y: number): string | undefined;
    /**
     * Install an economy file loaded and solved by the worker, without solving again.
     */
    install_economy(state: any, numbers: Float64Array | number[], file_name: string): void;
    /**
     * Install a scenario file read, built and solved by the worker against the economy in use.
     */
    install_scenario(state: any, numbers: Float64Array | number[], scenario: Float64Array | number[], file_name: string): void;
    /**
     * Whether the explorer runs on loaded data rather than the built-in baseline and presets.
     */
    is_custom(): boolean;
    /**
     * The language in use (`en`, `fr`, `es`).
     */
    language(): string;
    /**
     * Whether a language (a code or tag) is ready to use: English always is; French and Spanish once
     * [`Explorer::load_language`] has been given their catalogue. Unsupported tags are `false`.
     */
    static language_ready(tag: string): boolean;
    /**
     * The languages as `[code, name in itself]` pairs, in menu order (the one list: `Lang::ALL`).
     */
    static languages(): any;
    /**
     * A warning for a link too long to share safely (empty: none), in the reader's language.
     */
    link_warning(link: string): string;
    /**
     * One line for the phone's live result bar (issue 22): real GDP at both horizons; empty while only one is solved
     * (a draft during a drag: the page keeps the last line until the exact result).
     */
    live_line(): string;
    /**
     * Hand over a language's catalogue (the text of `i18n/{code}.json`), which the page fetches the first time a
     * reader needs that language. A file that is not a catalogue of this version is refused with a message.
     */
    static load_language(tag: string, json: string): void;
    /**
     * A line describing the loaded economy, for the page.
     */
    loaded_note(): string;
    /**
     * The large arrays of `loaded_state`, one after the other.
     */
    loaded_numbers(with_economy: boolean): Float64Array;
    /**
     * In the worker, after `finish_pending`: the state to hand to the page's explorer, without its large arrays
     * (`loaded_numbers`); `with_economy` after an economy file, otherwise after a scenario file.
     */
    loaded_state(with_economy: boolean): any;
    /**
     * The method panel's notes on assumptions and limits, with the figures of the economy in use.
     */
    method_notes(): string[];
    /**
     * Load the built-in 2024 baseline and solve the lead preset; `language` is a browser language tag (`fr-CA`),
     * English if not supported.
     */
    constructor(language: string);
    /**
     * Whether the page holds a reader's economy, which no link can carry (the page then warns before leaving).
     */
    own_economy(): boolean;
    /**
     * A block pasted from a spreadsheet as rows of numbers (`null`: an empty cell).
     */
    parse_paste(text: string): any;
    /**
     * The current preset id (empty when following the timeline).
     */
    preset_id(): string;
    /**
     * The presets: `[{id, name, description, date}]`, in the reader's language (a preset's sources:
     * [`Explorer::scenario_source_links`] once it is chosen; finding them is slow enough to keep off the first
     * charts).
     */
    presets(): any;
    /**
     * Whether ranges can be computed for the economy in use (small enough to re-solve 200 times quickly) and their
     * computation has not failed for the current result.
     */
    ranges_available(): boolean;
    /**
     * The uncertainty ranges of the current result as numbers (empty without them), for `adopt_ranges`.
     */
    ranges_flat(): Float64Array;
    /**
     * The sentence explaining the ranges (empty before they are computed).
     */
    ranges_note(): string;
    /**
     * How far the ranges have come: `[draws done, draws]` (`[0, 0]` when none are being computed).
     */
    ranges_progress(): Uint32Array;
    /**
     * Back to the current preset's (or timeline step's) own values.
     */
    reset(): void;
    /**
     * Back to the built-in 2024 baseline and the lead preset.
     */
    reset_to_builtin(): void;
    /**
     * The scenario on screen as a scenario file (JSON).
     */
    scenario_json(): string;
    /**
     * The title of the current scenario, in the reader's language.
     */
    scenario_name(): string;
    /**
     * In the worker, after a scenario file: the built scenario's new tariffs (and trade-cost changes).
     */
    scenario_numbers(): Float64Array;
    /**
     * The sources of the current scenario with their public addresses: `[{text, url}]`, `url` a string or `null`.
     */
    scenario_source_links(): any;
    /**
     * The sources of the current scenario, each once, in the reader's language (the texts of
     * [`Explorer::scenario_source_links`]).
     */
    scenario_sources(): string[];
    /**
     * Remember which charts the view shows (empty: all), for links: known charts only, each once.
     */
    set_charts(charts: string[]): void;
    /**
     * Move one control (percent) and solve.
     */
    set_control(id: string, value: number): void;
    /**
     * Draw in dark colours (the page resolves `auto` through `prefers-color-scheme`).
     */
    set_dark(dark: boolean): void;
    /**
     * Pick an elasticity set by id and solve.
     */
    set_elasticities(id: string): void;
    /**
     * Switch language (a code or tag); unsupported tags are refused.
     */
    set_language(tag: string): void;
    /**
     * Pick a preset: the controls move to the preset's values and the scenario is solved.
     */
    set_preset(id: string): void;
    /**
     * Set tariff-table cells (`importer, exporter, sector, percent` four at a time) and solve.
     */
    set_rates(edits: Float64Array | number[]): void;
    /**
     * Follow the timeline: every event in force on `date` (`YYYY-MM-DD`); the controls show the values in force.
     */
    set_step(date: string): void;
    /**
     * Remember the theme chosen (`auto`, `light`, `dark`, `plain`), for links; returns whether it was valid.
     */
    set_theme(code: string): boolean;
    /**
     * Replace a draft result by the exact one (nothing to do after any other change); true if it did.
     */
    settle(): boolean;
    /**
     * The query of a link that opens this view in the full page (`embed`: without the embed's charts and
     * controls).
     */
    share_query(embed: boolean): string;
    /**
     * The source line under a chart, as on a downloaded PNG (model, data year, horizon), in the reader's language.
     */
    source_line(): string;
    /**
     * The current timeline date (empty when starting from a preset).
     */
    step_date(): string;
    /**
     * Whether the story applies to what the explorer shows: the built-in data (not a reader's own file).
     */
    story_applies(): boolean;
    /**
     * The computed story as plain numbers, for the page to adopt from its Web Worker (empty until computed).
     */
    static story_flat(): Float64Array;
    /**
     * `[dates solved, dates]` of the story.
     */
    static story_progress(): Uint32Array;
    /**
     * Whether `date` is one of the story's steps (`YYYY-MM-DD`, an enacted timeline date).
     */
    static story_step_known(date: string): boolean;
    /**
     * Every string of the interface in the current language: `{ key: text }`.
     */
    strings(): any;
    /**
     * The plain-language summary of the current result, saying only what the charts on screen show (`charts`: their
     * ids; empty: every chart).
     */
    summary(charts: string[]): string;
    /**
     * The data behind a chart: `{caption, headers, rows}`.
     */
    table(chart: string): any;
    /**
     * The tariff table: `{sectors, sector_names, rows: [{importer, exporter, label, rates, base, set}]}`.
     */
    tariff_table(): any;
    /**
     * The themes' ids (`auto`, `light`, `dark`, `plain`).
     */
    static themes(): string[];
    /**
     * The timeline's enacted events: `[{id, date, title, source}]`, titles in the reader's language (the illustrative
     * ones, such as the Canada–Mexico trade-cost cut, are left out).
     */
    timeline(): any;
    /**
     * The explorer's name in another language (`tag`), for an embed's iframe title in the embed's language; in
     * English until that language's texts are loaded.
     */
    static title_in(tag: string): string;
    /**
     * The current state as a query string (without `?`), for links and history.
     */
    url_query(): string;
    /**
     * The version of the explorer.
     */
    version(): string;
}

/**
 * Install a panic hook that reports a panic on the page (in every element with the `data-natx-panic` attribute)
 * and in the console. A panic is a bug: the page says so instead of failing silently.
 */
export function start(): void;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_explorer_free: (a: number, b: number) => void;
    readonly explorer_adjusted: (a: number) => number;
    readonly explorer_adopt_ranges: (a: number, b: number, c: number, d: number, e: number) => number;
    readonly explorer_adopt_ranges_failure: (a: number, b: number, c: number, d: number, e: number) => number;
    readonly explorer_adopt_story: (a: number, b: number) => number;
    readonly explorer_advance: (a: number, b: number) => [number, number, number];
    readonly explorer_advance_difference: (a: number) => number;
    readonly explorer_advance_story: () => [number, number, number];
    readonly explorer_also_in_force: (a: number) => [number, number];
    readonly explorer_apply_url: (a: number, b: number, c: number) => [number, number, number];
    readonly explorer_begin_difference: (a: number, b: number) => number;
    readonly explorer_begin_economy: (a: number, b: number, c: number, d: number, e: number, f: number, g: number) => [number, number];
    readonly explorer_begin_scenario: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly explorer_cancel_pending: (a: number) => void;
    readonly explorer_chart_height: (a: number, b: number, c: number) => [number, number, number];
    readonly explorer_chart_height_in: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly explorer_chart_ids: () => [number, number];
    readonly explorer_check_file_size: (a: number, b: number, c: number) => [number, number];
    readonly explorer_cite: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly explorer_compare_csv: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly explorer_compare_elasticities: (a: number) => [number, number, number];
    readonly explorer_compare_side: (a: number) => [number, number];
    readonly explorer_compare_with: (a: number, b: number) => [number, number, number];
    readonly explorer_compute_ranges: (a: number) => [number, number, number];
    readonly explorer_control_values: (a: number) => [number, number, number];
    readonly explorer_controls: (a: number) => [number, number, number];
    readonly explorer_controls_choices: () => [number, number];
    readonly explorer_controls_shown: (a: number) => [number, number];
    readonly explorer_csv: (a: number, b: number, c: number) => [number, number];
    readonly explorer_data_source_links: (a: number) => [number, number, number];
    readonly explorer_data_sources: (a: number) => [number, number];
    readonly explorer_debug_panic: () => void;
    readonly explorer_decimal_separator: (a: number) => [number, number];
    readonly explorer_decode_file: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly explorer_description: (a: number, b: number, c: number) => [number, number, number, number];
    readonly explorer_drag_control: (a: number, b: number, c: number, d: number) => [number, number];
    readonly explorer_draw: (a: number, b: number, c: number, d: any, e: number, f: number) => [number, number];
    readonly explorer_draw_export: (a: number, b: number, c: number, d: any, e: number, f: number, g: number) => [number, number];
    readonly explorer_draw_frame: (a: number, b: number, c: number, d: any, e: number, f: number) => [number, number];
    readonly explorer_elasticities: (a: number) => [number, number];
    readonly explorer_elasticity_sets: (a: number) => [number, number, number];
    readonly explorer_embed_charts: () => [number, number];
    readonly explorer_embed_query: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number, j: number, k: number, l: number) => [number, number];
    readonly explorer_export_footer_height: (a: number, b: number, c: number, d: number) => number;
    readonly explorer_finish_pending: (a: number) => [number, number];
    readonly explorer_has_own_data: () => number;
    readonly explorer_has_ranges: (a: number) => number;
    readonly explorer_has_story: () => number;
    readonly explorer_headlines: (a: number) => [number, number, number];
    readonly explorer_hit: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly explorer_install_economy: (a: number, b: any, c: number, d: number, e: number, f: number) => [number, number];
    readonly explorer_install_scenario: (a: number, b: any, c: number, d: number, e: number, f: number, g: number, h: number) => [number, number];
    readonly explorer_is_custom: (a: number) => number;
    readonly explorer_language: (a: number) => [number, number];
    readonly explorer_language_ready: (a: number, b: number) => number;
    readonly explorer_languages: () => [number, number, number];
    readonly explorer_link_warning: (a: number, b: number, c: number) => [number, number];
    readonly explorer_live_line: (a: number) => [number, number];
    readonly explorer_load_language: (a: number, b: number, c: number, d: number) => [number, number];
    readonly explorer_loaded_note: (a: number) => [number, number];
    readonly explorer_loaded_numbers: (a: number, b: number) => [number, number];
    readonly explorer_loaded_state: (a: number, b: number) => [number, number, number];
    readonly explorer_method_notes: (a: number) => [number, number];
    readonly explorer_new: (a: number, b: number) => [number, number, number];
    readonly explorer_own_economy: (a: number) => number;
    readonly explorer_parse_paste: (a: number, b: number, c: number) => [number, number, number];
    readonly explorer_preset_id: (a: number) => [number, number];
    readonly explorer_presets: (a: number) => [number, number, number];
    readonly explorer_ranges_available: (a: number) => number;
    readonly explorer_ranges_flat: (a: number) => [number, number];
    readonly explorer_ranges_note: (a: number) => [number, number];
    readonly explorer_ranges_progress: (a: number) => [number, number];
    readonly explorer_reset: (a: number) => [number, number];
    readonly explorer_reset_to_builtin: (a: number) => [number, number];
    readonly explorer_scenario_json: (a: number) => [number, number, number, number];
    readonly explorer_scenario_name: (a: number) => [number, number];
    readonly explorer_scenario_numbers: (a: number) => [number, number];
    readonly explorer_scenario_source_links: (a: number) => [number, number, number];
    readonly explorer_scenario_sources: (a: number) => [number, number];
    readonly explorer_set_charts: (a: number, b: number, c: number) => void;
    readonly explorer_set_control: (a: number, b: number, c: number, d: number) => [number, number];
    readonly explorer_set_dark: (a: number, b: number) => void;
    readonly explorer_set_elasticities: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_language: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_preset: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_rates: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_step: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_theme: (a: number, b: number, c: number) => number;
    readonly explorer_settle: (a: number) => [number, number, number];
    readonly explorer_share_query: (a: number, b: number) => [number, number];
    readonly explorer_source_line: (a: number) => [number, number];
    readonly explorer_step_date: (a: number) => [number, number];
    readonly explorer_story_applies: (a: number) => number;
    readonly explorer_story_flat: () => [number, number];
    readonly explorer_story_progress: () => [number, number];
    readonly explorer_story_step_known: (a: number, b: number) => number;
    readonly explorer_strings: (a: number) => [number, number, number];
    readonly explorer_summary: (a: number, b: number, c: number) => [number, number];
    readonly explorer_table: (a: number, b: number, c: number) => [number, number, number];
    readonly explorer_tariff_table: (a: number) => [number, number, number];
    readonly explorer_themes: () => [number, number];
    readonly explorer_timeline: (a: number) => [number, number, number];
    readonly explorer_title_in: (a: number, b: number) => [number, number];
    readonly explorer_url_query: (a: number) => [number, number];
    readonly explorer_version: (a: number) => [number, number];
    readonly start: () => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
