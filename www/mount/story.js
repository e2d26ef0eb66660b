// The year as a story: the `story` chart's timeline solved after the first charts, in the page's Web Worker (or,
// without one, here one date — two solves — per task so that the page keeps answering), then drawn; and, in an
// embed, the step a host article asks for by the frame's URL fragment (`#step=2025-06-04`, followed on
// hashchange) or by a message from the parent window (`{ type: 'natx:step', date: '2025-06-04' }`). A date that is
// not a step of the story, or a malformed message, is ignored (counted in the root's `data-story-ignored` for
// tests); nothing else changes. docs/embedding.md.
// @ts-check

import { fillTable } from './dom.js';
import { drawChecked } from './figures.js';
/** @import { Context } from './types' */

const STORY = 'story';

/** The date a fragment names (`#step=YYYY-MM-DD`), or null.
 * @param {string} hash */
const fragmentDate = (hash) => new URLSearchParams(String(hash || '').replace(/^#/, '')).get('step');

/** Attach `scheduleStory()`, the embed's step protocol and `stopStory()` to `ctx` (after attachUpdates).
 * @param {Context} ctx */
export function attachStory(ctx) {
  let timer = 0;
  let running = false;
  // `ctx.api` is read at each call: loading a reader's file replaces the module (own-data.js), and each module
  // keeps its own story.
  const { root } = ctx;

  const redraw = () => {
    const item = (ctx.dom.figures || []).find((f) => f.chart === STORY);
    if (!item) return;
    drawChecked(ctx, item);
    try {
      item.desc.textContent = ctx.explorer.description(STORY);
      if (!item.table.hidden) fillTable(item.table, ctx.explorer.table(STORY));
    } catch (error) {
      ctx.showError(error);
    }
  };

  // The story is the same for every explorer of the page (built-in data): whichever asks first computes it, in the
  // page's Web Worker when there is one (the main thread only adopts the numbers), else here in slices.
  let start = 0;
  const finish = () => { running = false; performance.measure('natx:story', { start }); redraw(); };
  const slice = () => {
    if (!root.isConnected) { running = false; return; }
    // A reader's file being loaded comes first: its progress and Cancel button answer at once.
    if (ctx.dom.cancelLoad && !ctx.dom.cancelLoad.hidden) { timer = setTimeout(slice, 100); return; }
    const sliceStart = performance.now();
    let done;
    try {
      done = ctx.api.Explorer.advance_story();
    } catch (error) {
      running = false;
      ctx.showError(error);
      return;
    }
    performance.measure('natx:story-slice', { start: sliceStart });
    if (done) finish(); else timer = setTimeout(slice, 0);
  };
  ctx.scheduleStory = () => {
    if (running || ctx.api.Explorer.has_story() || !ctx.shownCharts().includes(STORY) || !ctx.explorer.story_applies()) return;
    running = true;
    start = performance.now();
    if (!ctx.worker.available()) { timer = setTimeout(slice, 0); return; }
    ctx.worker.request({ type: 'story' }).then((reply) => {
      if (!root.isConnected) { running = false; return; }
      if (reply.type === 'done' && (ctx.api.Explorer.adopt_story(reply.flat) || ctx.api.Explorer.has_story())) {
        root.dataset.storyWorkerMs = String(reply.ms);
        finish();
        return;
      }
      // No worker after all (or numbers that do not fit): here, in slices.
      timer = setTimeout(slice, 0);
    });
  };
  // Whenever the page schedules its ranges (after the first charts, after every change), the story follows if it
  // is missing, once the ranges are in (the worker does one request at a time: the story first would delay the
  // ranges of the scenario on screen by its 36 solves); it never delays the first paint. Without ranges in 3 s
  // (data too large for them, or their failure) it goes ahead.
  const scheduleRanges = ctx.scheduleRanges;
  let waiting = 0;
  ctx.scheduleRanges = () => {
    scheduleRanges();
    clearTimeout(waiting);
    const since = performance.now();
    const after = () => {
      if (!root.isConnected) return;
      if (ctx.explorer.has_ranges() || performance.now() - since > 3000) ctx.scheduleStory();
      else waiting = setTimeout(after, 50);
    };
    waiting = setTimeout(after, 50);
  };

  const ignore = () => { root.dataset.storyIgnored = String(Number(root.dataset.storyIgnored || 0) + 1); };
  /** A step of the story (a date string Rust knows), on data the story applies to.
   * @param {unknown} date @returns {date is string} */
  const known = (date) => typeof date === 'string' && date.length <= 10 && ctx.api.Explorer.story_step_known(date) && ctx.explorer.story_applies();
  const go = (/** @type {unknown} */ date) => {
    if (!known(date)) { ignore(); return; }
    if (ctx.explorer.step_date() !== date) ctx.request({ kind: 'step', value: date });
  };
  const onHash = () => { const date = fragmentDate(location.hash); if (date !== null) go(date); else ignore(); };
  const onMessage = (/** @type {MessageEvent} */ event) => {
    // Only the host page (the parent window) drives the frame, and only with this message's shape.
    if (window.parent === window || event.source !== window.parent) return;
    const d = event.data;
    if (!d || typeof d !== 'object' || d.type !== 'natx:step') return;
    go(d.date);
  };
  if (ctx.opts.embed) {
    // The fragment the frame was opened with applies before the first charts are drawn.
    const first = fragmentDate(location.hash);
    if (first !== null) {
      if (known(first)) {
        try { ctx.explorer.set_step(first); } catch { ignore(); }
      } else ignore();
    }
    window.addEventListener('hashchange', onHash);
    window.addEventListener('message', onMessage);
  }
  ctx.stopStory = () => {
    clearTimeout(timer);
    clearTimeout(waiting);
    running = false;
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('message', onMessage);
  };
}
