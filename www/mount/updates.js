// Scheduling: every input becomes a change; the changes of one animation frame are applied together (one solve,
// one redraw); the uncertainty ranges follow in slices once the reader stops.
// @ts-check

import { ensureLanguages, catalogueText, languageCode, languageCodes, queryLanguage } from './wasm.js';
import { commitHistory } from './share.js';
import { renderPause } from './results.js';
import { fullExplorer } from './own-data.js';
/** @import { Change, Context } from './types' */

/** Attach `request(change)` and the ranges scheduler to `ctx`.
 * @param {Context} ctx */
export function attachUpdates(ctx) {
  /** @type {(Change & { t0: number })[]} */
  let pending = [];
  let frame = 0;
  let rangesTimer = 0;

  // Uncertainty ranges follow once the reader stops: 250 ms after the last change, computed in slices of bounded
  // work (one call never holds the page), then drawn.
  ctx.scheduleRanges = () => {
    clearTimeout(rangesTimer);
    const explorer = ctx.explorer;
    if (explorer.has_ranges() || !explorer.ranges_available()) {
      rangesTimer = setTimeout(() => ctx.render(), 250);
      return;
    }
    let start = 0;
    // The ranges belong to the exact result: a draft from a drag is replaced first.
    const settled = () => {
      try {
        return ctx.explorer.settle();
      } catch (error) {
        ctx.showError(error);
        return false;
      }
    };
    const slice = () => {
      if (!start) { start = performance.now(); if (settled()) ctx.render({ light: true }); }
      // In the Web Worker when it can take them (mount/worker-client.js); these slices are the fallback.
      if (ctx.rangesWorker && ctx.rangesWorker(start)) return;
      let done;
      try {
        done = ctx.explorer.compute_ranges();
      } catch (error) {
        ctx.showError(error);
        ctx.render();
        return;
      }
      if (!done) { rangesTimer = setTimeout(slice, 0); return; }
      ctx.rangeTimings.push(performance.now() - start);
      ctx.render();
    };
    rangesTimer = setTimeout(slice, 250);
  };

  ctx.request = (change) => {
    const tag = change.kind === 'lang' ? change.value : change.kind === 'url' ? queryLanguage(change.value) : null;
    if (tag && !ctx.api.Explorer.language_ready(languageCode(tag)) && catalogueText(tag, languageCodes(ctx.api))) {
      // Fetch the language's texts first, then apply the change.
      ensureLanguages([tag], ctx.api).then(() => ctx.request(change), ctx.showError);
      return;
    }
    clearTimeout(rangesTimer);
    pending.push(Object.assign(change, { t0: performance.now() }));
    if (!frame) frame = requestAnimationFrame(apply);
  };

  /** @param {Change} change @returns {boolean} whether the interface is built again */
  function applyOne(change) {
    const explorer = ctx.explorer;
    switch (change.kind) {
      // While a slider moves, a draft solve from the last result; the exact solve when it settles.
      case 'control':
        if (change.transient) explorer.drag_control(change.id, change.value); else explorer.set_control(change.id, change.value);
        return false;
      case 'settle': explorer.settle(); return false;
      case 'preset': explorer.set_preset(change.value); return false;
      case 'step': explorer.set_step(change.value); return false;
      case 'elasticities': explorer.set_elasticities(change.value); return false;
      case 'reset': explorer.reset(); return false;
      // Only the tariff table sends rates, and it is the full module's (opening it swaps that module in).
      case 'rates': fullExplorer(ctx).set_rates(Float64Array.from(change.edits)); return false;
      case 'none': return false;
      case 'lang': explorer.set_language(change.value); return true;
      case 'theme': ctx.theme = change.value; explorer.set_theme(change.value); ctx.applyTheme(); return false;
      case 'url':
        if (explorer.own_economy()) return false;
        ctx.notices = explorer.apply_url(change.value);
        ctx.theme = null;
        return true;
      case 'builtin': explorer.cancel_pending(); explorer.reset_to_builtin(); return true;
      default: return false;
    }
  }

  function apply() {
    frame = 0;
    const applyStart = performance.now();
    const changes = pending;
    pending = [];
    let ok = true;
    let rebuild = false;
    for (const change of changes) {
      try {
        rebuild = applyOne(change) || rebuild;
      } catch (error) {
        ok = false;
        change.error = error;
        ctx.showError(error);
      }
    }
    if (ok) ctx.clearError();
    // A rebuild (a new language) keeps the keyboard where it was: the new control with the same id gets the focus.
    if (rebuild) { const focused = document.activeElement && document.activeElement.id; ctx.build(); if (focused) document.getElementById(focused)?.focus(); }
    ctx.syncControls(changes, ok);
    const transient = changes.every((c) => c.transient);
    ctx.render({ light: transient });
    // The charts off screen, the title and the summary follow in the first frame without a new move.
    if (transient) requestAnimationFrame(() => { if (!frame && !pending.length) renderPause(ctx); });
    // The address follows a finished change (one history entry per drag, pushed on the slider's `change`):
    // history.replaceState on every move cost 1–8 ms a frame in Chromium (browser-side URL bar updates).
    if (!transient && !changes.some((c) => c.kind === 'url')) commitHistory(ctx);
    const t1 = performance.now();
    for (const c of changes) ctx.timings.push({ total: t1 - c.t0, work: t1 - applyStart });
    ctx.scheduleRanges();
    if (typeof ctx.opts.onChange === 'function') ctx.opts.onChange(ctx.handle);
  }

  /** Stop every scheduled piece of work (on destroy). */
  ctx.stopUpdates = () => {
    clearTimeout(rangesTimer);
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    pending = [];
  };
}
