// Bring your own economy or scenario: the file is read, checked (and rebased if asked) and solved in the page's
// Web Worker (mount/worker-client.js) with progress and a Cancel button; the page's explorer then installs the
// worker's result without solving again. Without a worker, the same work runs here, the solve in slices of bounded
// work. The first file swaps in the full module (the page's explorer needs it to install a reader's data).
// @ts-check

import { el, messageOf } from './dom.js';
import { loadModule, ensureLanguages } from './wasm.js';
/** @import { Context, FullExplorer, LoadJob, Progress } from './types' */
/** @typedef {{ kind: 'economy' | 'scenario', text: string, name: string, rebase: boolean, balanced: boolean, input: { value: string } }} Job */

/** The own-data box: rebase options, the two file inputs, progress.
 * @param {Context} ctx */
export function buildOwnData(ctx) {
  const { dom, t, id } = ctx;
  // A reader's economy is in no link: leaving the page would lose it and the work on it, unless just saved.
  if (!ctx.unloadGuard) {
    ctx.unloadGuard = (event) => {
      if (ctx.explorer && ctx.explorer.own_economy() && ctx.savedQuery !== ctx.explorer.url_query()) { event.preventDefault(); event.returnValue = ''; }
    };
    window.addEventListener('beforeunload', ctx.unloadGuard);
  }
  const box = el('div', { className: 'natx-own-data' }, el('h3', { text: t('ui.own_data') }), el('p', { className: 'natx-description', text: t('ui.own_data_help') }));
  const economyId = `${id}-economy-file`;
  const scenarioId = `${id}-scenario-file`;
  const economyInput = el('input', { type: 'file', id: economyId, accept: '.json,.csv,application/json,text/csv', 'data-natx-file': 'economy' });
  const scenarioInput = el('input', { type: 'file', id: scenarioId, accept: '.json,application/json', 'data-natx-file': 'scenario' });
  dom.progress = el('progress', { max: 100, value: 0, hidden: true, 'aria-label': t('ui.solving_label') });
  // Raw data (such as the Caliendo–Parro replication files) are often not an exact equilibrium: the reader can
  // ask for the paper's rebase, optionally with every trade deficit set to zero.
  const rebaseId = `${id}-rebase`;
  const balancedId = `${id}-balanced`;
  const rebaseBox = el('input', { type: 'checkbox', id: rebaseId, 'data-natx-option': 'rebase' });
  const balancedBox = el('input', { type: 'checkbox', id: balancedId, 'data-natx-option': 'balanced-trade', disabled: true });
  rebaseBox.addEventListener('change', () => { balancedBox.disabled = !rebaseBox.checked; if (!rebaseBox.checked) balancedBox.checked = false; });
  const options = el('div', { className: 'natx-rebase' },
    el('p', { className: 'natx-check' }, rebaseBox, el('label', { for: rebaseId, text: t('ui.rebase') })),
    el('p', { className: 'natx-check' }, balancedBox, el('label', { for: balancedId, text: t('ui.rebase_balanced') })));
  dom.progressText = el('p', { className: 'natx-description', role: 'status' });
  dom.cancelLoad = el('button', { type: 'button', className: 'natx-cancel', hidden: true, 'data-natx-cancel': '', text: t('ui.cancel') });
  dom.cancelLoad.addEventListener('click', () => { if (ctx.cancelLoad) ctx.cancelLoad(); });
  /** @param {HTMLInputElement} input @param {'economy' | 'scenario'} kind */
  const load = async (input, kind) => {
    const file = input.files && input.files[0];
    if (!file) return;
    // A new file replaces a load still running.
    if (ctx.cancelLoad) ctx.cancelLoad();
    /** @type {string} */
    let text;
    try {
      // One size cap (checked before reading) and one decoding rule, Rust's, as in natx.
      ctx.api.Explorer.check_file_size(file.name, file.size);
      text = ctx.api.Explorer.decode_file(new Uint8Array(await file.arrayBuffer()), file.name);
      // Decoding and reading a large file are separate tasks (the page paints between them).
      await new Promise((resolve) => setTimeout(resolve, 0));
    } catch (error) {
      ctx.showError(error);
      input.value = '';
      return;
    }
    const job = { kind, text, name: file.name, rebase: rebaseBox.checked, balanced: balancedBox.checked, input };
    try {
      await upgrade(ctx);
      if (await loadInWorker(ctx, job)) return;
      // No worker (or it does not hold the reader's economy this scenario is for): here, in slices.
      if (kind === 'economy') fullExplorer(ctx).begin_economy(text, file.name, rebaseBox.checked, balancedBox.checked);
      else fullExplorer(ctx).begin_scenario(text, file.name);
    } catch (error) {
      ctx.showError(error);
      input.value = '';
      return;
    }
    ctx.clearError();
    runPending(ctx);
  };
  // Start fetching the full module as soon as a reader shows interest in loading a file.
  for (const input of [economyInput, scenarioInput]) {
    for (const event of ['pointerenter', 'focus']) input.addEventListener(event, () => loadModule('full').catch(() => {}), { once: true });
  }
  economyInput.addEventListener('change', () => load(economyInput, 'economy'));
  scenarioInput.addEventListener('change', () => load(scenarioInput, 'scenario'));
  box.append(options, el('label', { for: economyId, text: t('ui.load_economy') }), economyInput,
    el('label', { for: scenarioId, text: t('ui.load_scenario') }), scenarioInput, dom.progress, dom.cancelLoad, dom.progressText);
  return box;
}

// Switch to the module that also reads a reader's own files (once). The view carries over through its link
// (preset or step, moved controls, elasticities, language, theme, charts). Afterwards `fullExplorer(ctx)`.
/** @param {Context} ctx */
export async function upgrade(ctx) {
  if (ctx.api.Explorer.has_own_data()) return;
  let full;
  try {
    full = await loadModule('full');
  } catch (error) {
    throw new Error(ctx.t('ui.own_data_unavailable', { message: messageOf(error) }));
  }
  await ensureLanguages([ctx.explorer.language()], full);
  const next = new full.Explorer(ctx.explorer.language());
  next.apply_url(ctx.explorer.url_query());
  ctx.explorer.free();
  ctx.explorer = next;
  ctx.api = full;
  ctx.applyTheme();
  ctx.render();
}

/** The explorer in use once `upgrade` has run, typed as the full module's (whose methods read a reader's files and
 *  write scenario files): `upgrade` only returns once `ctx.api` is the full module (`has_own_data()`). Read at each
 *  use, as `ctx.explorer` is: a second `upgrade` running at the same time may have replaced the explorer.
 * @param {Context} ctx
 * @returns {FullExplorer} */
export const fullExplorer = (ctx) => /** @type {FullExplorer} */ (ctx.explorer);

/** @param {Context} ctx @param {number} fraction @param {string} message */
function showProgress(ctx, fraction, message) {
  const { dom } = ctx;
  dom.progress.hidden = false;
  dom.cancelLoad.hidden = false;
  dom.progress.value = Math.round(100 * fraction);
  dom.progressText.textContent = message;
}

/** @param {Context} ctx */
function endProgress(ctx) {
  ctx.dom.progress.hidden = true;
  ctx.dom.cancelLoad.hidden = true;
  ctx.cancelLoad = null;
}

// Stopped by the reader: the data in use stay (nothing was installed).
/** @param {Context} ctx @param {{ input: { value: string } }} job @param {number} cancelAt */
function stopped(ctx, job, cancelAt) {
  endProgress(ctx);
  job.input.value = '';
  ctx.dom.progressText.textContent = ctx.t('ui.load_cancelled');
  ctx.cancelTimings.push(performance.now() - cancelAt);
  ctx.root.dataset.cancelled = String(ctx.cancelTimings.length);
}

// The new data on screen: everything is rebuilt.
/** @param {Context} ctx @param {number} started */
function finished(ctx, started) {
  ctx.solveTimings.push(performance.now() - started);
  ctx.clearError();
  ctx.refresh();
  ctx.root.dataset.loaded = String(ctx.solveTimings.length);
}

// The file in the worker. Resolves to false when the worker cannot take it (the caller then works here).
/** @param {Context} ctx @param {Job} job @returns {Promise<boolean>} */
async function loadInWorker(ctx, job) {
  const explorer = ctx.explorer;
  if (!ctx.worker.available()) return false;
  const custom = explorer.own_economy();
  /** @type {LoadJob} */
  const message = job.kind === 'economy'
    ? { type: 'economy', text: job.text, name: job.name, rebase: job.rebase, balanced: job.balanced }
    : { type: 'scenario', text: job.text, name: job.name, query: custom ? null : explorer.url_query(), custom: custom ? ctx.workerState : null, elasticities: explorer.elasticities() };
  if (custom && job.kind === 'scenario' && ctx.workerState == null) return false;
  const started = performance.now();
  const generation = ++ctx.loads;
  showProgress(ctx, 0, ctx.t('ui.reading_file'));
  const pending = ctx.worker.request(message, (progress) => showProgress(ctx, progress.fraction, progress.message));
  let cancelAt = 0;
  ctx.cancelLoad = () => { cancelAt = performance.now(); ctx.worker.cancel(pending.id); };
  const reply = await pending;
  // A newer file replaced this one: its load owns the progress bar.
  if (generation !== ctx.loads) return true;
  if (reply.type === 'unavailable') { endProgress(ctx); return false; }
  if (reply.type === 'cancelled') { stopped(ctx, job, cancelAt); return true; }
  endProgress(ctx);
  ctx.dom.progressText.textContent = '';
  if (reply.type !== 'done') {
    job.input.value = '';
    if (reply.type === 'panic') ctx.worker.reportPanic(reply); else ctx.showError(new Error(reply.message));
    return true;
  }
  // The only synchronous work left here: install the worker's result (no solve), then draw.
  try {
    const t0 = performance.now();
    if (job.kind === 'economy') fullExplorer(ctx).install_economy(reply.state, reply.numbers, job.name);
    // The worker's built scenario and controls in force: nothing is parsed, expanded or solved here. (Its reply to a
    // scenario always carries the scenario: null only answers an economy.)
    else fullExplorer(ctx).install_scenario(reply.state, reply.numbers, /** @type {Float64Array} */ (reply.scenario), job.name);
    ctx.installTimings.push(performance.now() - t0);
    ctx.workerState = pending.id;
  } catch (error) {
    ctx.workerState = null;
    ctx.showError(error);
    return true;
  }
  // Drawing in a task of its own: the page can paint between installing and drawing.
  setTimeout(() => finished(ctx, started), 0);
  return true;
}

// The pending load in slices, one per task, with Rust's progress fraction and message (without a worker, as in the
// single file from file://): the rebase, the expansion of a scenario's measures and the solve each run a bounded
// amount of work per slice, so a Cancel is seen at the next slice.
/** @param {Context} ctx */
function runPending(ctx) {
  const started = performance.now();
  const generation = ++ctx.loads;
  let cancelAt = 0;
  const job = { input: { value: '' } };
  ctx.cancelLoad = () => { cancelAt = performance.now(); };
  const slice = () => {
    if (generation !== ctx.loads) return;
    if (cancelAt) { ctx.explorer.cancel_pending(); stopped(ctx, job, cancelAt); return; }
    /** @type {Progress} */
    let progress;
    try {
      progress = fullExplorer(ctx).advance(1);
    } catch (error) {
      ctx.showError(error);
      endProgress(ctx);
      return;
    }
    showProgress(ctx, progress.fraction, progress.message);
    if (!progress.done) { setTimeout(slice, 0); return; }
    endProgress(ctx);
    try {
      fullExplorer(ctx).finish_pending();
      // The worker does not hold this state.
      ctx.workerState = null;
      finished(ctx, started);
    } catch (error) {
      ctx.showError(error);
    }
  };
  setTimeout(slice, 0);
}
