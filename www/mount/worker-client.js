// The page's side of the Web Worker (www/worker.js, built into pkg/worker.js): it sends the long work there (a
// reader's files, the uncertainty ranges) and installs what comes back in the page's explorer, so that the main
// thread only does the short, synchronous part (installing a result, drawing). One worker per mounted explorer,
// started the first time it is needed. A Cancel answers at once: if the worker has not stopped within 100 ms
// (it is inside one long call, such as a rebase), it is terminated and a new one starts with the next request.
// A panic in the worker is reported on the page and the worker replaced.
//
// Fallback: where module workers are not available — the single-file page (from file:// its inline script has no
// worker script next to it; tried in headless Chromium from file://: a module worker from a blob: URL fails to
// start, one from a data: URL starts and compiles wasm, so a data: URL carrying the worker, glue and wasm could
// serve it later), browsers without `Worker`, a worker that fails to start — everything runs as before on the
// main thread in slices of bounded work (own-data.js `runPending`, updates.js ranges slices).
// @ts-check

import { catalogueText, languageCodes } from './wasm.js';
/** @import { Context, FinalReply, PendingReply, Waiting, WorkerJob, WorkerReply } from './types' */

const WORKER_URL = './worker.js';
const CANCEL_GRACE_MS = 100;

/** Attach `ctx.worker` (requests to the worker) and `ctx.rangesWorker` (used by updates.js).
 * @param {Context} ctx */
export function attachWorker(ctx) {
  /** @type {Worker | null} */
  let worker = null;
  let broken = typeof Worker === 'undefined' || typeof NATX_WASM_BASE64 !== 'undefined';
  let nextId = 0;
  /** @type {Map<number, Waiting>} */
  const waiting = new Map();
  /** @type {PendingReply | null} */
  let rangesRequest = null;
  /** @type {string | null} */
  let failedKey = null;

  // Requests cancelled whose worker has not yet confirmed that it stopped.
  /** @type {Set<number>} */
  const cancelling = new Set();
  /** @param {FinalReply} reply */
  const settleAll = (reply) => {
    for (const [id, entry] of waiting) entry.resolve({ id, ...reply });
    waiting.clear();
  };
  const stop = () => {
    if (worker) worker.terminate();
    worker = null;
    cancelling.clear();
    // The new worker holds no reader's economy: the page's explorer no longer matches it.
    ctx.workerState = null;
  };
  const start = () => {
    try {
      worker = new Worker(new URL(WORKER_URL, import.meta.url), { type: 'module' });
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (event) => {
      /** @type {WorkerReply} */
      const reply = event.data;
      if (reply.type === 'panic') { stop(); settleAll({ type: 'panic', message: reply.message }); return; }
      if (cancelling.has(reply.id)) { if (reply.type !== 'progress') cancelling.delete(reply.id); return; }
      const entry = waiting.get(reply.id);
      if (!entry) return;
      if (reply.type === 'progress') { if (entry.onProgress) entry.onProgress(reply); return; }
      waiting.delete(reply.id);
      entry.resolve(reply);
    };
    // A script that does not load (or a module that fails to start): this page keeps to the main thread.
    worker.onerror = (event) => { event.preventDefault(); broken = true; stop(); settleAll({ type: 'unavailable' }); };
    return worker;
  };

  /** Send `message` to the worker; resolves to its final reply (`done`, `error`, `cancelled`, `unavailable`,
   *  `panic`). `onProgress` receives `{fraction, message}`. The promise carries the request's `id`.
   * @template {WorkerJob} J
   * @param {J} message
   * @param {Waiting['onProgress']} [onProgress]
   * @returns {PendingReply<J>} */
  const request = (message, onProgress) => {
    if (broken || (!worker && !start())) return Object.assign(Promise.resolve(/** @type {FinalReply<J>} */ ({ type: 'unavailable' })), { id: 0 });
    const id = ++nextId;
    /** @type {Waiting} */
    const entry = { onProgress, posted: null, resolve: () => {} };
    /** @type {Promise<FinalReply<J>>} */
    const reply = new Promise((resolve) => { entry.resolve = resolve; });
    waiting.set(id, entry);
    // The reader's language goes with the request (the worker's progress text is in English without it).
    const lang = ctx.explorer.language();
    const text = lang === 'en' ? null : catalogueText(lang, languageCodes(ctx.api));
    Promise.resolve(text).catch(() => null).then((catalogue) => {
      entry.posted = { ...message, id, lang, catalogue };
      if (waiting.has(id) && worker) worker.postMessage(entry.posted);
    });
    return Object.assign(reply, { id });
  };

  /** Stop request `id`: it resolves as `cancelled` at once. The worker stops at its next slice; if it has not
   *  confirmed within CANCEL_GRACE_MS (it is inside one long call), it is replaced and the other requests go to
   *  the new one.
   * @param {number} id */
  const cancel = (id) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    entry.resolve({ id, type: 'cancelled' });
    if (!worker) return;
    cancelling.add(id);
    worker.postMessage({ type: 'cancel', id });
    setTimeout(() => {
      if (!cancelling.has(id)) return;
      stop();
      const next = waiting.size ? start() : null;
      if (!next) { settleAll({ type: 'unavailable' }); return; }
      for (const other of waiting.values()) if (other.posted) next.postMessage(other.posted);
    }, CANCEL_GRACE_MS);
  };

  ctx.worker = {
    available: () => !broken,
    request,
    /** Start the worker and its explorer now (after the first charts), not when the first ranges are asked for. */
    warm: () => { if (!broken) request({ type: 'warm' }); },
    cancel,
    /** For tests: make the worker panic (Explorer.debug_panic). */
    debugPanic: () => request({ type: 'debug-panic' }).then((reply) => {
      if (reply.type === 'panic') ctx.worker.reportPanic(reply);
      return reply.type;
    }),
    /** Report a panic reply on the page (the explorer on the page is untouched and stays usable). */
    reportPanic: (reply) => ctx.showError(new Error(ctx.t('ui.worker_failed', { message: reply.message }))),
    stop,
  };

  // After the worker's ranges, the other horizon of a scenario that shows both: one solve, here in slices.
  /** @param {string} query @param {number} started */
  const finishHorizon = (query, started) => {
    const explorer = ctx.explorer;
    if (explorer.url_query() !== query || !explorer.has_ranges()) return;
    let done;
    try {
      done = explorer.compute_ranges();
    } catch (error) {
      ctx.showError(error);
      ctx.render();
      return;
    }
    if (!done) { setTimeout(() => finishHorizon(query, started), 0); return; }
    ctx.rangeTimings.push(performance.now() - started);
    ctx.render();
  };

  // The ranges: of a built-in scenario (named by its link), or of a reader's data this worker loaded (while the
  // page's explorer holds the same state: `workerState`). Adopted if the page still shows that state. Returns
  // false when the page must compute them itself (no worker, data the worker does not hold, a worker that failed
  // on this very state).
  ctx.rangesWorker = (started) => {
    const explorer = ctx.explorer;
    // A reader's scenario on the built-in economy is in its link: only a reader's economy needs the worker's copy.
    const custom = explorer.own_economy() ? ctx.workerState : null;
    if (broken || (explorer.own_economy() && custom == null)) return false;
    const query = explorer.url_query();
    const key = `${custom}|${query}`;
    const same = () => ctx.explorer.own_economy() === (custom != null) && (custom == null || ctx.workerState === custom);
    if (key === failedKey) return false;
    if (rangesRequest) cancel(rangesRequest.id);
    const pending = request({ type: 'ranges', query, custom });
    rangesRequest = pending;
    pending.then((reply) => {
      if (rangesRequest === pending) rangesRequest = null;
      if (!same()) return;
      if (reply.type === 'done') {
        if (ctx.explorer.adopt_ranges(query, reply.flat)) finishHorizon(query, started);
      } else if (reply.type === 'error') {
        if (ctx.explorer.adopt_ranges_failure(query, reply.message)) { ctx.showError(new Error(reply.message)); ctx.render(); }
      } else if (reply.type === 'panic' || reply.type === 'unavailable') {
        // Here, in slices, from now on for this state.
        failedKey = key;
        if (reply.type === 'panic') ctx.worker.reportPanic(reply);
        if (ctx.explorer.url_query() === query && !ctx.explorer.has_ranges()) ctx.scheduleRanges();
      }
    });
    return true;
  };
}
