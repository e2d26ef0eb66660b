// The types the page's modules share, for `tsc --checkJs` (jsconfig.json at the repository root; `cargo xtask
// lint` runs it): the mount context `ctx` that www/mount.js creates and the modules under www/mount/ read and
// write, the shapes of the objects Rust hands over as JavaScript values, and the messages to and from the Web
// Worker. Types only: nothing here reaches the browser. The Explorer classes are wasm-bindgen's declarations of
// the page's module (pkg/) and of the full module that also reads a reader's files (pkg/full/).

import type * as PageModule from '../../pkg/na_trade_explorer.js';
import type * as FullModule from '../../pkg/full/na_trade_explorer.js';

/** The page's module's explorer: every method the page may call before a reader picks a file. */
export type Explorer = PageModule.Explorer;
/** The full module's explorer: also reads a reader's files, compares scenarios and writes scenario files. */
export type FullExplorer = FullModule.Explorer;

/** A loaded module, as `loadModule` (wasm.js) resolves it: its Explorer class and the wasm exports. */
export interface PageApi { Explorer: typeof PageModule.Explorer; exports: PageModule.InitOutput }
export interface FullApi { Explorer: typeof FullModule.Explorer; exports: FullModule.InitOutput }
export type Api = PageApi | FullApi;

/** The glue of either module, as the worker imports it by URL. */
export type GlueModules = { page: typeof PageModule; full: typeof FullModule };

declare global {
  /** The single-file build only: the full module's wasm as base64 (xtask's `bundle_single_file`). */
  const NATX_WASM_BASE64: string;
  /** The single-file build only: the French and Spanish catalogues, by language code. */
  const NATX_CATALOGUES: Record<string, unknown>;
  interface Window {
    /** The page's or the embed page's explorer, for tests (app.js, embed.js, compare.js). */
    __natx?: Handle;
    /** Scenario A against B: both explorers, for tests (compare.js). */
    __natxCompare?: Handle<FullExplorer>[];
  }
}

// What Rust hands over as JavaScript values (serde), by the method that returns it.

/** `Explorer.presets()`. */
export interface Preset { id: string; name: string; description: string; date: string }
/** `Explorer.controls()`. */
export interface Control { id: string; label: string; rule: string; min: number; max: number; step: number; unit: string; value: number }
/** `Explorer.control_values()`. */
export interface ControlValue { id: string; value: number }
/** `Explorer.elasticity_sets()`. */
export interface ElasticitySet { id: string; label: string; source: string }
/** `Explorer.timeline()`. */
export interface TimelineEvent { id: string; date: string; title: string; source: string }
/** `Explorer.headlines()`. */
export interface Headline { label: string; value: string; source: string }
/** `Explorer.apply_url()`: a link's part that was ignored, in the reader's language. */
export interface Notice { message: string }
/** `Explorer.data_source_links()`, `scenario_source_links()`. */
export interface SourceLink { text: string; url: string | null }
/** `Explorer.table(chart)`, `compare_elasticities()`: cells formatted for the reader. */
export interface DataTable { caption: string; headers: string[]; rows: string[][] }
/** `Explorer.languages()`: `[code, name in itself]`. */
export type Language = [code: string, name: string];
/** `Explorer.tariff_table()` (full module): rates in percent, one row per importer × exporter pair; `sectors`
 *  are the short names for the headings, `sector_names` the full ones. */
export interface TariffTable {
  sectors: string[];
  sector_names: string[];
  rows: { importer: number; exporter: number; label: string; rates: number[]; base: number[]; set: boolean[] }[];
}
/** `Explorer.parse_paste()` (full module): rows of numbers, `null` for an empty cell. */
export type PastedBlock = (number | null)[][];
/** `Explorer.advance()` (full module): one slice of a pending load. */
export interface Progress { done: boolean; iteration: number; residual: number; fraction: number; message: string }
/** `Explorer.compare_with()` (full module): scenario A against B. */
export interface Comparison { a: string; b: string; lines: { country: string; horizon: string; cells: string[] }[] }

// Options and handles of `mount` (www/mount.js) and `mountCompare` (www/mount/compare.js).

export type Theme = string;
/** What an explorer shows of its controls: `all`, a scenario `picker`, or `none`. */
export type ControlsShown = 'all' | 'picker' | 'none';

/** `mount(element, options)`: see the comment on `mount` and README.md ("JavaScript API"). */
export interface MountOptions {
  /** A preset id; `step` (a timeline date, `YYYY-MM-DD`) wins over it. */
  scenario?: string;
  step?: string;
  /** A language code or tag; default: the browser's language. */
  lang?: string;
  /** `auto`, `light`, `dark`, `plain` or `plain-dark` (Explorer.themes()). */
  theme?: Theme;
  /** Chart ids (Explorer.chart_ids()); default: all, or the embed's. */
  charts?: string[];
  /** A fixed height in CSS pixels (the explorer scrolls inside). */
  height?: number | string;
  /** `true` or `'all'` (default), `'picker'`, `false` or `'none'` (an embed's link may say anything: what is not
   *  `all` or `picker` shows no controls). */
  controls?: boolean | ControlsShown | string;
  /** The embed page: its address says what it shows, article-shaped by default. */
  embed?: boolean;
  header?: boolean;
  /** The "Sources and method" panel (default true). */
  sources?: boolean;
  /** A link's query string, applied first. */
  query?: string;
  /** Keep the address bar in sync (the full page). */
  history?: boolean;
  /** embed.html's address, for the embed builder. */
  embedUrl?: string;
  /** The full page's address, for an embed's links. */
  pageUrl?: string;
  /** Called after each update with the handle. */
  onChange?: (handle: Handle<Explorer>) => void;
  /** `'full'`: the module that also reads files and compares scenarios. */
  module?: 'full';
}

/** What `handle.update(next)` changes after mounting. */
export type UpdateOptions = Pick<MountOptions, 'scenario' | 'step' | 'lang' | 'theme' | 'charts' | 'height'>;

/** The handle `mount` resolves to (`E`: the full module's explorer when mounted with `module: 'full'`). */
export interface Handle<E extends Explorer = Explorer> {
  /** The wasm Explorer in use (it changes once, when a reader first loads a file of their own). */
  readonly explorer: E;
  root: HTMLDivElement;
  /** Set by app.js and embed.js once the explorer is ready (tests read it). */
  readyAt?: number;
  timings: Timing[];
  rangeTimings: number[];
  solveTimings: number[];
  installTimings: number[];
  cancelTimings: number[];
  debugWorkerPanic(): Promise<string>;
  memoryBytes(): number;
  redraw(): void;
  update(next?: UpdateOptions): Promise<void>;
  destroy(): void;
}

/** `mountCompare(element, options)`: `compare` is `A,B`, each a preset id or `step:YYYY-MM-DD`. */
export interface CompareOptions {
  compare: string;
  query?: string;
  history?: boolean;
  embed?: boolean;
  embedUrl?: string;
  pageUrl?: string;
  onChange?: () => void;
}

/** One applied change's times in milliseconds: from the input, and of the frame's work (updates.js). */
export interface Timing { total: number; work: number }

// Changes: every input becomes one (`ctx.request`, written by updates.js), applied together once per frame.

interface ChangeBase {
  /** When it was requested (updates.js). */
  t0?: number;
  /** Why Rust refused it (updates.js), shown under the box that sent it. */
  error?: unknown;
  /** A frame of a slider's drag: a draft solve, only the charts on screen redrawn. */
  transient?: boolean;
  /** The input that sent it (a slider or its number box). */
  source?: HTMLInputElement;
}
/** A slider's move (the only change that can be `transient`). */
export type ControlChange = Extract<Change, { kind: 'control' }>;
export type Change = ChangeBase & (
  | { kind: 'control'; id: string; value: number }
  | { kind: 'rates'; edits: number[] }
  | { kind: 'preset' | 'step' | 'elasticities' | 'lang' | 'theme' | 'url'; value: string }
  | { kind: 'settle' | 'reset' | 'none' | 'builtin' }
);

// The elements the modules share, in `ctx.dom` (kept across rebuilds: a module that builds an element replaces it).

/** One chart (results.js builds it; figures.js draws it). */
export interface Figure {
  chart: string;
  figure: HTMLElement;
  box: HTMLDivElement;
  canvas: HTMLCanvasElement;
  desc: HTMLParagraphElement;
  table: HTMLDivElement;
  toggle: HTMLButtonElement;
  /** On screen (results.js's IntersectionObserver). */
  visible: boolean;
  /** Skipped by a light render: drawn again in the first frame without a move. */
  stale: boolean;
  /** CSS pixels of the last full render (figures.js). */
  size?: [number, number];
}

/** A slider with its number box (controls.js). */
export interface ControlItem { range: HTMLInputElement; number: HTMLInputElement; problem: HTMLParagraphElement; unit: string }

/** One cell of the tariff table (table.js). */
export interface RateCell { input: HTMLInputElement; note: HTMLSpanElement; mine: HTMLSpanElement }

export interface Dom {
  // mount.js (every build)
  notices: HTMLDivElement;
  tooltip: HTMLDivElement;
  // results.js (every build)
  scenarioName: HTMLHeadingElement;
  summary: HTMLParagraphElement;
  announce: HTMLParagraphElement;
  status: HTMLParagraphElement;
  panic: HTMLParagraphElement;
  rangesNote: HTMLParagraphElement;
  compare: HTMLDetailsElement;
  compareTable: HTMLDivElement;
  figures: Figure[];
  /** results.js: the "Sources and method" panel (null when not shown). */
  sourcesPanel: HTMLDetailsElement | null;
  /** results.js, with the sources panel. */
  scenarioSources: HTMLUListElement;
  /** results.js: an embed's scenario menu (`controls=picker`). */
  picker?: HTMLSelectElement;
  /** results.js: an embed's link to the full explorer. */
  openFull?: HTMLAnchorElement;
  // controls.js, when the controls are built (the fields without `?` are read only from those controls, or after a
  // check of `presetSelect`)
  controls?: Map<string, ControlItem>;
  presets: Preset[];
  presetSelect: HTMLSelectElement;
  presetDescription: HTMLParagraphElement;
  stepSelect: HTMLSelectElement;
  elasticitySelect: HTMLSelectElement;
  /** controls.js: the timeline's dates. */
  events: string[];
  play: HTMLButtonElement;
  inForce?: HTMLUListElement;
  inForceNone: HTMLParagraphElement;
  // table.js, with the controls (syncTable checks it)
  table: { details: HTMLDetailsElement; scroll: HTMLDivElement; inputs: RateCell[][]; rows: [number, number][]; built: boolean };
  // live-bar.js
  liveBar?: HTMLDivElement;
  // share.js
  shareStatus: HTMLParagraphElement;
  // own-data.js
  progress: HTMLProgressElement;
  progressText: HTMLParagraphElement;
  cancelLoad: HTMLButtonElement;
}

// The Web Worker (worker-client.js on the page, www/worker.js in the worker).

/** A reader's file to load (own-data.js). */
export type LoadJob =
  | { type: 'economy'; text: string; name: string; rebase: boolean; balanced: boolean }
  | { type: 'scenario'; text: string; name: string; query: string | null; custom: number | null; elasticities: string };
/** A request as worker-client.js's `request` takes it (it adds `id`, `lang` and `catalogue`). */
export type WorkerJob =
  | { type: 'warm' }
  | { type: 'debug-panic' }
  | { type: 'ranges'; query: string; custom: number | null }
  | { type: 'story' }
  | LoadJob;
/** A request as the worker gets it: with its id, and the reader's language and its texts. */
export type WorkerTask = WorkerJob & { id: number; lang: string; catalogue: string | null };
/** A message to the worker. */
export type WorkerRequest = WorkerTask | { type: 'cancel'; id: number };
/** What the worker's `done` carries for a request: the ranges, or a loaded state (its large arrays apart). */
export type DoneReply<J extends WorkerJob> = J extends { type: 'ranges' } ? { type: 'done'; flat: Float64Array }
  : J extends { type: 'story' } ? { type: 'done'; flat: Float64Array; ms: number }
  : J extends LoadJob ? { type: 'done'; state: unknown; numbers: Float64Array; scenario: Float64Array | null }
  : { type: 'done' };
/** How a request ends (never `progress`). */
export type FinalReply<J extends WorkerJob = WorkerJob> = { id?: number } & (
  | DoneReply<J>
  | { type: 'error'; message: string }
  | { type: 'panic'; message: string }
  | { type: 'cancelled' }
  | { type: 'unavailable' }
);
/** A request waiting for its reply (worker-client.js): its progress callback, the message once posted. */
export interface Waiting {
  onProgress?: (progress: { fraction: number; message: string }) => void;
  posted: WorkerRequest | null;
  resolve(reply: FinalReply): void;
}
/** A message from the worker: `progress` any number of times, then how the request ended. */
export type WorkerReply = { id: number } & ({ type: 'progress'; fraction: number; message: string } | FinalReply);
/** What `request` returns: a promise of how the request ended, carrying the request's id. */
export type PendingReply<J extends WorkerJob = WorkerJob> = Promise<FinalReply<J>> & { id: number };

/** `ctx.worker` (worker-client.js). */
export interface WorkerClient {
  available(): boolean;
  request<J extends WorkerJob>(message: J, onProgress?: (progress: { fraction: number; message: string }) => void): PendingReply<J>;
  warm(): void;
  cancel(id: number): void;
  debugPanic(): Promise<string>;
  reportPanic(reply: { message: string }): void;
  stop(): void;
}

/**
 * The context one mounted explorer's modules share (`ctx`). www/mount.js creates it with these fields, then adds
 * the rest of `Context`; each field says which module writes it (the others only read it).
 */
export interface ContextFields {
  /** The loaded module. mount.js; own-data.js's `upgrade` swaps in the full one (once). */
  api: Api;
  /** The options `mount` was given, with defaults. mount.js (`handle.update` writes `height`). */
  opts: MountOptions;
  /** A prefix for element ids, unique on the page. mount.js. */
  id: string;
  /** The wasm explorer. mount.js; own-data.js's `upgrade` swaps in the full module's (once). */
  explorer: Explorer;
  /** mount.js, from Rust (Explorer.languages(), chart_ids(), themes()). */
  languages: Language[];
  chartIds: string[];
  themes: string[];
  /** A link's ignored parts. mount.js and updates.js (from `apply_url`); results.js removes a dismissed one. */
  notices: Notice[];
  /** The shared elements; each field says its module. */
  dom: Dom;
  /** The interface's texts in the current language. mount.js (`build`). */
  strings: Record<string, string>;
  /** The theme chosen through the options, the handle or the menu (null: the link's). mount.js, updates.js. */
  theme: Theme | null;
  /** The charts chosen through the options, the handle or the link (null: all). mount.js. */
  charts: string[] | null;
  /** The timeline's Play timer. controls.js. */
  playing: number | null;
  /** Times of each applied change (updates.js), of the ranges (updates.js, worker-client.js), of a reader's
   *  file solved, installed and cancelled (own-data.js). Read by tests and benchmarks through the handle. */
  timings: Timing[];
  rangeTimings: number[];
  solveTimings: number[];
  installTimings: number[];
  cancelTimings: number[];
  /** How many reader's files were started (a newer one takes over the progress bar). own-data.js. */
  loads: number;
  /** The id of the worker request whose state the explorer holds (a reader's data the worker loaded), or null.
   *  own-data.js; worker-client.js clears it when the worker is replaced. */
  workerState: number | null;
  /** The explorer's root element. mount.js. */
  root: HTMLDivElement;
  /** `prefers-color-scheme: dark`. mount.js. */
  media: MediaQueryList | null;
}

/** The context, complete: `ContextFields` and what mount.js, updates.js, worker-client.js and others add. */
export interface Context extends ContextFields {
  /** What is shown of the controls: `all`, `picker` or `none` (Rust's `controls_shown()` for an embed). mount.js. */
  controlsShown: ControlsShown | string | undefined;
  /** The catalogue's text for `key` with `{name}` placeholders filled. mount.js. */
  t(key: string, values?: Record<string, string | number>): string;
  /** The chart ids on screen. mount.js. */
  shownCharts(): string[];
  /** The theme in use (chosen, else the link's, else `auto`). mount.js. */
  currentTheme(): Theme;
  applyTheme(): void;
  /** Show an error (or clear it) in the alert line. mount.js. */
  showError(error: unknown): void;
  clearError(): void;
  /** The controls follow Rust after changes (controls.js's `syncControls`). mount.js. */
  syncControls(changes?: Change[], ok?: boolean): void;
  /** Draw the result (`light`: a frame of a drag). mount.js. */
  render(options?: { light?: boolean }): void;
  /** Build the whole interface again. mount.js. */
  build(): void;
  /** Build, sync, render and schedule the ranges. mount.js. */
  refresh(): void;
  /** updates.js. */
  scheduleRanges(): void;
  request(change: Change): void;
  stopUpdates(): void;
  /** worker-client.js. */
  worker: WorkerClient;
  /** The story chart's timeline, solved once it is missing and on screen; the embed's step protocol stopped.
   *  story.js. */
  scheduleStory(): void;
  stopStory(): void;
  /** Ranges in the worker from `started` (ms); false when the page must compute them. worker-client.js. */
  rangesWorker(started: number): boolean;
  /** mount.js. */
  handle: Handle<Explorer>;
  /** Which charts are on screen. results.js. */
  visibility?: IntersectionObserver;
  /** The summary's announcement timer. results.js. */
  announceTimer?: number;
  /** The leave-page warning with a reader's economy. own-data.js. */
  unloadGuard?: (event: BeforeUnloadEvent) => void;
  /** Stop the reader's file being loaded. own-data.js. */
  cancelLoad?: (() => void) | null;
  /** Whether the tariff table is open (it opens again after the rebuild that swaps in the full module). table.js. */
  tableOpen?: boolean;
  /** The link of the scenario last saved as a file. share.js. */
  savedQuery?: string;
  /** When a history entry was last pushed. share.js. */
  lastHistoryPush?: number;
}
