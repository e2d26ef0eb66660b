// Scenario A against scenario B (issue 25), for the page (`index.html?compare=A,B`) and the embed page
// (`embed.html?compare=A,B`): two explorers side by side when there is room, a table of both at both horizons with
// B − A and its ranges. The figures are Rust's (`Explorer.compare_with`, the same as `natx compare`); this file
// only lays out and schedules.
// @ts-check

import { mount } from '../mount.js';
import { messageOf } from './dom.js';
/** @import { CompareOptions, Comparison, FullExplorer, Handle } from './types' */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function node(tag, className, text) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  if (text !== undefined) n.textContent = text;
  return n;
}

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
  const top = node('section', 'natx natx-ab');
  const columns = node('div', 'natx-ab-columns');
  const cols = [node('div', 'natx-ab-column'), node('div', 'natx-ab-column')];
  columns.append(...cols);
  container.replaceChildren(top, columns);
  const sides = parts.length === 2 ? parts : ['us-tariffs-2025', 'usmca-lapses'];
  /** @type {Handle<FullExplorer>[]} */
  let handles = [];
  const draw = () => {
    if (handles.length !== 2) return;
    const [a, b] = handles.map((h) => h.explorer);
    const s = a.strings();
    const title = node('h1', 'natx-ab-title', s['ui.compare.title']);
    const notes = [];
    if (parts.length !== 2) notes.push(node('p', 'natx-status', s['ui.compare.bad'].replace('{value}', value)));
    let table;
    try {
      /** @type {Comparison} */
      const comparison = a.compare_with(b);
      table = node('table', 'natx-ab-table');
      const head = node('tr');
      for (const text of [s['ui.compare.country'], s['ui.compare.horizon'], `A: ${comparison.a}`, `B: ${comparison.b}`, 'B − A']) {
        const th = node('th', '', text);
        th.scope = 'col';
        head.append(th);
      }
      const body = node('tbody');
      for (const line of comparison.lines) {
        const tr = node('tr');
        const th = node('th', '', line.country);
        th.scope = 'row';
        tr.append(th, node('td', '', line.horizon), ...line.cells.map((c) => node('td', '', c)));
        body.append(tr);
      }
      const thead = node('thead');
      thead.append(head);
      table.append(thead, body);
    } catch (error) {
      table = node('p', 'natx-status', messageOf(error));
    }
    const scroll = node('div', 'natx-ab-scroll');
    scroll.append(table);
    const csv = node('button', 'natx-button', s['ui.compare.csv']);
    csv.type = 'button';
    csv.addEventListener('click', () => {
      const blob = new Blob([a.compare_csv(b, location.href)], { type: 'text/csv;charset=utf-8' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'natx-comparison.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
    top.replaceChildren(title, ...notes, node('p', 'natx-description', s['ui.compare.help']), scroll, csv);
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
