// One chart's canvas: drawing it (Rust draws; the page sizes the backing store), resting it off screen during a
// drag, its hover tooltip and its PNG download.
// @ts-check

import { download, slug } from './dom.js';
/** @import { Context, Figure } from './types' */

const pixelRatio = () => Math.min(Math.max(window.devicePixelRatio || 1, 1), 3);

/**
 * The browser's first text on a canvas (font lookup and shaping) and first canvas drawing cost tens of milliseconds.
 * Paid here, with the charts' faces, while the wasm module downloads and compiles, they are off the first charts'
 * path.
 */
export function warmCanvas() {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 16;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillRect(0, 0, 16, 16);
  for (const font of ['bold 15px sans-serif', '12px sans-serif']) {
    context.font = font;
    context.fillText('Canada −0.5% → 1,234', 0, 12);
  }
}

/** A chart's canvas box rests off screen while a drag goes on; written only when it changes (a write costs style).
 * @param {HTMLElement} box
 * @param {boolean} resting */
export const rest = (box, resting) => { if (box.classList.contains('natx-resting') !== resting) box.classList.toggle('natx-resting', resting); };

/** Draw one chart; its canvas's backing store matches the pixels shown (CSS size × device pixels), never more.
 * @param {Context} ctx
 * @param {Figure} item */
export function drawFigure(ctx, item, light = false) {
  rest(item.box, false);
  const ratio = pixelRatio();
  // Reading a size forces a layout after any text change: during a drag the size of the last full render holds.
  // The height comes from Rust, which also decides where the chart's panels stack (one owner of the layout), in
  // the reader's language (the story's list of steps wraps with it).
  if (!light || !item.size) {
    const cssWidth = item.canvas.clientWidth;
    const cssHeight = ctx.explorer.chart_height_in(item.chart, cssWidth);
    if (item.canvas.style.height !== `${cssHeight}px`) item.canvas.style.height = `${cssHeight}px`;
    item.size = [cssWidth, cssHeight];
  }
  const width = Math.max(1, Math.round(item.size[0] * ratio));
  const height = Math.max(1, Math.round(item.size[1] * ratio));
  if (item.canvas.width !== width || item.canvas.height !== height) {
    item.canvas.width = width;
    item.canvas.height = height;
  }
  // A frame of a drag leaves out the flow map's hover texts (the pointer is on the slider).
  ctx.explorer[light ? 'draw_frame' : 'draw'](item.chart, item.canvas, ratio, ctx.root.classList.contains('natx-plain'));
  item.stale = false;
}

/** Draw one chart, showing an error instead of throwing.
 * @param {Context} ctx
 * @param {Figure} item */
export function drawChecked(ctx, item) {
  try {
    drawFigure(ctx, item);
  } catch (error) {
    ctx.showError(error);
  }
}

/** The sizes a chart downloads at, whatever the screen: 1,200 pixels wide for the web and print (drawn at 600 CSS
 *  pixels, twice), 640 pixels wide for a column or an e-mail (drawn at 640 CSS pixels), and a 1,200 × 630 social
 *  card (drawn at 1,200 CSS pixels).
 * @type {Record<string, { width: number, height?: number, scale: number, suffix?: string }>} */
const EXPORTS = { png: { width: 600, scale: 2 }, small: { width: 640, scale: 1, suffix: '-640' }, social: { width: 1200, height: 630, scale: 1, suffix: '-1200x630' } };

/** The chart as a PNG with its context under it.
 * @param {Context} ctx
 * @param {string} chart
 * @param {'png' | 'small' | 'social'} kind */
export function downloadPng(ctx, chart, kind = 'png') {
  const explorer = ctx.explorer;
  // The PNG carries its context under the chart: scenario, date, source line and credit.
  const today = new Date().toISOString().slice(0, 10);
  const size = EXPORTS[kind] || EXPORTS.png;
  const footer = explorer.export_footer_height(size.width, today);
  const height = size.height ? size.height / size.scale : ctx.explorer.chart_height_in(chart, size.width) + footer;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * size.scale);
  canvas.height = Math.round(height * size.scale);
  try {
    explorer.draw_export(chart, canvas, size.scale, today);
    const name = `natx-${chart}-${slug(explorer.scenario_name())}${size.suffix || ''}.png`;
    canvas.toBlob((blob) => { if (blob) download(name, blob); }, 'image/png');
  } catch (error) {
    ctx.showError(error);
  } finally {
    // Drawing at 2× replaced the chart's hover regions: restore those of the visible canvas.
    const item = ctx.dom.figures.find((f) => f.chart === chart);
    if (item) drawChecked(ctx, item);
  }
}

/** The tooltip with a chart's exact values under the pointer (or finger).
 * @param {Context} ctx
 * @param {string} chart
 * @param {HTMLCanvasElement} canvas */
export function attachHover(ctx, chart, canvas) {
  const show = (/** @type {PointerEvent} */ event) => {
    const { tooltip } = ctx.dom;
    const rect = canvas.getBoundingClientRect();
    const x = (event.clientX - rect.left) * (canvas.width / rect.width);
    const y = (event.clientY - rect.top) * (canvas.height / rect.height);
    const text = ctx.explorer.hit(chart, x, y);
    if (!text) { tooltip.hidden = true; return; }
    tooltip.textContent = text;
    tooltip.hidden = false;
    const left = Math.min(event.clientX + 12, window.innerWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = `${Math.max(8, left)}px`;
    tooltip.style.top = `${event.clientY + 14}px`;
  };
  canvas.addEventListener('pointermove', show);
  canvas.addEventListener('pointerdown', show);
  // A finger lifting "leaves" the canvas: on touch the value stays until the reader taps elsewhere.
  canvas.addEventListener('pointerleave', (event) => { if (event.pointerType !== 'touch') ctx.dom.tooltip.hidden = true; });
}
