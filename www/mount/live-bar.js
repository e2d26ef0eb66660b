// The live result bar of a phone (issue 22): while a control of the one-column layout has focus, the charts are far
// above it, so a bar at the bottom of the screen keeps the scenario's real GDP at both horizons in view and follows
// every move. It is hidden from screen readers (the summary is announced to them, once, after input stops).
// @ts-check

import { el } from './dom.js';
/** @import { Context } from './types' */

/** Attach the bar to the explorer's root (the listeners once; the bar again after each rebuild of the root).
 * @param {Context} ctx */
export function attachLiveBar(ctx) {
  if (ctx.dom.liveBar) { ctx.root.append(ctx.dom.liveBar); return; }
  const bar = el('div', { className: 'natx-live-bar', 'aria-hidden': 'true', hidden: true });
  ctx.dom.liveBar = bar;
  ctx.root.append(bar);
  const narrow = () => ctx.root.getBoundingClientRect().width <= 760;
  ctx.root.addEventListener('focusin', (event) => {
    const target = /** @type {Element} */ (event.target);
    const inControls = target.closest && target.closest('.natx-controls');
    bar.hidden = !(inControls && narrow() && target.matches('input, select'));
    if (!bar.hidden) syncLiveBar(ctx);
  });
  ctx.root.addEventListener('focusout', (event) => {
    if (!event.relatedTarget || !ctx.root.contains(/** @type {Node} */ (event.relatedTarget))) bar.hidden = true;
  });
}

/** The bar follows the result on screen (the last full line stays during a drag's drafts).
 * @param {Context} ctx */
export function syncLiveBar(ctx) {
  const bar = ctx.dom.liveBar;
  if (!bar || bar.hidden) return;
  const line = ctx.explorer.live_line();
  if (line && bar.textContent !== line) bar.textContent = line;
}
