// Bring your own economy or scenario: the file is checked at once; the solve then runs in slices with progress,
// so that the page stays responsive on large economies. The first file swaps in the full module.

import { el } from './dom.js';
import { loadModule, ensureLanguages } from './wasm.js';

/** The own-data box: rebase options, the two file inputs, progress. */
export function buildOwnData(ctx) {
  const { dom, t, id } = ctx;
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
    el('p', {}, rebaseBox, el('label', { for: rebaseId, text: t('ui.rebase') })),
    el('p', {}, balancedBox, el('label', { for: balancedId, text: t('ui.rebase_balanced') })));
  dom.progressText = el('p', { className: 'natx-description', role: 'status' });
  const load = async (input, kind) => {
    const file = input.files && input.files[0];
    if (!file) return;
    const text = await file.text();
    try {
      await upgrade(ctx);
      if (kind === 'economy') ctx.explorer.begin_economy(text, file.name, rebaseBox.checked, balancedBox.checked);
      else ctx.explorer.begin_scenario(text, file.name);
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
    el('label', { for: scenarioId, text: t('ui.load_scenario') }), scenarioInput, dom.progress, dom.progressText);
  return box;
}

// Switch to the module that also reads a reader's own files (once). The view carries over through its link
// (preset or step, moved controls, elasticities, language, theme, charts).
async function upgrade(ctx) {
  if (ctx.api.Explorer.has_own_data()) return;
  let full;
  try {
    full = await loadModule('full');
  } catch (error) {
    throw new Error(ctx.t('ui.own_data_unavailable', { message: error && error.message ? error.message : String(error) }));
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

// The pending solve in slices, one per task, with Rust's progress fraction and message.
function runPending(ctx) {
  const { dom } = ctx;
  dom.progress.hidden = false;
  const started = performance.now();
  const slice = () => {
    let progress;
    try {
      progress = ctx.explorer.advance(1);
    } catch (error) {
      ctx.showError(error);
      dom.progress.hidden = true;
      return;
    }
    dom.progress.value = Math.round(100 * progress.fraction);
    dom.progressText.textContent = progress.message;
    if (!progress.done) { setTimeout(slice, 0); return; }
    try {
      ctx.explorer.finish_pending();
      ctx.solveTimings.push(performance.now() - started);
      ctx.clearError();
      ctx.refresh();
      ctx.root.dataset.loaded = String(ctx.solveTimings.length);
    } catch (error) {
      ctx.showError(error);
      dom.progress.hidden = true;
    }
  };
  setTimeout(slice, 0);
}
