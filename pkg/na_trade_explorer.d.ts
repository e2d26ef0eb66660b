/* tslint:disable */
/* eslint-disable */

/**
 * The explorer: baseline, chosen preset, controls, elasticities, and the last good result.
 */
export class Explorer {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Whether any control differs from the preset.
     */
    adjusted(): boolean;
    /**
     * The controls with their current values: `[{id, label, min, max, step, unit, value, rule}]`.
     */
    controls(): any;
    /**
     * Draw a chart (`flows`, `welfare`, `trade`, `supply`, `revenue`) onto a canvas whose backing store is already
     * sized in device pixels; `scale` is the device pixel ratio.
     */
    draw(chart: string, canvas: HTMLCanvasElement, scale: number): void;
    /**
     * The id of the current elasticity set (`default` for the file's own).
     */
    elasticities(): string;
    /**
     * The elasticity sets a reader can pick: `[{id, label, source}]` (the first is the default).
     */
    elasticity_sets(): any;
    /**
     * The baseline's headline figures: `[{label, value, source}]`.
     */
    headlines(): any;
    /**
     * The exact value under a point of a drawn chart (device pixels), if any.
     */
    hit(chart: string, x: number, y: number): string | undefined;
    /**
     * Load the built-in 2024 baseline and solve the first preset.
     */
    constructor();
    /**
     * The id of the current preset.
     */
    preset_id(): string;
    /**
     * The presets: `[{id, name, description, date, sources}]`.
     */
    presets(): any;
    /**
     * Back to the current preset's own values.
     */
    reset(): void;
    /**
     * The full results of the current scenario (the keys of model.md's table plus `derived` and `solver`).
     */
    results(): any;
    /**
     * The title of the current scenario.
     */
    scenario_name(): string;
    /**
     * Move one control (percent) and solve. A value out of range or not a number is refused with a message and
     * changes nothing.
     */
    set_control(id: string, value: number): void;
    /**
     * Pick an elasticity set by id and solve.
     */
    set_elasticities(id: string): void;
    /**
     * Pick a preset: the controls move to the preset's values and the scenario is solved.
     */
    set_preset(id: string): void;
    /**
     * Choose the chart theme.
     */
    set_theme(dark: boolean, transparent: boolean): void;
    /**
     * The plain-language summary of the current result.
     */
    summary(): string;
}

/**
 * Install a panic hook that reports a panic on the page (in the element with id `panic-message`, if any) and in
 * the console. A panic is a bug: the page says so instead of failing silently.
 */
export function start(): void;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_explorer_free: (a: number, b: number) => void;
    readonly explorer_adjusted: (a: number) => number;
    readonly explorer_controls: (a: number) => [number, number, number];
    readonly explorer_draw: (a: number, b: number, c: number, d: any, e: number) => [number, number];
    readonly explorer_elasticities: (a: number) => [number, number];
    readonly explorer_elasticity_sets: (a: number) => [number, number, number];
    readonly explorer_headlines: (a: number) => [number, number, number];
    readonly explorer_hit: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly explorer_new: () => [number, number, number];
    readonly explorer_preset_id: (a: number) => [number, number];
    readonly explorer_presets: (a: number) => [number, number, number];
    readonly explorer_reset: (a: number) => [number, number];
    readonly explorer_results: (a: number) => [number, number, number];
    readonly explorer_scenario_name: (a: number) => [number, number];
    readonly explorer_set_control: (a: number, b: number, c: number, d: number) => [number, number];
    readonly explorer_set_elasticities: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_preset: (a: number, b: number, c: number) => [number, number];
    readonly explorer_set_theme: (a: number, b: number, c: number) => void;
    readonly explorer_summary: (a: number) => [number, number];
    readonly start: () => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
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
