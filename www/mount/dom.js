// DOM helpers shared by the explorer's parts: elements, selects, downloads, the clipboard.
// Text is only ever written with textContent (the `text` attribute below), never innerHTML.
// @ts-check

/** @import { DataTable } from './types' */
/** @typedef {string | number | boolean | null | undefined | ((event: Event) => void)} AttributeValue */

/**
 * An element with attributes (`text` sets textContent, `on…` adds a listener) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttributeValue>} [attributes]
 * @param {(Node | string | null | undefined | false)[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * A labelled select: `[label, select]`; `choices` are `[value, label, title?]`.
 * @param {string} id
 * @param {string} labelText
 * @param {[value: string, label: string, title?: string][]} choices
 * @param {string} value
 * @param {(value: string) => void} onchange
 * @returns {[HTMLLabelElement, HTMLSelectElement]}
 */
export function select(id, labelText, choices, value, onchange) {
  const node = el('select', { id, onchange: () => onchange(node.value) });
  for (const [v, label, title] of choices) node.append(el('option', { value: v, text: label, title }));
  node.value = value;
  return [el('label', { for: id, text: labelText }), node];
}

/** Save a blob as a file.
 * @param {string} filename
 * @param {Blob} blob */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copy text to the clipboard; if the browser refuses, select it in `field` for the reader to copy.
 * @param {string} text
 * @param {HTMLTextAreaElement} [field] */
export async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (field) { field.focus(); field.select(); }
    return false;
  }
}

/** A file-name part from a title. */
/** A file-name part from a title: accents dropped, not split ("Droits américains" → "droits-americains").
 * @param {string} text */
export const slug = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** Fill `container` with an accessible table from Rust's `{ caption, headers, rows }`.
 * @param {HTMLElement} container
 * @param {DataTable | null | undefined} data */
export function fillTable(container, data) {
  if (!data) return;
  const table = el('table', {}, el('caption', { text: data.caption }));
  const head = el('tr');
  for (const h of data.headers) head.append(el('th', { scope: 'col', text: h }));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const row of data.rows) {
    const tr = el('tr');
    row.forEach((cell, k) => tr.append(k === 0 ? el('th', { scope: 'row', text: cell }) : el('td', { text: cell })));
    body.append(tr);
  }
  table.append(body);
  container.replaceChildren(table);
  // A table wider than its box scrolls: keyboard users must be able to reach and scroll it.
  container.setAttribute('tabindex', '0');
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', data.caption);
}

/** The message of anything thrown (Rust's errors are `Error`s), for the page.
 * @param {unknown} error */
export const messageOf = (error) => (error && typeof error === 'object' && 'message' in error && error.message ? String(error.message) : String(error));

/** The items of `list` that `known` holds, each once, in the list's order (a link's or an option's chart ids).
 * @param {string[]} list
 * @param {string[]} known */
export const knownOnce = (list, known) => [...new Set(list)].filter((item) => known.includes(item));
