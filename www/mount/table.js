// The tariff table (issue 25): every importer × exporter pair (rows) and sector (columns) of the economy in use,
// each cell the applied tariff in force (percent) with its change since 2024. Typing a rate and pressing Enter (or
// leaving the cell) sets it; arrow keys move between cells; a block pasted from a spreadsheet lands from the cell
// in focus (Rust reads it: tabs or semicolons, either decimal separator). The rules live in Rust
// (app/cells.rs); this file only draws and forwards.
// @ts-check

import { el } from './dom.js';
import { readNumber, showNumber } from './controls.js';
import { fullExplorer, upgrade } from './own-data.js';
/** @import { Context, PastedBlock, TariffTable } from './types' */

/** The table's box (a closed disclosure: the grid is drawn when opened).
 * @param {Context} ctx */
export function buildTable(ctx) {
  const { dom, t, id } = ctx;
  // The table is the full module's (the page's first module leaves it out, as it does reading files): opening it
  // the first time swaps that module in, which redraws the column; the table then opens again, with the focus.
  const details = el('details', { className: 'natx-table-box', open: Boolean(ctx.tableOpen) });
  const summary = el('summary', { text: t('ui.table.title'), 'data-natx-table-summary': true });
  const help = el('p', { className: 'natx-description', id: `${id}-table-help`, text: t('ui.table.help') });
  const scroll = el('div', { className: 'natx-table-scroll' });
  details.append(summary, help, scroll);
  dom.table = { details, scroll, inputs: [], rows: [], built: false };
  details.addEventListener('toggle', () => {
    ctx.tableOpen = details.open;
    if (!details.open) return;
    if (ctx.api.Explorer.has_own_data()) { syncTable(ctx); return; }
    upgrade(ctx).then(() => {
      const again = ctx.dom.table;
      if (!again) return;
      syncTable(ctx);
      /** @type {HTMLElement} */ (again.details.querySelector('summary')).focus();
    }, (error) => { ctx.tableOpen = false; details.open = false; ctx.showError(error); });
  });
  if (details.open) setTimeout(() => syncTable(ctx), 0);
  return details;
}

/** @param {Context} ctx @param {TariffTable} table */
function buildGrid(ctx, table) {
  const { dom, t, id } = ctx;
  const grid = el('table', { className: 'natx-rates', 'aria-describedby': `${id}-table-help` });
  const head = el('tr', {}, el('th', { scope: 'col', text: '' }));
  table.sectors.forEach((sector, c) => head.append(el('th', { scope: 'col', title: table.sector_names[c], text: sector })));
  grid.append(el('thead', {}, head));
  const body = el('tbody');
  dom.table.inputs = [];
  dom.table.rows = table.rows.map((row) => /** @type {[number, number]} */ ([row.importer, row.exporter]));
  table.rows.forEach((row, r) => {
    const tr = el('tr', {}, el('th', { scope: 'row', text: row.label }));
    const inputs = table.sector_names.map((sector, c) => {
      const input = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-label': `${row.label}, ${sector} (%)`, 'data-cell': `${r},${c}` });
      // The change since 2024 shows under the rate; "set by you" is for screen readers (sighted readers see the
      // bold border).
      const note = el('span', { className: 'natx-change', id: `${id}-cell-${r}-${c}` });
      const mine = el('span', { className: 'natx-sr', id: `${id}-cell-${r}-${c}-set` });
      input.setAttribute('aria-describedby', `${note.id} ${mine.id}`);
      input.addEventListener('change', () => commit(ctx, r, c, input.value));
      input.addEventListener('keydown', (event) => move(ctx, event, r, c));
      input.addEventListener('paste', (event) => paste(ctx, event, r, c));
      tr.append(el('td', {}, input, note, mine));
      return { input, note, mine };
    });
    dom.table.inputs.push(inputs);
    body.append(tr);
  });
  grid.append(body);
  dom.table.scroll.replaceChildren(grid);
  dom.table.built = true;
}

/** Show the rates in force (when the table is open).
 * @param {Context} ctx */
export function syncTable(ctx) {
  const box = ctx.dom.table;
  if (!box || !box.details.open || !ctx.api.Explorer.has_own_data()) return;
  /** @type {TariffTable} */
  const table = fullExplorer(ctx).tariff_table();
  if (!box.built || box.inputs.length !== table.rows.length) buildGrid(ctx, table);
  const { t, explorer } = ctx;
  table.rows.forEach((row, r) => {
    row.rates.forEach((rate, c) => {
      const { input, note, mine } = box.inputs[r][c];
      const shown = showNumber(explorer, round(rate));
      if (input.value !== shown && !(document.activeElement === input && input.dataset.editing)) input.value = shown;
      delete input.dataset.editing;
      const change = round(rate - row.base[c]);
      const text = Math.abs(change) >= 0.005 ? t('ui.table.change', { change: `${change > 0 ? '+' : '−'}${showNumber(explorer, Math.abs(change))}` }) : '';
      if (note.textContent !== text) note.textContent = text;
      const set = row.set[c] ? t('ui.table.set_by_you') : '';
      if (mine.textContent !== set) mine.textContent = set;
      input.classList.toggle('natx-set', row.set[c]);
      input.classList.toggle('natx-changed', Math.abs(change) >= 0.005);
    });
  });
}

/** @param {number} value */
function round(value) {
  return Math.round(value * 100) / 100;
}

/** One cell's edit for `set_rates`: importer, exporter, sector, percent.
 * @param {Context} ctx @param {number} r @param {number} c @param {number} value */
function cellEdit(ctx, r, c, value) {
  const [importer, exporter] = ctx.dom.table.rows[r];
  return [importer, exporter, c, value];
}

// A typed rate: empty drops the cell (the scenario's own rate shows again); text that is not a number is sent as
// such, so that Rust names the cell and what was expected.
/** @param {Context} ctx @param {number} r @param {number} c @param {string} text */
function commit(ctx, r, c, text) {
  const value = String(text).trim() === '' ? NaN : readNumber(text);
  if (String(text).trim() !== '' && Number.isNaN(value)) {
    ctx.showError(new Error(ctx.t('error.table_number', { cell: String(ctx.dom.table.inputs[r][c].input.getAttribute('aria-label')), value: String(text).trim() })));
    return;
  }
  ctx.dom.table.inputs[r][c].input.dataset.editing = '';
  ctx.request({ kind: 'rates', edits: cellEdit(ctx, r, c, value) });
}

/** @param {Context} ctx @param {KeyboardEvent} event @param {number} r @param {number} c */
function move(ctx, event, r, c) {
  const { inputs } = ctx.dom.table;
  const input = inputs[r][c].input;
  const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
  const atEnd = input.selectionStart === input.value.length;
  let next = null;
  if (event.key === 'ArrowUp') next = [r - 1, c];
  else if (event.key === 'ArrowDown' || event.key === 'Enter') next = [r + 1, c];
  else if (event.key === 'ArrowLeft' && atStart) next = [r, c - 1];
  else if (event.key === 'ArrowRight' && atEnd) next = [r, c + 1];
  if (!next) return;
  const [nr, nc] = next;
  if (event.key === 'Enter') input.dispatchEvent(new Event('change'));
  if (nr < 0 || nc < 0 || nr >= inputs.length || nc >= inputs[0].length) { event.preventDefault(); return; }
  event.preventDefault();
  inputs[nr][nc].input.focus();
  inputs[nr][nc].input.select();
}

// A block from a spreadsheet: every number lands in its cell from the one in focus; cells beyond the table are
// left out; one solve for the whole block.
/** @param {Context} ctx @param {ClipboardEvent} event @param {number} r @param {number} c */
function paste(ctx, event, r, c) {
  const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
  if (!/[\t\n;]/.test(text.trim())) return;
  event.preventDefault();
  /** @type {PastedBlock} */
  let block;
  try {
    block = fullExplorer(ctx).parse_paste(text);
  } catch (error) {
    ctx.showError(error);
    return;
  }
  const { inputs } = ctx.dom.table;
  /** @type {number[]} */
  const edits = [];
  block.forEach((row, dr) => row.forEach((value, dc) => {
    if (value === null || r + dr >= inputs.length || c + dc >= inputs[0].length) return;
    edits.push(...cellEdit(ctx, r + dr, c + dc, value));
  }));
  if (edits.length) ctx.request({ kind: 'rates', edits });
}
