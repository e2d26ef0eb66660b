// The embed builder, as newsroom tools have it: pick the charts, what the frame shows of the controls, language,
// theme and height behaviour; a live preview at phone or article width; the code to paste, kept in step.
// @ts-check

import { el, select, copyText } from './dom.js';
import { ensureLanguages } from './wasm.js';
/** @import { Context, Preset } from './types' */
/** What the builder's form says (`height`: `auto`, or pixels; `measured`: the preview's height, NaN until known).
 * @typedef {{ charts: string[], controls: string, lang: string, theme: string, height: 'auto' | number, measured: number, updates: string, compare: string }} Choice */

/** @type {Record<string, number>} */
const PREVIEW_WIDTHS = { phone: 375, article: 720 };

/** The embed page's address for `choice` ({ charts, controls, lang, theme, updates, compare }). Rust writes the
 *  query (`embed_query`): a live embed's is minimal and follows the site as it is updated; a frozen one (issue 22)
 *  spells out every choice and points into the version folder `cargo xtask dist` writes beside older ones
 *  (`versions/<version>/`: that version's page, module and data, never rewritten), so that a later change of a
 *  default cannot change a published embed.
 * @param {Context} ctx
 * @param {Choice} choice */
export function embedUrl(ctx, choice) {
  const frozen = choice.updates === 'frozen';
  const live = new URL(ctx.opts.embedUrl || 'embed.html', location.href);
  const url = frozen ? new URL(`../versions/${ctx.explorer.version()}/www/embed.html`, live) : live;
  const query = ctx.explorer.embed_query(choice.charts, choice.controls, choice.theme, choice.lang, frozen, choice.compare || '');
  // The default embed of an unchanged preset is also pre-rendered (pkg/embeds/, `natx prerender`): charts at first
  // paint, and for readers and platforms without JavaScript. The builder hands that file out when it applies.
  const params = new URLSearchParams(query);
  const view = [...params.keys()].filter((k) => !['lang', 'theme', 'charts', 'controls'].includes(k));
  const preset = params.get('preset');
  const defaults = ctx.api.Explorer.embed_charts();
  if (view.length === 1 && preset && choice.controls === 'none' && choice.theme === 'light'
    && choice.charts.join(',') === defaults.join(',') && /^[a-z0-9-]+$/.test(preset)) {
    return new URL(`../pkg/embeds/${choice.lang}/${preset}.html`, url);
  }
  url.search = query;
  return url;
}

/** The code for an article: the iframe, and for a frame that fits its content the host-side resize script.
 * @param {Context} ctx
 * @param {Choice} choice */
export function embedSnippet(ctx, choice) {
  const url = embedUrl(ctx, choice);
  // The frame's title in the embed's language (screen readers announce it in the article).
  const title = ctx.api.Explorer.title_in(choice.lang).replace(/"/g, '&quot;');
  const src = url.href.replace(/"/g, '%22');
  if (choice.height !== 'auto') {
    return `<iframe src="${src}" title="${title}" loading="lazy" allow="clipboard-write" style="width:100%;height:${choice.height}px;border:0"></iframe>`;
  }
  const origin = url.origin === 'null' ? '*' : url.origin;
  const frameId = `natx-${Math.random().toString(36).slice(2, 10)}`;
  // The frame starts at the height the preview measured (else a typical one) and then follows what the embed reports.
  const start = Number.isFinite(choice.measured) ? choice.measured : 900;
  return `<iframe src="${src}" title="${title}" data-natx-frame="${frameId}" loading="lazy" allow="clipboard-write" style="width:100%;height:${start}px;border:0"></iframe>\n`
    + `<script>(function(){var f=document.querySelector('iframe[data-natx-frame="${frameId}"]');window.addEventListener('message',function(e){`
    + `if(!f||e.source!==f.contentWindow||(${JSON.stringify(origin)}!=="*"&&e.origin!==${JSON.stringify(origin)}))return;var d=e.data;`
    + `if(!d||d.type!=="natx:height"||typeof d.height!=="number"||!isFinite(d.height))return;`
    + `f.style.height=Math.max(200,Math.min(20000,Math.ceil(d.height)))+"px";});})();</script>\n`
    + `<!-- Strict Content-Security-Policy? Host embed-resize.js yourself and use <script src="/embed-resize.js"></script> instead of the inline script. -->`;
}

/** Open the builder as a modal dialog (Escape closes it, focus returns to the Embed button).
 * @param {Context} ctx
 * @param {HTMLElement} [opener] */
export function openEmbedBuilder(ctx, opener) {
  const { t, id } = ctx;
  const explorer = ctx.explorer;
  /** @type {Choice} */
  const choice = {
    charts: ctx.charts ? [...ctx.charts] : ctx.api.Explorer.embed_charts(),
    controls: 'none',
    lang: explorer.language(),
    // Light unless the reader picked a theme: "automatic" follows the reader's system, which shows a dark box in a
    // light article to every reader in dark mode.
    theme: ctx.currentTheme() === 'auto' ? 'light' : ctx.currentTheme(),
    height: 'auto',
    measured: NaN,
    updates: 'live',
    compare: '',
  };
  const dialog = el('dialog', { className: 'natx-dialog', 'aria-labelledby': `${id}-builder-title` });
  const close = () => dialog.close();
  dialog.addEventListener('close', () => { window.removeEventListener('message', onMessage); dialog.remove(); opener?.focus(); });
  const status = el('p', { className: 'natx-description', role: 'status' });
  const heading = el('div', { className: 'natx-row natx-dialog-head' },
    el('h2', { id: `${id}-builder-title`, text: t('ui.embed_builder.title') }),
    el('button', { type: 'button', className: 'natx-button', text: t('ui.embed_builder.close'), onclick: close }));
  dialog.append(heading);
  if (location.protocol === 'file:') {
    // A copy opened from disk has no web address an article could point to.
    dialog.append(el('p', { text: t('ui.embed_needs_web') }));
    ctx.root.append(dialog);
    dialog.showModal();
    return dialog;
  }

  const form = el('div', { className: 'natx-builder-form' }, el('p', { className: 'natx-description', text: t('ui.embed_builder.help') }));
  const charts = el('fieldset', {}, el('legend', { text: t('ui.embed_builder.charts') }));
  for (const chart of ctx.chartIds) {
    const boxId = `${id}-builder-chart-${chart}`;
    const box = el('input', { type: 'checkbox', id: boxId, value: chart, checked: choice.charts.includes(chart), 'data-natx-builder-chart': chart });
    box.addEventListener('change', () => {
      choice.charts = ctx.chartIds.filter((c) => /** @type {HTMLInputElement} */ (charts.querySelector(`input[value="${c}"]`)).checked);
      update();
    });
    charts.append(el('p', { className: 'natx-check' }, box, el('label', { for: boxId, text: t(`chart.${chart}.title`) })));
  }
  const [controlsLabel, controlsSelect] = select(`${id}-builder-controls`, t('ui.embed_builder.controls'),
    ctx.api.Explorer.controls_choices().map((c) => [c, t(`ui.embed_builder.controls.${c}`)]), choice.controls, (v) => { choice.controls = v; update(); });
  // Another language's texts are fetched first, so that the frame's title in the code is in that language.
  const [langLabel, langSelect] = select(`${id}-builder-lang`, t('ui.language'), ctx.languages, choice.lang, (v) => {
    choice.lang = v;
    update();
    ensureLanguages([v], ctx.api).then(update, () => {});
  });
  const [themeLabel, themeSelect] = select(`${id}-builder-theme`, t('ui.theme'), ctx.themes.map((th) => [th, t(`ui.theme.${th}`)]), choice.theme, (v) => { choice.theme = v; update(); });
  // A transparent theme shows the article's own background: its text is checked against the colour given here.
  const host = el('input', { type: 'color', id: `${id}-builder-host`, value: '#ffffff', 'data-natx-builder-host': true });
  const contrast = el('p', { className: 'natx-description', 'data-natx-builder-contrast': true, 'aria-live': 'polite' });
  host.addEventListener('input', () => update());
  const pixels = el('input', { type: 'number', id: `${id}-builder-px`, min: 300, max: 4000, step: 10, value: 800, disabled: true });
  const [heightLabel, heightSelect] = select(`${id}-builder-height`, t('ui.embed_builder.height'),
    [['auto', t('ui.embed_builder.height.auto')], ['fixed', t('ui.embed_builder.height.fixed')]], 'auto', (v) => {
      pixels.disabled = v !== 'fixed';
      choice.height = v === 'fixed' ? clampHeight(pixels.value) : 'auto';
      update();
    });
  pixels.addEventListener('change', () => { if (heightSelect.value === 'fixed') { choice.height = clampHeight(pixels.value); pixels.value = String(choice.height); update(); } });
  // Live follows the site; frozen keeps today's numbers (the version folder must be on the site: cargo xtask dist).
  const [updatesLabel, updatesSelect] = select(`${id}-builder-updates`, t('ui.embed_builder.updates'),
    ['live', 'frozen'].map((u) => [u, t(`ui.embed_builder.updates.${u}`, { version: explorer.version() })]), 'live', (v) => { choice.updates = v; update(); });
  // Against another scenario (issue 25): a preset, or nothing. Only a preset or a timeline date can be compared.
  const here = explorer.compare_side();
  const [compareLabel, compareSelect] = select(`${id}-builder-compare`, t('ui.embed_builder.compare'),
    [['', t('ui.embed_builder.compare.none')], .../** @type {Preset[]} */ (explorer.presets()).filter((p) => p.id !== explorer.preset_id()).map((p) => /** @type {[string, string]} */ ([p.id, p.name]))], '', (v) => { choice.compare = v; update(); });
  compareSelect.disabled = !here;
  const [widthLabel, widthSelect] = select(`${id}-builder-width`, t('ui.embed_builder.preview_width'),
    Object.entries(PREVIEW_WIDTHS).map(([k, px]) => [k, t(`ui.embed_builder.width.${k}`, { px })]), 'article', () => update());
  const code = el('textarea', { readonly: true, rows: 7, id: `${id}-builder-code`, className: 'natx-code', 'data-natx-builder-code': true });
  form.append(charts, controlsLabel, controlsSelect, compareLabel, compareSelect, langLabel, langSelect, themeLabel, themeSelect,
    el('label', { for: host.id, text: t('ui.embed_builder.host') }), host, contrast, updatesLabel, updatesSelect, heightLabel, heightSelect,
    el('label', { for: pixels.id, text: t('ui.embed_builder.height_px') }), pixels,
    el('label', { for: code.id, text: t('ui.embed_builder.snippet') }), code,
    el('button', { type: 'button', className: 'natx-button', text: t('ui.embed_builder.copy'), onclick: async () => {
      const ok = await copyText(code.value, code);
      status.textContent = ok ? t('ui.copied') : t('ui.copy_failed');
    } }), status);
  const frame = el('iframe', { title: t('ui.embed_builder.preview'), className: 'natx-preview-frame', 'data-natx-builder-preview': true });
  const preview = el('div', { className: 'natx-builder-preview' }, el('h3', { text: t('ui.embed_builder.preview') }), widthLabel, widthSelect, el('div', { className: 'natx-preview-box' }, frame));
  dialog.append(el('div', { className: 'natx-builder' }, form, preview));

  // The preview sizes itself as the host page's script would.
  /** @param {MessageEvent} event */
  function onMessage(event) {
    const d = event.data;
    if (event.source !== frame.contentWindow || !d || d.type !== 'natx:height' || typeof d.height !== 'number' || !Number.isFinite(d.height)) return;
    const height = Math.max(200, Math.min(20000, Math.ceil(d.height)));
    if (choice.height === 'auto') frame.style.height = `${height}px`;
    // The code starts the frame at the height measured here, so the article does not jump when it loads.
    if (choice.measured !== height) { choice.measured = height; if (choice.charts.length) code.value = embedSnippet(ctx, choice); }
  }
  window.addEventListener('message', onMessage);

  let shown = '';
  function update() {
    if (!choice.charts.length) {
      status.textContent = t('ui.embed_builder.no_chart');
      return;
    }
    status.textContent = '';
    contrast.textContent = contrastNote(t, choice.theme, host.value);
    code.value = embedSnippet(ctx, choice);
    frame.style.width = `${PREVIEW_WIDTHS[widthSelect.value]}px`;
    if (choice.height !== 'auto') frame.style.height = `${choice.height}px`;
    const src = embedUrl(ctx, choice).href;
    if (src !== shown) { shown = src; frame.src = src; }
    // A frozen address works once the site carries this version's folder; say so where it does not (yet).
    if (choice.updates === 'frozen') {
      fetch(src, { method: 'HEAD' }).then((r) => r.ok, () => false).then((ok) => {
        if (!ok && choice.updates === 'frozen') status.textContent = t('ui.embed_builder.frozen_missing', { version: explorer.version() });
      });
    }
  }
  update();
  ctx.root.append(dialog);
  dialog.showModal();
  return dialog;
}

// The text colours of the transparent themes (natx.css's --natx-fg and --natx-muted of each palette): the lower
// contrast of the two against the host's background must reach WCAG's 4.5:1.
/** @type {Record<string, string[]>} */
const PLAIN_TEXT = { plain: ['#1a1a1a', '#4f4f4f'], 'plain-dark': ['#ececec', '#b8b8b8'] };

/** @param {string} hex */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours.
 * @param {string} a
 * @param {string} b */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** @param {Context['t']} t @param {string} theme @param {string} background */
function contrastNote(t, theme, background) {
  if (!PLAIN_TEXT[theme] || !/^#[0-9a-f]{6}$/i.test(background)) return '';
  const ratio = Math.min(...PLAIN_TEXT[theme].map((c) => contrastRatio(c, background)));
  const shown = (Math.floor(ratio * 10) / 10).toFixed(1);
  if (ratio >= 4.5) return t('ui.embed_builder.contrast_ok', { ratio: shown });
  return t('ui.embed_builder.contrast_low', { ratio: shown, better: t(`ui.theme.${theme === 'plain' ? 'plain-dark' : 'plain'}`) });
}

const clampHeight = (/** @type {string} */ value) => Math.max(300, Math.min(4000, Math.round(Number(value) || 800)));
