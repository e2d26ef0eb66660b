// The results column: scenario title, summary, notices and errors, the charts (canvas drawn by Rust, with a text
// description, a data table and a PNG download each), the comparison of elasticities, and the sources.
// @ts-check

import { el, fillTable, select } from './dom.js';
import { downloadCsv, shareLink } from './share.js';
import { attachHover, downloadPng, drawChecked, drawFigure, rest } from './figures.js';
/** @import { Context, Figure, Preset, SourceLink } from './types' */

/** Build the results section; fills `ctx.dom.figures`.
 * @param {Context} ctx */
export function buildResults(ctx) {
  const { dom, t, id } = ctx;
  const section = el('section', { className: 'natx-results', 'aria-labelledby': `${id}-results-title` });
  dom.sourcesPanel = null;
  dom.scenarioName = el('h2', { id: `${id}-results-title`, className: 'natx-scenario-name', tabindex: '-1' });
  dom.summary = el('p', { className: 'natx-summary' });
  // Screen readers hear the summary once, about a second after the reader stops (not at every arrow press).
  dom.announce = el('p', { className: 'natx-sr', 'aria-live': 'polite', 'data-natx-announce': true });
  dom.status = el('p', { className: 'natx-status', role: 'alert', hidden: true });
  dom.panic = el('p', { className: 'natx-status', role: 'alert', hidden: true, 'data-natx-panic': true });
  dom.rangesNote = el('p', { className: 'natx-description natx-ranges-note' });
  dom.compare = el('details', { className: 'natx-compare' }, el('summary', { text: t('ui.compare') }));
  dom.compareTable = el('div', { className: 'natx-table' });
  dom.compare.append(dom.compareTable);
  dom.compare.addEventListener('toggle', () => { if (dom.compare.open) fillCompare(ctx); });
  // The compact scenario picker of an embed (`controls=picker`).
  const picker = ctx.controlsShown === 'picker' ? buildPicker(ctx) : [];
  // An article-shaped embed keeps to the headline, the charts and the source.
  const compare = ctx.controlsShown === 'all' ? [dom.compare] : [];
  section.append(...picker, dom.scenarioName, dom.summary, dom.announce, dom.status, dom.panic);
  const grid = el('div', { className: 'natx-charts' });
  if (ctx.visibility) ctx.visibility.disconnect();
  // Which charts are on screen: while a slider moves only those are redrawn; the others when they come into view.
  ctx.visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const item = dom.figures.find((f) => f.box === entry.target);
      if (!item) continue;
      item.visible = entry.isIntersecting;
      if (item.visible && item.stale) drawChecked(ctx, item);
    }
  });
  dom.figures = [];
  for (const chart of ctx.shownCharts()) {
    const descId = `${id}-${chart}-desc`;
    const tableId = `${id}-${chart}-table`;
    const title = t(`chart.${chart}.title`);
    const canvas = el('canvas', { role: 'img', 'aria-label': title, 'aria-describedby': descId });
    // In an article-shaped embed the text alternative is for screen readers only (the article carries the prose).
    const desc = el('p', { className: ctx.controlsShown === 'all' ? 'natx-desc' : 'natx-desc natx-sr', id: descId });
    const table = el('div', { className: 'natx-table', id: tableId, hidden: true });
    // Buttons carry the chart's name for screen readers after their visible text (WCAG 2.5.3: the accessible
    // name starts with the visible label).
    const hiddenName = () => el('span', { className: 'natx-sr', text: ` (${title})` });
    const toggleLabel = el('span', { text: t('ui.show_data') });
    const toggle = el('button', { type: 'button', className: 'natx-button', 'aria-expanded': 'false', 'aria-controls': tableId }, toggleLabel, hiddenName());
    toggle.addEventListener('click', () => {
      const open = table.hidden;
      table.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggleLabel.textContent = open ? t('ui.hide_data') : t('ui.show_data');
      if (open) fillTable(table, ctx.explorer.table(chart));
    });
    const png = el('button', { type: 'button', className: 'natx-button', onclick: () => downloadPng(ctx, chart, 'png') }, el('span', { text: t('ui.download_png') }), hiddenName());
    const small = el('button', { type: 'button', className: 'natx-button', onclick: () => downloadPng(ctx, chart, 'small') }, el('span', { text: t('ui.download_png_small') }), hiddenName());
    const social = el('button', { type: 'button', className: 'natx-button', 'data-natx-social': chart, onclick: () => downloadPng(ctx, chart, 'social') }, el('span', { text: t('ui.download_social') }), hiddenName());
    // A heading per chart for screen-reader navigation; the canvas draws the same title for sighted readers.
    const heading = el('h3', { className: 'natx-sr', id: `${id}-${chart}-title`, text: title });
    // The canvas's box rests (is not rendered, keeping its size) while a drag redraws other charts: the browser
    // then does not hand its unchanged picture to the compositor on every frame.
    const box = el('div', { className: 'natx-canvas' }, canvas);
    const figure = el('figure', { className: 'natx-chart', 'data-chart': chart, 'aria-labelledby': heading.id }, heading, box,
      el('figcaption', {}, desc, el('div', { className: 'natx-row natx-wrap natx-no-print' }, toggle, png, small, social), table));
    grid.append(figure);
    // Until the observer reports, a chart counts as visible (the first render draws everything anyway).
    /** @type {Figure} */
    const item = { chart, figure, box, canvas, desc, table, toggle, visible: true, stale: false };
    dom.figures.push(item);
    ctx.visibility.observe(box);
    attachHover(ctx, chart, canvas);
  }
  // The note on the uncertainty ranges and the comparison of elasticities follow the charts, so that on a phone
  // the first chart starts on the first screen.
  // In an article-shaped embed the note on the ranges starts folded (the charts carry the whiskers).
  const rangesNote = ctx.opts.embed && ctx.controlsShown !== 'all'
    ? el('details', { className: 'natx-ranges-box' }, el('summary', { text: t('ui.ranges_about') }), dom.rangesNote) : dom.rangesNote;
  section.append(grid, rangesNote, ...compare);
  if (ctx.opts.sources && ctx.controlsShown === 'all') section.append(buildSources(ctx));
  if (ctx.opts.embed) section.append(buildFooter(ctx));
  return section;
}

/** Give every canvas its height (Rust's, for its width) before the first paint, so that no chart drawn later (off
 *  screen at first) moves what is below it.
 * @param {Context} ctx */
export function sizeCanvases(ctx) {
  for (const item of ctx.dom.figures || []) {
    const width = item.canvas.clientWidth;
    if (width > 0) item.canvas.style.height = `${ctx.explorer.chart_height_in(item.chart, width)}px`;
  }
}

/** @param {Context} ctx */
function buildPicker(ctx) {
  /** @type {Preset[]} */
  const presets = ctx.explorer.presets();
  const [label, node] = select(`${ctx.id}-picker`, ctx.t('ui.scenario'), presets.map((p) => [p.id, p.date ? `${p.name} (${p.date})` : p.name]),
    ctx.explorer.preset_id(), (v) => ctx.request({ kind: 'preset', value: v }));
  ctx.dom.picker = node;
  return [el('div', { className: 'natx-picker' }, label, node)];
}

// An embed's footer: the source line (as on a downloaded chart), the data, and the way to the full explorer.
/** @param {Context} ctx */
function buildFooter(ctx) {
  const { t } = ctx;
  const open = el('a', { className: 'natx-link', href: shareLink(ctx), target: '_blank', rel: 'noopener', text: t('ui.article.open_full') });
  ctx.dom.openFull = open;
  return el('footer', { className: 'natx-article-footer' },
    el('p', { className: 'natx-description', text: ctx.explorer.source_line() }),
    el('div', { className: 'natx-row natx-wrap' },
      el('button', { type: 'button', className: 'natx-button', text: t('ui.article.get_data'), onclick: () => downloadCsv(ctx) }),
      open));
}

/** @param {Context} ctx */
function buildSources(ctx) {
  const { dom, t } = ctx;
  const details = el('details', { className: 'natx-sources' }, el('summary', { text: t('ui.sources_title') }));
  dom.sourcesPanel = details;
  details.append(el('h3', { text: t('ui.sources.model_title') }), el('p', { text: t('ui.sources.model') }));
  // The lists are built when the panel is first opened (the notes carry figures computed by the model; finding
  // the sources the data cite takes milliseconds the first charts need), the scenario's again after each change.
  const limits = el('ul');
  const data = el('ul');
  dom.scenarioSources = el('ul');
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    try {
      if (!limits.childElementCount) limits.replaceChildren(...ctx.explorer.method_notes().map((/** @type {string} */ note) => el('li', { text: note })));
      if (!data.childElementCount) data.replaceChildren(...sourceItems(ctx.explorer.data_source_links()));
      dom.scenarioSources.replaceChildren(...sourceItems(ctx.explorer.scenario_source_links()));
    } catch (error) {
      ctx.showError(error);
    }
  });
  details.append(el('h3', { text: t('ui.sources.assumptions_title') }), limits);
  details.append(el('h3', { text: t('ui.sources.scenario_title') }), dom.scenarioSources);
  details.append(el('h3', { text: t('ui.sources.data_title') }), data, el('p', { text: t('ui.sources.code') }));
  return details;
}

// Sources as list items, linked where Rust knows a public address (`[{ text, url }]`).
/** @param {SourceLink[]} list */
function sourceItems(list) {
  return list.map(({ text, url }) => el('li', {}, url ? el('a', { href: url, target: '_blank', rel: 'noopener', text }) : text));
}

/** @param {Context} ctx */
function fillCompare(ctx) {
  try {
    fillTable(ctx.dom.compareTable, ctx.explorer.compare_elasticities());
  } catch (error) {
    ctx.showError(error);
  }
}

/** Notices about a link's ignored parts, each dismissable.
 * @param {Context} ctx */
export function showNotices(ctx) {
  const { dom, t } = ctx;
  dom.notices.replaceChildren();
  for (const notice of ctx.notices) {
    const item = el('p', { className: 'natx-notice' }, el('span', { text: notice.message }));
    item.append(el('button', { type: 'button', className: 'natx-button', text: t('notice.dismiss'), onclick: () => { ctx.notices = ctx.notices.filter((n) => n !== notice); showNotices(ctx); } }));
    dom.notices.append(item);
  }
}

/**
 * Show the current result. While a slider is dragged (`light`) only the charts on screen follow every frame,
 * so that a drag causes no layout from text; the other charts, the title and the summary follow in the first
 * frame without a move (`renderPause`); the descriptions, open tables, the "also in force" list and the sources
 * when the reader lets go of the slider (or 250 ms after the last move).
 * @param {Context} ctx
 * @param {{ light?: boolean }} [options]
 */
export function renderResults(ctx, { light = false } = {}) {
  const { dom } = ctx;
  const explorer = ctx.explorer;
  for (const item of dom.figures) {
    if (light && !item.visible) { item.stale = true; rest(item.box, true); continue; }
    try {
      drawFigure(ctx, item, light);
      if (light) continue;
      item.desc.textContent = explorer.description(item.chart);
      if (!item.table.hidden) fillTable(item.table, explorer.table(item.chart));
    } catch (error) {
      ctx.showError(error);
    }
  }
  // "Computing…" is a badge out of the flow (see natx.css): the note keeps its text and nothing moves.
  const pending = light || (!explorer.has_ranges() && explorer.ranges_available());
  dom.rangesNote.dataset.pending = pending ? ctx.t('ui.ranges_pending') : '';
  dom.rangesNote.classList.toggle('natx-pending', pending);
  // Text that changes the page's layout (title, summary) follows once the reader stops, with the rest.
  if (light) return;
  dom.summary.textContent = explorer.summary(ctx.charts ?? []);
  announceLater(ctx);
  dom.scenarioName.textContent = explorer.scenario_name();
  dom.rangesNote.textContent = explorer.ranges_note();
  if (dom.compare.open) fillCompare(ctx);
  if (dom.picker) dom.picker.value = explorer.preset_id();
  if (dom.openFull) dom.openFull.href = shareLink(ctx);
  if (dom.sourcesPanel && dom.sourcesPanel.open) dom.scenarioSources.replaceChildren(...sourceItems(explorer.scenario_source_links()));
}

/** Put the summary in the live region once no change has come for a second (one announcement per pause; none while
 *  the timeline plays, which turns the region off).
 * @param {Context} ctx */
function announceLater(ctx) {
  clearTimeout(ctx.announceTimer);
  ctx.announceTimer = setTimeout(() => {
    const { dom } = ctx;
    if (dom.announce && dom.announce.textContent !== dom.summary.textContent) dom.announce.textContent = dom.summary.textContent;
  }, 1000);
}

/** The first frame without a move: the charts a light render skipped (off screen), the title and the summary.
 * @param {Context} ctx */
export function renderPause(ctx) {
  for (const item of ctx.dom.figures) if (item.stale) drawChecked(ctx, item);
  ctx.dom.summary.textContent = ctx.explorer.summary(ctx.charts ?? []);
  ctx.dom.scenarioName.textContent = ctx.explorer.scenario_name();
}
