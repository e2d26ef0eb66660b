// Sharing: the link to this view, the embed snippet, the citation, the CSV; and the page's address kept in sync.

import { el, copyText, download, slug } from './dom.js';

/** The view's query: Rust's scenario state plus the page's own view choices (theme, charts). */
export function queryWithView(ctx) {
  const params = new URLSearchParams(ctx.explorer.url_query());
  if (ctx.theme) { if (ctx.theme === 'auto') params.delete('theme'); else params.set('theme', ctx.theme); }
  if (ctx.charts) params.set('charts', ctx.charts.join(','));
  return params.toString();
}

/** A link that opens this view of the full page. */
export function shareLink(ctx) {
  const { opts } = ctx;
  const base = opts.history ? `${location.origin}${location.pathname}` : (opts.pageUrl || `${location.origin}${location.pathname}`);
  const query = queryWithView(ctx);
  return query ? `${base}?${query}` : base;
}

/** The iframe snippet for an article, with the host-side resize script inline. */
export function embedSnippet(ctx) {
  const embedUrl = new URL(ctx.opts.embedUrl || 'embed.html', location.href);
  // Article-ready by default: the result and one chart, no controls, unless the reader chose the charts.
  const params = new URLSearchParams(queryWithView(ctx));
  if (!params.has('charts')) params.set('charts', 'welfare');
  if (!params.has('controls')) params.set('controls', 'false');
  embedUrl.search = params.toString();
  const origin = embedUrl.origin === 'null' ? '*' : embedUrl.origin;
  const frameId = `natx-${Math.random().toString(36).slice(2, 10)}`;
  const title = ctx.t('ui.title').replace(/"/g, '&quot;');
  return `<iframe src="${embedUrl.href.replace(/"/g, '%22')}" title="${title}" data-natx-frame="${frameId}" loading="lazy" style="width:100%;height:900px;border:0"></iframe>\n`
    + `<script>(function(){var f=document.querySelector('iframe[data-natx-frame="${frameId}"]');window.addEventListener('message',function(e){`
    + `if(!f||e.source!==f.contentWindow||(${JSON.stringify(origin)}!=="*"&&e.origin!==${JSON.stringify(origin)}))return;var d=e.data;`
    + `if(!d||d.type!=="natx:height"||typeof d.height!=="number"||!isFinite(d.height))return;`
    + `f.style.height=Math.max(200,Math.min(20000,Math.ceil(d.height)))+"px";});})();</script>\n`
    + `<!-- Strict Content-Security-Policy? Host embed-resize.js yourself and use <script src="/embed-resize.js"></script> instead of the inline script. -->`;
}

/** A new history entry for a finished change (when the explorer keeps the page's address). */
export function commitHistory(ctx) {
  if (!ctx.opts.history || ctx.explorer.is_custom()) return;
  const query = queryWithView(ctx);
  const url = query ? `?${query}` : location.pathname;
  if (`?${query}` !== location.search) history.pushState(null, '', url);
}

/** The address follows a slider while it moves, without a history entry per step. */
export function replaceHistory(ctx) {
  if (!ctx.opts.history || ctx.explorer.is_custom()) return;
  const query = queryWithView(ctx);
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

/** The share box: copy link, embed, cite, download CSV. */
export function buildShare(ctx) {
  const { dom, t } = ctx;
  const share = el('div', { className: 'natx-share' }, el('h3', { text: t('ui.share') }));
  dom.shareStatus = el('p', { className: 'natx-description', role: 'status' });
  const embedField = el('textarea', { readonly: true, rows: 6, className: 'natx-code', 'aria-label': t('ui.embed'), hidden: true });
  const citeField = el('textarea', { readonly: true, rows: 4, className: 'natx-code', 'aria-label': t('ui.cite'), hidden: true });
  const embedHelp = el('p', { className: 'natx-description', text: t('ui.embed_help'), hidden: true });
  share.append(el('div', { className: 'natx-row natx-wrap' },
    el('button', { type: 'button', className: 'natx-button', text: t('ui.copy_link'), onclick: async () => {
      const ok = await copyText(shareLink(ctx));
      dom.shareStatus.textContent = ok ? t('ui.link_copied') : t('ui.copy_failed');
    } }),
    el('button', { type: 'button', className: 'natx-button', 'aria-expanded': 'false', text: t('ui.embed'), onclick: async (event) => {
      const open = embedField.hidden;
      embedField.hidden = !open; embedHelp.hidden = !open;
      event.currentTarget.setAttribute('aria-expanded', String(open));
      if (open && location.protocol === 'file:') {
        // A copy opened from disk has no web address an article could point to.
        embedField.hidden = true;
        dom.shareStatus.textContent = t('ui.embed_needs_web');
      } else if (open) {
        embedField.value = embedSnippet(ctx);
        const ok = await copyText(embedField.value, embedField);
        dom.shareStatus.textContent = ok ? t('ui.copied') : t('ui.copy_failed');
      }
    } }),
    el('button', { type: 'button', className: 'natx-button', 'aria-expanded': 'false', text: t('ui.cite'), onclick: (event) => {
      const open = citeField.hidden;
      citeField.hidden = !open;
      event.currentTarget.setAttribute('aria-expanded', String(open));
      citeField.value = ctx.explorer.cite(shareLink(ctx), new Date().toISOString().slice(0, 10));
    } }),
    el('button', { type: 'button', className: 'natx-button', text: t('ui.download_csv'), onclick: () => {
      download(`natx-${slug(ctx.explorer.scenario_name())}.csv`, new Blob([ctx.explorer.csv()], { type: 'text/csv;charset=utf-8' }));
    } })));
  share.append(embedHelp, embedField, citeField, dom.shareStatus);
  return share;
}
