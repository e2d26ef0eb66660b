// Sharing: the link to this view, the embed builder, the citation, the CSV; and the page's address kept in sync.
// @ts-check

import { el, copyText, download, slug } from './dom.js';
import { openEmbedBuilder } from './embed-builder.js';
import { fullExplorer, upgrade } from './own-data.js';
/** @import { Context } from './types' */

/** A link that opens this view of the full page (from an embed: with every chart and control). Rust writes the
 *  query (`share_query`).
 * @param {Context} ctx */
export function shareLink(ctx) {
  const { opts } = ctx;
  const base = opts.history ? `${location.origin}${location.pathname}` : (opts.pageUrl || `${location.origin}${location.pathname}`);
  const query = ctx.explorer.share_query(!!opts.embed);
  return query ? `${base}?${query}` : base;
}

/** A new history entry for a finished change (when the explorer keeps the page's address).
 * @param {Context} ctx */
export function commitHistory(ctx) {
  if (!ctx.opts.history || ctx.explorer.own_economy()) return;
  const query = ctx.explorer.url_query();
  const url = query ? `?${query}` : location.pathname;
  if (`?${query}` === location.search) return;
  // Changes less than a second apart (arrow presses on a slider) share one history entry; Back then goes to the
  // view before them, not through every step.
  const now = performance.now();
  if (now - (ctx.lastHistoryPush || -Infinity) < 1000) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  ctx.lastHistoryPush = now;
}

/** The address shows the view without a new history entry (when the explorer is mounted).
 * @param {Context} ctx */
export function replaceHistory(ctx) {
  if (!ctx.opts.history || ctx.explorer.own_economy()) return;
  const query = ctx.explorer.url_query();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

/** Save the results as CSV (the share box and an embed's "Get the data").
 * @param {Context} ctx */
export function downloadCsv(ctx) {
  download(`natx-${slug(ctx.explorer.scenario_name())}.csv`, new Blob([ctx.explorer.csv(shareLink(ctx))], { type: 'text/csv;charset=utf-8' }));
}

/** Save the scenario on screen as a scenario file (JSON) that the page and `natx solve` read back.
 * @param {Context} ctx */
export async function saveScenario(ctx) {
  // Writing a scenario file is the full module's (the page's first module leaves it out, like reading one).
  try {
    await upgrade(ctx);
  } catch (error) {
    ctx.showError(error);
    return;
  }
  download(`natx-${slug(ctx.explorer.scenario_name())}.json`, new Blob([fullExplorer(ctx).scenario_json()], { type: 'application/json' }));
  ctx.savedQuery = ctx.explorer.url_query();
}

/** The share box: copy link, embed (the builder), cite, download CSV.
 * @param {Context} ctx */
export function buildShare(ctx) {
  const { dom, t } = ctx;
  const share = el('div', { className: 'natx-share' }, el('h3', { text: t('ui.share') }));
  dom.shareStatus = el('p', { className: 'natx-description', role: 'status' });
  const citeField = el('textarea', { readonly: true, rows: 4, className: 'natx-code', 'aria-label': t('ui.cite'), hidden: true });
  share.append(el('div', { className: 'natx-row natx-wrap' },
    el('button', { type: 'button', className: 'natx-button', text: t('ui.copy_link'), onclick: async () => {
      if (ctx.explorer.own_economy()) { dom.shareStatus.textContent = t('ui.link_no_economy'); return; }
      const link = shareLink(ctx);
      const ok = await copyText(link);
      // A link too long for some mail and chat programs is still copied, with a word about it.
      dom.shareStatus.textContent = [ok ? t('ui.link_copied') : t('ui.copy_failed'), ctx.explorer.link_warning(link)].filter(Boolean).join(' ');
    } }),
    el('button', { type: 'button', className: 'natx-button', 'aria-haspopup': 'dialog', text: t('ui.embed'), onclick: (event) => { if (ctx.explorer.own_economy()) dom.shareStatus.textContent = t('ui.link_no_economy'); else openEmbedBuilder(ctx, /** @type {HTMLButtonElement} */ (event.currentTarget)); } }),
    el('button', { type: 'button', className: 'natx-button', 'aria-expanded': 'false', text: t('ui.cite'), onclick: (event) => {
      const open = citeField.hidden;
      citeField.hidden = !open;
      /** @type {HTMLButtonElement} */ (event.currentTarget).setAttribute('aria-expanded', String(open));
      citeField.value = ctx.explorer.cite(shareLink(ctx), new Date().toISOString().slice(0, 10));
    } }),
    el('button', { type: 'button', className: 'natx-button', text: t('ui.download_csv'), onclick: () => downloadCsv(ctx) }),
    el('button', { type: 'button', className: 'natx-button', 'data-natx-save': '', text: t('ui.save_scenario'), onclick: () => saveScenario(ctx) })));
  share.append(citeField, dom.shareStatus);
  return share;
}
