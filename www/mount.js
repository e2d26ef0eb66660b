// North American Trade Explorer: `mount(element, options)` builds one explorer inside an element and returns a
// handle to update or destroy it. The page (index.html), the embed page (embed.html) and newsroom developers all
// use this one module (bundled by `cargo xtask build` into pkg/mount.js). It only wires: it reads controls,
// calls one method of the wasm `Explorer`, and shows the result or the error. Every query is scoped to the
// mounted element, so several explorers can share a page.
//
// Reader-visible text comes from the Rust string catalogues (explorer.strings()), and so do the lists of
// languages, charts and themes; user or URL data is only ever written with textContent, never innerHTML.
//
// The parts, one module each under mount/: wasm.js (modules and catalogues), dom.js (helpers), controls.js (the
// scenario column), share.js (links, embed, history), own-data.js (a reader's files), results.js (charts and texts),
// figures.js (one chart's canvas), updates.js (one solve and redraw per frame, ranges in slices), worker-client.js
// (long work in a Web Worker), story.js (the year as a story). They share one context object, `ctx` (mount/types.d.ts).
// @ts-check

import { el, knownOnce, messageOf } from './mount/dom.js';
import { loadModule, catalogueText, ensureLanguages, languageCodes, queryLanguage } from './mount/wasm.js';
import { buildPicker, buildControls, syncControls, showInForce, stopPlay } from './mount/controls.js';
import { sizeCanvases, buildResults, renderResults, showNotices } from './mount/results.js';
import { warmCanvas } from './mount/figures.js';
import { replaceHistory } from './mount/share.js';
import { attachUpdates } from './mount/updates.js';
import { attachWorker } from './mount/worker-client.js';
import { attachStory } from './mount/story.js';
export { mountCompare } from './mount/compare.js';
/** @import { Context, ContextFields, Dom, FullExplorer, Handle, Headline, MountOptions, UpdateOptions } from './mount/types' */

let instances = 0;

/** Mount an explorer in `element` (`mountCompare`: two of them, scenario A against B); options: MountOptions.
 * @overload @param {HTMLElement} element @param {MountOptions & { module: 'full' }} options @returns {Promise<Handle<FullExplorer>>} */
/** @overload @param {HTMLElement} element @param {MountOptions} [options] @returns {Promise<Handle>} */
/** @param {HTMLElement} element @param {MountOptions} [options] @returns {Promise<Handle>} */
export async function mount(element, options = {}) {
  const wanted = [options.lang || navigator.language || 'en', queryLanguage(options.query)];
  const module = loadModule(options.module === 'full' ? 'full' : undefined);
  warmCanvas();
  const api = await module;
  wanted.forEach((tag) => catalogueText(tag, languageCodes(api)));
  let languageError = null;
  try {
    await ensureLanguages(wanted, api);
  } catch (error) {
    languageError = error;
  }
  performance.mark('natx:module-ready');
  const opts = { controls: true, header: false, sources: true, ...options };
  /** @type {ContextFields} */ const fields = {
    api,
    opts,
    id: `natx${++instances}`,
    explorer: new api.Explorer(opts.lang || navigator.language || 'en'),
    // The lists of languages, charts and themes come from Rust: the page repeats no list Rust knows.
    languages: api.Explorer.languages(),
    chartIds: api.Explorer.chart_ids(),
    themes: api.Explorer.themes(),
    notices: [], dom: /** @type {Dom} */ ({}) /* filled by ctx.build() */, strings: {}, theme: null, charts: null, playing: null,
    timings: [], rangeTimings: [], solveTimings: [], installTimings: [], cancelTimings: [], loads: 0, workerState: null,
    root: el('div', { className: 'natx' }),
    media: window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null,
  };
  const ctx = /** @type {Context} */ (fields); // completed below, by attachUpdates and by attachWorker
  const { explorer, chartIds, themes, dom, root, media } = ctx;
  if (opts.query) ctx.notices = explorer.apply_url(opts.query);
  applyOptions(opts);
  // Without its catalogue a language would mix English words with its number formats: stay in English.
  if (languageError && !api.Explorer.language_ready(explorer.language())) explorer.set_language('en');
  performance.mark('natx:solved');
  element.replaceChildren(root);
  ctx.theme = opts.theme && themes.includes(opts.theme) ? opts.theme : null;
  ctx.charts = opts.charts && opts.charts.length ? knownOnce(opts.charts, chartIds) : null;
  const fromUrl = new URLSearchParams(explorer.url_query()).get('charts');
  if (!ctx.charts) ctx.charts = fromUrl ? knownOnce(fromUrl.split(','), chartIds) : opts.embed ? api.Explorer.embed_charts() : null;
  // Rust owns the link (`url_query`): the view's theme and charts are the explorer's too.
  if (ctx.theme) explorer.set_theme(ctx.theme);
  if (ctx.charts) explorer.set_charts(ctx.charts);
  // What the explorer shows of its controls: 'all', a scenario 'picker' or 'none'. An embed takes it from its
  // address and is article-shaped (none) unless told otherwise.
  const controls = opts.embed ? (explorer.controls_shown() ?? 'none') : opts.controls;
  ctx.controlsShown = controls === true ? 'all' : controls === false ? 'none' : controls;

  /** @param {UpdateOptions} o */ function applyOptions(o) {
    const e = ctx.explorer;
    if (o.lang) e.set_language(o.lang);
    if (o.step) e.set_step(o.step);
    else if (o.scenario) e.set_preset(o.scenario);
    if (o.theme) e.set_theme(o.theme);
    if (o.charts) e.set_charts(o.charts);
  }

  ctx.t = (key, values = {}) => {
    let text = ctx.strings[key] ?? key;
    for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
  ctx.shownCharts = () => ctx.charts || chartIds;
  ctx.currentTheme = () => {
    if (ctx.theme) return ctx.theme;
    const fromUrl = new URLSearchParams(ctx.explorer.url_query()).get('theme');
    return fromUrl !== null && themes.includes(fromUrl) ? fromUrl : 'auto';
  };
  ctx.applyTheme = () => {
    const chosen = ctx.currentTheme();
    const dark = chosen === 'dark' || chosen === 'plain-dark' || (chosen === 'auto' && !!media && media.matches);
    root.dataset.theme = dark ? 'dark' : 'light';
    root.classList.toggle('natx-plain', chosen === 'plain' || chosen === 'plain-dark');
    ctx.explorer.set_dark(dark);
  };
  ctx.showError = (error) => {
    dom.status.textContent = messageOf(error);
    dom.status.hidden = false;
  };
  ctx.clearError = () => {
    if (dom.status.hidden && !dom.status.textContent) return; // no write, no style pass on every slider move
    dom.status.hidden = true;
    dom.status.textContent = '';
  };
  ctx.syncControls = (changes, ok) => syncControls(ctx, changes, ok);
  ctx.render = ({ light = false } = {}) => {
    // A full render shows the exact result (a drag's draft is replaced; nothing to do otherwise).
    if (!light) { try { ctx.explorer.settle(); } catch (error) { ctx.showError(error); } }
    renderResults(ctx, { light });
    if (!light) showInForce(ctx);
  };

  // The whole interface, rebuilt when the language or the data change.
  ctx.build = () => {
    ctx.strings = ctx.explorer.strings();
    root.lang = ctx.explorer.language();
    root.replaceChildren();
    ctx.applyTheme();
    const { t, id } = ctx;
    // A skip link, first in the tab order, straight to the results.
    root.append(el('a', { className: 'natx-skip', href: `#${id}-results-title`, text: t('ui.skip_to_results'), onclick: (event) => {
      event.preventDefault();
      dom.scenarioName.focus();
      dom.scenarioName.scrollIntoView({ block: 'start' });
    } }));
    if (opts.height) { root.style.height = `${Number(opts.height)}px`; root.style.overflowY = 'auto'; }
    if (opts.header) {
      const headlines = el('dl', { className: 'natx-headlines', 'aria-label': t('ui.headlines_label') });
      for (const h of /** @type {Headline[]} */ (ctx.explorer.headlines())) {
        headlines.append(el('div', {}, el('dt', { text: h.label }), el('dd', {}, el('span', { className: 'natx-figure', text: h.value }), el('span', { className: 'natx-source', text: t('ui.source', { source: h.source }) }))));
      }
      // On a phone the 2024 figures start folded, so that the results begin on the first screen.
      const figures = el('details', { className: 'natx-headlines-box', open: root.clientWidth === 0 || root.clientWidth > 620 },
        el('summary', { text: t('ui.headlines_label') }), headlines);
      root.append(el('header', { className: 'natx-header' }, el('h1', { text: t('ui.title') }), el('p', { className: 'natx-lede', text: t('ui.lede') }), figures));
    }
    dom.notices = el('div', { className: 'natx-notices', role: 'status' });
    root.append(dom.notices);
    showNotices(ctx);
    const layout = el('div', { className: ctx.controlsShown === 'all' ? 'natx-layout' : 'natx-layout natx-no-controls' });
    root.append(layout);
    // The picker, the results, the controls: in that order on a phone and for the keyboard; on a wide screen the
    // stylesheet puts the picker and the controls in the left column.
    const all = ctx.controlsShown === 'all', pick = all ? buildPicker(ctx) : null;
    layout.append(...[pick, buildResults(ctx), all ? buildControls(ctx) : null].filter((n) => n !== null));
    root.append((dom.tooltip = el('div', { className: 'natx-tooltip', 'aria-hidden': 'true', hidden: true })));
    sizeCanvases(ctx);
  };
  // Everything again: after a reader's file is solved, or an update through the handle.
  ctx.refresh = () => {
    ctx.build();
    ctx.syncControls();
    ctx.render();
    ctx.scheduleRanges();
  };
  attachUpdates(ctx);
  attachWorker(ctx); attachStory(ctx);

  // Redraw when the width changes; follow the system theme; follow back/forward.
  let lastWidth = 0;
  const resizeObserver = new ResizeObserver(() => {
    const width = root.clientWidth;
    if (width === lastWidth) return;
    const first = lastWidth === 0;
    lastWidth = width;
    // The first report after mounting: nothing to redraw if every chart already has the size it is shown at.
    if (!first || !ctx.dom.figures.every((f) => f.size && f.canvas.clientWidth === f.size[0] && f.canvas.clientHeight === f.size[1])) ctx.render();
  });
  const onScheme = () => { if (ctx.currentTheme() === 'auto') { ctx.applyTheme(); ctx.render(); } };
  const onPopState = () => ctx.request({ kind: 'url', value: location.search });
  // A tap off the charts or a key (Escape) hides the tooltip (screen readers get its values from the tables).
  const onTapElsewhere = (/** @type {Event} */ event) => {
    if (dom.tooltip && !(event.target instanceof HTMLCanvasElement && root.contains(event.target))) dom.tooltip.hidden = true;
  };

  ctx.build();
  performance.mark('natx:built');
  ctx.syncControls();
  ctx.render();
  performance.mark('natx:rendered');
  if (languageError) ctx.showError(languageError);
  ctx.scheduleRanges();
  resizeObserver.observe(root);
  if (media && media.addEventListener) media.addEventListener('change', onScheme);
  if (opts.history) window.addEventListener('popstate', onPopState);
  // After the first charts: the address tidied (replaceState can take the browser milliseconds), and the worker
  // started so that it is ready when the ranges are asked for.
  setTimeout(() => { if (!root.isConnected) return; if (opts.history) replaceHistory(ctx); ctx.worker.warm(); }, 0);
  for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, onTapElsewhere, true);

  const handle = {
    /** The wasm Explorer in use (it changes once, when a reader first loads a file of their own). */
    get explorer() { return ctx.explorer; },
    root,
    timings: ctx.timings,
    rangeTimings: ctx.rangeTimings,
    solveTimings: ctx.solveTimings, installTimings: ctx.installTimings, cancelTimings: ctx.cancelTimings,
    /** For tests: make the Web Worker panic (reported on the page); resolves to the reply's type. */
    debugWorkerPanic: () => ctx.worker.debugPanic(),
    /** Bytes of WebAssembly memory in use by the page's explorers (for the soak test). */
    memoryBytes() {
      return ctx.api.exports && ctx.api.exports.memory ? ctx.api.exports.memory.buffer.byteLength : 0;
    },
    /** Redraw every chart now (for tests and benchmarks). */
    redraw() { ctx.render(); },
    /** Change scenario, step, language, theme or charts after mounting; resolves once applied (a language's
     *  texts may have to be fetched first). @param {UpdateOptions} [next] */
    async update(next = {}) {
      try {
        if (next.lang) await ensureLanguages([next.lang], ctx.api);
        applyOptions(next);
        if (next.theme) ctx.theme = next.theme;
        if (next.charts) ctx.charts = knownOnce(next.charts, chartIds);
        if (next.height !== undefined) opts.height = next.height;
        ctx.clearError();
      } catch (error) {
        ctx.showError(error);
      }
      ctx.refresh();
    },
    /** Remove the explorer and its listeners. */
    destroy() {
      for (const type of ['pointerdown', 'keydown']) document.removeEventListener(type, onTapElsewhere, true);
      stopPlay(ctx);
      ctx.stopUpdates(); ctx.worker.stop(); ctx.stopStory();
      resizeObserver.disconnect();
      if (ctx.visibility) ctx.visibility.disconnect();
      if (media && media.removeEventListener) media.removeEventListener('change', onScheme);
      window.removeEventListener('popstate', onPopState); if (ctx.unloadGuard) window.removeEventListener('beforeunload', ctx.unloadGuard);
      root.remove();
      ctx.explorer.free();
    },
  };
  ctx.handle = handle;
  root.dataset.ready = 'true';
  return handle;
}
