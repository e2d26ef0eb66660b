// Scenario A against scenario B (issue 25), for the page (`index.html?compare=A,B`) and the embed page
// (`embed.html?compare=A,B`): two explorers side by side when there is room, a table of both at both horizons with
// B − A and its ranges. The figures are Rust's (`Explorer.compare_with`, the same as `natx compare`); this file
// only lays out and schedules.
// @ts-check

import { mount } from '../mount.js';
import { el, download, messageOf } from './dom.js';
/** @import { CompareOptions, Comparison, FullExplorer, Handle } from './types' */

// Scenario A against scenario B (issue 25): `?compare=A,B`, each a preset id or `step:YYYY-MM-DD` (`lang=` too).
// Two explorers side by side (stacked on a phone), each with every chart, its summary and its ranges, and a table
// of both at both horizons with B − A (Rust's `compare_with`, the figures of `natx compare`).
/** @param {HTMLElement} container @param {CompareOptions} options @returns {Promise<Handle<FullExplorer>[]>} */
export async function mountCompare(container, options) {
  const value = options.compare;
  const params = new URLSearchParams(options.query || '');
  const lang = params.get('lang');
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  // Each side's link: its preset or date, and the view's own keys (language; in an embed, charts and theme).
  const shared = ['lang', 'charts', 'theme'].filter((k) => params.get(k)).map((k) => `&${k}=${encodeURIComponent(String(params.get(k)))}`).join('');
  // A side is a preset id, `step:YYYY-MM-DD`, or a whole link of the explorer (a reader's own scenario: `own=…`).
  const query = (/** @type {string} */ p) => {
    if (p.includes('=')) return `${p}${shared}`;
    return `${p.startsWith('step:') ? `step=${encodeURIComponent(p.slice(5))}` : `preset=${encodeURIComponent(p)}`}${shared}`;
  };
  const top = el('section', { className: 'natx natx-ab' });
  const columns = el('div', { className: 'natx-ab-columns' });
  const cols = [el('div', { className: 'natx-ab-column' }), el('div', { className: 'natx-ab-column' })];
  columns.append(...cols);
  container.replaceChildren(top, columns);
  const sides = parts.length === 2 ? parts : ['us-tariffs-2025', 'usmca-lapses'];
  /** @type {Handle<FullExplorer>[]} */
  let handles = [];
  const draw = () => {
    if (handles.length !== 2) return;
    const [a, b] = handles.map((h) => h.explorer);
    const s = a.strings();
    const title = el('h1', { className: 'natx-ab-title', text: s['ui.compare.title'] });
    const notes = [];
    if (parts.length !== 2) notes.push(el('p', { className: 'natx-status', text: s['ui.compare.bad'].replace('{value}', value) }));
    let table;
    try {
      /** @type {Comparison} */
      const comparison = a.compare_with(b);
      const head = el('tr', {}, ...[s['ui.compare.country'], s['ui.compare.horizon'], `A: ${comparison.a}`, `B: ${comparison.b}`, 'B − A']
        .map((text) => el('th', { scope: 'col', text })));
      const rows = comparison.lines.map((line) => el('tr', {}, el('th', { scope: 'row', text: line.country }),
        el('td', { text: line.horizon }), ...line.cells.map((c) => el('td', { text: c }))));
      table = el('table', { className: 'natx-ab-table' }, el('thead', {}, head), el('tbody', {}, ...rows));
    } catch (error) {
      table = el('p', { className: 'natx-status', text: messageOf(error) });
    }
    const csv = el('button', { type: 'button', className: 'natx-button', text: s['ui.compare.csv'],
      onclick: () => download('natx-comparison.csv', new Blob([a.compare_csv(b, location.href)], { type: 'text/csv;charset=utf-8' })) });
    top.replaceChildren(title, ...notes, el('p', { className: 'natx-description', text: s['ui.compare.help'] }), el('div', { className: 'natx-ab-scroll' }, table), csv);
    if (options.history) document.title = `${s['ui.compare.title']}: ${comparison_names(a, b)}`;
    // The address names what is compared, as the reader changes either side.
    const side = (/** @type {FullExplorer} */ e) => e.preset_id() || (e.step_date() ? `step:${e.step_date()}` : '');
    if (options.history && side(a) && side(b)) history.replaceState(null, '', `?compare=${side(a)},${side(b)}${lang ? `&lang=${encodeURIComponent(lang)}` : ''}`);
    if (options.history) document.documentElement.lang = a.language();
    if (options.onChange) options.onChange();
  };
  // The ranges of B − A: the same draws for both scenarios, in slices after each change (Rust's
  // `begin_difference` / `advance_difference`), then the table again with them.
  let slicing = 0;
  const differenceRanges = () => {
    if (handles.length !== 2) return;
    const [a, b] = handles.map((h) => h.explorer);
    let work;
    try {
      work = a.begin_difference(b);
    } catch (error) {
      return;
    }
    if (!work) return;
    const generation = ++slicing;
    const slice = () => {
      if (generation !== slicing) return;
      if (!handles[0].explorer.advance_difference()) { setTimeout(slice, 0); return; }
      draw();
      document.documentElement.dataset.compareRanges = 'true';
    };
    setTimeout(slice, 0);
  };
  const changed = () => { draw(); differenceRanges(); };
  try {
    // An embed is article-shaped (no menus) unless its address asks for them.
    handles = await Promise.all(sides.map((side, k) => mount(cols[k], { query: query(side), controls: options.embed ? (params.get('controls') || 'none') : 'picker', embed: Boolean(options.embed), history: false, embedUrl: options.embedUrl, pageUrl: options.pageUrl, module: 'full', onChange: changed })));
  } catch (error) {
    container.replaceChildren();
    throw error;
  }
  changed();
  window.__natxCompare = handles;
  window.__natx = handles[0];
  return handles;
}

/** @param {FullExplorer} a @param {FullExplorer} b */
function comparison_names(a, b) {
  return `${a.scenario_name()} / ${b.scenario_name()}`;
}
