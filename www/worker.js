// The page's Web Worker (bundled into pkg/worker.js; started by mount/worker-client.js): it runs the wasm module
// for the long work, so that the page's main thread never waits on a solve: a reader's economy or scenario file
// (parse, checks, rebase, solve) with the full module, and the uncertainty ranges: of a built-in scenario with the
// page's module, of a reader's data with the explorer that loaded them. Requests run one at a time, in slices of bounded work (Rust's SLICE_WORK); between slices the
// worker yields to its message queue, so a `cancel` stops the work at the next slice.
//
// Messages in: { id, type: 'warm' | 'economy' | 'scenario' | 'ranges' | 'story' | 'cancel' | 'debug-panic', ... } (see
// worker-client.js). Messages out: { id, type: 'progress' | 'done' | 'error' | 'cancelled' | 'unavailable' |
// 'panic', ... }. After a panic (a Rust bug: the module traps) the worker says so and takes no more work; the
// page starts a new one.
// @ts-check (with the Web Worker's globals: jsconfig.worker.json)

/** @import { Explorer, FullExplorer, GlueModules, Progress, WorkerRequest, WorkerTask } from './mount/types' */

// Relative to pkg/worker.js. URLs rather than literal imports: esbuild leaves them alone, and a module is only
// fetched when a request needs it (the ranges of a built-in scenario never fetch the full module).
const MODULES = { page: './na_trade_explorer.js', full: './full/na_trade_explorer.js' };
/** @type {{ [K in keyof GlueModules]?: Promise<GlueModules[K]> }} */
const modules = {};
/** @type {<K extends keyof GlueModules>(kind: K) => Promise<GlueModules[K]>} */
const load = (kind) => {
  if (!modules[kind]) modules[kind] = import(new URL(MODULES[kind], import.meta.url).href).then(async (m) => { await m.default(); return m; });
  return modules[kind];
};

/** The message of anything thrown (as mount/dom.js's `messageOf`, which this bundle does not import).
 * @param {unknown} error */
const messageOf = (error) => (error && typeof error === 'object' && 'message' in error && error.message ? String(error.message) : String(error));

// The Rust panic hook writes its message with console.error; keep it for the page.
let lastPanic = '';
const consoleError = console.error.bind(console);
console.error = (...args) => {
  const text = args.map(String).join(' ');
  if (text.startsWith('Internal error')) lastPanic = text;
  consoleError(...args);
};

// The explorer that loads a reader's files (full module) and the id of the request whose state it holds (the
// page's explorer holds the same state while its `workerState` is that id); the explorer for ranges.
/** @type {FullExplorer | null} */
let loader = null;
/** @type {number | null} */
let loaderState = null;
/** @type {Explorer | null} */
let ranger = null;
/** @type {WorkerTask[]} */
const queue = [];
/** @type {Set<number>} */
const cancelled = new Set();
let running = false;
let dead = false;

/** @param {object} message @param {Transferable[]} [transfer] */
const post = (message, transfer) => self.postMessage(message, transfer || []);
// A task boundary without the 4 ms clamp of nested timers: the message queue (and any `cancel`) runs first.
const pause = () => new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(0); });

self.onmessage = (event) => {
  /** @type {WorkerRequest} */
  const message = event.data;
  if (message.type === 'cancel') { cancelled.add(message.id); return; }
  queue.push(message);
  if (!running && !dead) drain();
};

async function drain() {
  running = true;
  let message;
  while ((message = queue.shift())) {
    try {
      if (cancelled.has(message.id)) post({ id: message.id, type: 'cancelled' });
      else await handle(message);
    } catch (error) {
      // A trap (`unreachable`) is a Rust panic: this instance is no longer usable.
      if (error instanceof WebAssembly.RuntimeError) {
        dead = true;
        post({ id: message.id, type: 'panic', message: lastPanic || String(error) });
        return;
      }
      post({ id: message.id, type: 'error', message: messageOf(error) });
    }
    cancelled.delete(message.id);
  }
  running = false;
}

/** The explorer for the ranges of built-in scenarios (the page's module), built once. */
async function rangesExplorer() {
  const api = await load('page');
  if (!ranger) ranger = new api.Explorer('en');
  return ranger;
}

/** The reader's language in a module (its texts come with the request: the worker fetches nothing else).
 * @param {GlueModules['full']} api
 * @param {FullExplorer} explorer
 * @param {{ lang: string, catalogue: string | null }} message */
function useLanguage(api, explorer, message) {
  if (message.catalogue && !api.Explorer.language_ready(message.lang)) api.Explorer.load_language(message.lang, message.catalogue);
  explorer.set_language(message.lang);
}

/** Run the pending solve of `explorer` in slices with progress; false when cancelled.
 * @param {FullExplorer} explorer
 * @param {number} id */
async function solvePending(explorer, id) {
  for (;;) {
    /** @type {Progress} */
    const progress = explorer.advance(1);
    post({ id, type: 'progress', fraction: progress.fraction, message: progress.message });
    if (progress.done) return true;
    await pause();
    if (cancelled.has(id)) { explorer.cancel_pending(); return false; }
  }
}

/** @param {WorkerTask} message */
async function handle(message) {
  const { id } = message;
  if (message.type === 'debug-panic') {
    const api = await load('page');
    api.Explorer.debug_panic();
  } else if (message.type === 'warm') {
    // Ready before the first ranges: the page's module compiled and the explorer for ranges built.
    await rangesExplorer();
    post({ id, type: 'done' });
  } else if (message.type === 'story') {
    // The year as a story (built-in data, page's module): one date per slice, the numbers to the page.
    const api = await load('page');
    const started = performance.now();
    while (!api.Explorer.advance_story()) {
      await pause();
      if (cancelled.has(id)) { post({ id, type: 'cancelled' }); return; }
    }
    const flat = api.Explorer.story_flat();
    post({ id, type: 'done', flat, ms: performance.now() - started }, [flat.buffer]);
  } else if (message.type === 'ranges') {
    // A built-in scenario (its link) in the page's module, or the reader's data this worker loaded.
    let explorer;
    if (message.custom == null) {
      explorer = await rangesExplorer();
      explorer.apply_url(message.query);
    } else if (loader && loaderState === message.custom) {
      explorer = loader;
    } else {
      post({ id, type: 'unavailable' });
      return;
    }
    // Only the ranges: the other horizon of some scenarios is the page's (one solve, in its own slices).
    for (;;) {
      const done = explorer.compute_ranges();
      if (explorer.has_ranges()) break;
      if (done) { post({ id, type: 'unavailable' }); return; }
      await pause();
      if (cancelled.has(id)) { post({ id, type: 'cancelled' }); return; }
    }
    const flat = explorer.ranges_flat();
    post({ id, type: 'done', flat }, [flat.buffer]);
  } else if (message.type === 'economy' || message.type === 'scenario') {
    const api = await load('full');
    if (!loader) loader = new api.Explorer(message.lang);
    useLanguage(api, loader, message);
    if (message.type === 'economy') {
      // Parse and checks run in one call; the optional rebase runs in slices with the solve (solvePending), so a
      // Cancel takes effect at the next slice (the page stops waiting at once: see worker-client.js).
      loader.begin_economy(message.text, message.name, message.rebase, message.balanced);
    } else {
      // The scenario is solved against the page's economy: the built-in one (its link says which elasticities)
      // or the reader's economy this worker loaded, when the page still uses it.
      if (message.query !== null) {
        if (loader.is_custom()) loader.reset_to_builtin();
        loader.apply_url(message.query);
        loaderState = null;
      } else if (loaderState === null || loaderState !== message.custom) {
        post({ id, type: 'unavailable' });
        return;
      } else if (loader.elasticities() !== message.elasticities) {
        loader.set_elasticities(message.elasticities);
      }
      loader.begin_scenario(message.text, message.name);
    }
    if (cancelled.has(id)) { loader.cancel_pending(); post({ id, type: 'cancelled' }); return; }
    if (!(await solvePending(loader, id))) { post({ id, type: 'cancelled' }); return; }
    loader.finish_pending();
    loaderState = id;
    const economy = message.type === 'economy';
    const numbers = loader.loaded_numbers(economy);
    // After a scenario: the scenario the worker built, so that the page does not expand it again.
    const scenario = economy ? null : loader.scenario_numbers();
    post({ id, type: 'done', state: loader.loaded_state(economy), numbers, scenario }, scenario ? [numbers.buffer, scenario.buffer] : [numbers.buffer]);
  }
}
