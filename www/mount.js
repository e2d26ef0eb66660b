// North American Trade Explorer: `mount(element, options)` builds one explorer inside an element and returns a
// handle to update or destroy it. The page (index.html), the embed page (embed.html) and newsroom developers all
// use this one module. It only wires: it reads controls, calls one method of the wasm `Explorer`, and shows the
// result or the error. Every query is scoped to the mounted element, so several explorers can share a page.
//
// Reader-visible text comes from the Rust string catalogues (explorer.strings()); user or URL data is only ever
// written with textContent, never innerHTML.

// NATX-IMPORT: the single-file build replaces the next line with the inlined module.
import init, { Explorer } from '../pkg/na_trade_explorer.js';
// NATX-FULL: the module that can also load a reader's own files, fetched when a reader picks one (pkg/mount.js:
// './full/…'; the single file inlines only that module).
const FULL_MODULE = '../pkg/full/na_trade_explorer.js';

const LANGUAGES = [['en', 'English'], ['fr', 'Français'], ['es', 'Español']];

const modules = new Map();
let instances = 0;

/**
 * Load a wasm module once per page and resolve to `{ Explorer, exports }`: 'page' (everything but reading a
 * reader's own files) or 'full'. The single-file build has one module inline, the full one, for both.
 */
function loadModule(kind = 'page') {
  const inline = typeof NATX_WASM_BASE64 !== 'undefined';
  if (inline) kind = 'page';
  if (!modules.has(kind)) {
    let ready;
    if (kind === 'full') {
      ready = import(FULL_MODULE).then(async (m) => ({ Explorer: m.Explorer, exports: await m.default() }));
    } else if (inline) {
      // A data: URL lets the browser decode and compile the module while streaming, even from file://.
      ready = init({ module_or_path: fetch(`data:application/wasm;base64,${NATX_WASM_BASE64}`) }).then((exports) => ({ Explorer, exports }));
    } else {
      ready = init().then((exports) => ({ Explorer, exports }));
    }
    // A failed load may be retried.
    modules.set(kind, ready.catch((error) => { modules.delete(kind); throw error; }));
  }
  return modules.get(kind);
}

// NATX-CATALOGUES: the wasm module carries English; French and Spanish are fetched the first time a reader needs
// them, from here (pkg/mount.js: './i18n/'; the single-file build inlines them as NATX_CATALOGUES).
const CATALOGUE_BASE = '../pkg/i18n/';
const catalogueTexts = new Map();

const languageCode = (tag) => String(tag || '').trim().split(/[-_]/)[0].toLowerCase();
const queryLanguage = (query) => new URLSearchParams(query || '').get('lang');

/** Start fetching a language's catalogue (once per page); English and unknown tags need nothing. */
function catalogueText(tag) {
  const code = languageCode(tag);
  if (code === 'en' || !LANGUAGES.some(([c]) => c === code)) return null;
  if (!catalogueTexts.has(code)) {
    const text = typeof NATX_CATALOGUES !== 'undefined'
      ? Promise.resolve(JSON.stringify(NATX_CATALOGUES[code]))
      : fetch(new URL(`${CATALOGUE_BASE}${code}.json`, import.meta.url)).then((response) => {
        if (!response.ok) throw new Error(`The ${code} texts could not be loaded (HTTP ${response.status}).`);
        return response.text();
      });
    // A failed fetch may be retried on the next request.
    catalogueTexts.set(code, text.catch((error) => { catalogueTexts.delete(code); throw error; }));
  }
  return catalogueTexts.get(code);
}

/** Make sure the strings of every language among `tags` are in a loaded module (`{ Explorer }`). */
async function ensureLanguages(tags, api) {
  for (const tag of tags) {
    const code = languageCode(tag);
    if (!tag || api.Explorer.language_ready(code)) continue;
    const text = catalogueText(code);
    if (text) api.Explorer.load_language(code, await text);
  }
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (field) { field.focus(); field.select(); }
    return false;
  }
}

const slug = (text) => text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * Mount an explorer in `element`.
 * options: { scenario, step, lang, theme ('auto'|'light'|'dark'|'plain'), charts (ids), height (px),
 *            controls (bool, default true), header (bool), sources (bool, default true),
 *            query (a link's query string to apply first), history (bool: keep the page URL in sync),
 *            embedUrl (URL of embed.html, for the Embed button), onChange (called after each update) }
 */
export async function mount(element, options = {}) {
  const languages = [options.lang || navigator.language || 'en', queryLanguage(options.query)];
  languages.forEach(catalogueText);
  let api = await loadModule();
  // The lists of charts and themes come from Rust (ChartId, Theme): the page repeats no list Rust knows.
  const CHARTS = api.Explorer.chart_ids();
  const THEMES = api.Explorer.themes();
  let languageError = null;
  try {
    await ensureLanguages(languages, api);
  } catch (error) {
    languageError = error;
  }
  performance.mark('natx:module-ready');
  const id = `natx${++instances}`;
  const opts = { controls: true, header: false, sources: true, ...options };
  let explorer = new api.Explorer(opts.lang || navigator.language || 'en');
  let notices = [];
  if (opts.query) notices = explorer.apply_url(opts.query);
  applyOptions(opts);
  // Without its catalogue a language would mix English words with its number formats: stay in English.
  if (languageError && !api.Explorer.language_ready(explorer.language())) explorer.set_language('en');
  performance.mark('natx:solved');

  const root = el('div', { className: 'natx' });
  element.replaceChildren(root);
  const media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  let theme = opts.theme && THEMES.includes(opts.theme) ? opts.theme : null;
  let charts = opts.charts && opts.charts.length ? opts.charts.filter((c) => CHARTS.includes(c)) : null;
  if (!charts) {
    const fromUrl = new URLSearchParams(explorer.url_query()).get('charts');
    if (fromUrl) charts = fromUrl.split(',').filter((c) => CHARTS.includes(c));
  }
  const dom = {};
  let strings = {};
  let playing = null;
  const timings = [];
  const rangeTimings = [];
  const solveTimings = [];

  function applyOptions(o) {
    if (o.lang) explorer.set_language(o.lang);
    if (o.step) explorer.set_step(o.step);
    else if (o.scenario) explorer.set_preset(o.scenario);
    if (o.theme) explorer.set_theme(o.theme);
    if (o.charts) explorer.set_charts(o.charts);
  }

  const t = (key, values = {}) => {
    let text = strings[key] ?? key;
    for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, value);
    return text;
  };

  function currentTheme() {
    if (theme) return theme;
    const fromUrl = new URLSearchParams(explorer.url_query()).get('theme');
    return THEMES.includes(fromUrl) ? fromUrl : 'auto';
  }
  function applyTheme() {
    const chosen = currentTheme();
    const dark = chosen === 'dark' || ((chosen === 'auto' || chosen === 'plain') && !!media && media.matches);
    root.dataset.theme = dark ? 'dark' : 'light';
    root.classList.toggle('natx-plain', chosen === 'plain');
    explorer.set_dark(dark);
  }
  const shownCharts = () => charts || CHARTS;

  // ---- building the interface -------------------------------------------------------------------------------
  function build() {
    strings = explorer.strings();
    root.lang = explorer.language();
    root.replaceChildren();
    applyTheme();
    // A skip link, first in the tab order, straight to the results.
    root.append(el('a', { className: 'natx-skip', href: `#${id}-results-title`, text: t('ui.skip_to_results'), onclick: (event) => {
      event.preventDefault();
      dom.scenarioName.focus();
      dom.scenarioName.scrollIntoView({ block: 'start' });
    } }));
    if (opts.height) { root.style.height = `${Number(opts.height)}px`; root.style.overflowY = 'auto'; }
    if (opts.header) {
      const headlines = el('dl', { className: 'natx-headlines', 'aria-label': t('ui.headlines_label') });
      for (const h of explorer.headlines()) {
        headlines.append(el('div', {}, el('dt', { text: h.label }), el('dd', {}, el('span', { className: 'natx-figure', text: h.value }), el('span', { className: 'natx-source', text: t('ui.source', { source: h.source }) }))));
      }
      root.append(el('header', { className: 'natx-header' }, el('h1', { text: t('ui.title') }), el('p', { className: 'natx-lede', text: t('ui.lede') }), headlines));
    }
    dom.notices = el('div', { className: 'natx-notices', role: 'status' });
    root.append(dom.notices);
    showNotices();
    const layout = el('div', { className: opts.controls ? 'natx-layout' : 'natx-layout natx-no-controls' });
    root.append(layout);
    // Results come first in the document: first on a phone, first for the keyboard and screen readers; on a wide
    // screen the stylesheet places the controls in the left column.
    layout.append(buildResults());
    if (opts.controls) layout.append(buildControls());
    dom.tooltip = el('div', { className: 'natx-tooltip', role: 'status', hidden: true });
    root.append(dom.tooltip);
  }

  function select(labelText, idSuffix, choices, value, onchange) {
    const selectId = `${id}-${idSuffix}`;
    const node = el('select', { id: selectId, onchange: () => onchange(node.value) });
    for (const [v, label, title] of choices) node.append(el('option', { value: v, text: label, title }));
    node.value = value;
    return [el('label', { for: selectId, text: labelText }), node];
  }

  function buildControls() {
    const section = el('section', { className: 'natx-controls', 'aria-labelledby': `${id}-controls-title` });
    section.append(el('h2', { id: `${id}-controls-title`, text: t('ui.scenario') }));
    const settings = el('div', { className: 'natx-settings' });
    const [langLabel, langSelect] = select(t('ui.language'), 'lang', LANGUAGES, explorer.language(), (v) => request({ kind: 'lang', value: v }));
    const [themeLabel, themeSelect] = select(t('ui.theme'), 'theme', THEMES.map((th) => [th, t(`ui.theme.${th}`)]), currentTheme(), (v) => request({ kind: 'theme', value: v }));
    settings.append(el('div', {}, langLabel, langSelect), el('div', {}, themeLabel, themeSelect));
    section.append(settings);
    if (explorer.is_custom()) {
      section.append(el('p', { className: 'natx-description', text: explorer.loaded_note() }));
      section.append(el('button', { type: 'button', className: 'natx-button natx-wide', text: t('ui.back_to_builtin'), onclick: () => request({ kind: 'builtin' }) }));
      section.append(buildOwnData());
      return section;
    }

    const presets = explorer.presets();
    dom.presets = presets;
    // While the timeline is followed, "Start from" says so instead of going blank.
    const presetChoices = [['', t('ui.start_from_timeline')], ...presets.map((p) => [p.id, p.date ? `${p.name} (${p.date})` : p.name])];
    const [presetLabel, presetSelect] = select(t('ui.start_from'), 'preset', presetChoices, explorer.preset_id(), (v) => request(v ? { kind: 'preset', value: v } : { kind: 'step', value: dom.events[0] }));
    dom.presetSelect = presetSelect;
    dom.presetDescription = el('p', { className: 'natx-description', id: `${id}-preset-description` });
    presetSelect.setAttribute('aria-describedby', dom.presetDescription.id);
    section.append(presetLabel, presetSelect, dom.presetDescription);

    // The timeline of real events.
    const events = explorer.timeline();
    const timeline = el('fieldset', { className: 'natx-timeline' }, el('legend', { text: t('ui.timeline') }), el('p', { className: 'natx-description', text: t('ui.timeline.help') }));
    const stepChoices = [['', t('ui.timeline.off')], ...events.map((e) => [e.date, t('ui.timeline.event', { date: e.date, title: e.title }), e.source])];
    const uniqueDates = [];
    for (const choice of stepChoices) if (!uniqueDates.some((c) => c[0] === choice[0])) uniqueDates.push(choice);
    // Several events can share a date: the option names every one of them.
    for (const c of uniqueDates.slice(1)) {
      const same = events.filter((e) => e.date === c[0]);
      c[1] = t('ui.timeline.event', { date: c[0], title: same.map((e) => e.title).join(' · ') });
      c[2] = same.map((e) => e.source).join(' · ');
    }
    const [stepLabel, stepSelect] = select(t('ui.timeline.step'), 'step', uniqueDates, explorer.step_date(), (v) => request(v ? { kind: 'step', value: v } : { kind: 'preset', value: dom.presetSelect.value || presets[0].id }));
    dom.stepSelect = stepSelect;
    dom.events = uniqueDates.slice(1).map((c) => c[0]);
    const move = (delta) => {
      const current = dom.events.indexOf(explorer.step_date());
      const next = Math.min(dom.events.length - 1, Math.max(0, current + delta));
      request({ kind: 'step', value: dom.events[next] });
    };
    dom.play = el('button', { type: 'button', className: 'natx-button', 'aria-pressed': 'false', text: t('ui.timeline.play'), onclick: togglePlay });
    timeline.append(stepLabel, stepSelect, el('div', { className: 'natx-row natx-wrap' },
      el('button', { type: 'button', className: 'natx-button', text: t('ui.timeline.prev'), onclick: () => move(-1) }),
      dom.play,
      el('button', { type: 'button', className: 'natx-button', text: t('ui.timeline.next'), onclick: () => move(1) })));
    section.append(timeline);

    const sets = explorer.elasticity_sets();
    const [elLabel, elSelect] = select(t('ui.elasticities'), 'elasticities', sets.map((s) => [s.id, s.label, s.source]), explorer.elasticities(), (v) => request({ kind: 'elasticities', value: v }));
    dom.elasticitySelect = elSelect;
    section.append(elLabel, elSelect);

    section.append(el('p', { className: 'natx-description', text: t('ui.controls_help') }));
    dom.controls = new Map();
    for (const c of explorer.controls()) {
      const rangeId = `${id}-control-${c.id}`;
      const rule = el('p', { className: 'natx-rule', id: `${rangeId}-rule`, text: c.rule });
      const range = el('input', { type: 'range', id: rangeId, min: c.min, max: c.max, step: c.step, value: c.value, 'aria-describedby': rule.id, 'aria-valuetext': `${c.value}${c.unit}`, 'data-control': c.id });
      const number = el('input', { type: 'number', min: c.min, max: c.max, step: c.step, value: c.value, 'aria-label': `${c.label} (${c.unit})`, 'aria-describedby': rule.id, 'data-control-number': c.id });
      range.addEventListener('input', () => request({ kind: 'control', id: c.id, value: Number(range.value), source: range, transient: true }));
      range.addEventListener('change', () => commitHistory());
      number.addEventListener('change', () => {
        const text = number.value.trim();
        request({ kind: 'control', id: c.id, value: text === '' ? NaN : Number(text), source: number });
      });
      section.append(el('div', { className: 'natx-control' }, el('label', { for: rangeId, text: c.label }), el('div', { className: 'natx-row' }, range, number), rule));
      dom.controls.set(c.id, { range, number, unit: c.unit });
    }
    // What the scenario holds beyond the sliders, so that nothing shapes the result unseen.
    dom.inForce = el('ul', { className: 'natx-in-force-list' });
    dom.inForceNone = el('p', { className: 'natx-description', text: t('ui.in_force.none') });
    section.append(el('div', { className: 'natx-in-force' }, el('h3', { text: t('ui.in_force.title') }), dom.inForceNone, dom.inForce));
    section.append(el('button', { type: 'button', className: 'natx-button natx-wide', text: t('ui.reset'), onclick: () => request({ kind: 'reset' }) }));

    // Sharing, embedding, citing, downloading.
    const share = el('div', { className: 'natx-share' }, el('h3', { text: t('ui.share') }));
    dom.shareStatus = el('p', { className: 'natx-description', role: 'status' });
    const embedField = el('textarea', { readonly: true, rows: 6, className: 'natx-code', 'aria-label': t('ui.embed'), hidden: true });
    const citeField = el('textarea', { readonly: true, rows: 4, className: 'natx-code', 'aria-label': t('ui.cite'), hidden: true });
    const embedHelp = el('p', { className: 'natx-description', text: t('ui.embed_help'), hidden: true });
    share.append(el('div', { className: 'natx-row natx-wrap' },
      el('button', { type: 'button', className: 'natx-button', text: t('ui.copy_link'), onclick: async () => {
        const ok = await copyText(shareLink());
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
          embedField.value = embedSnippet();
          const ok = await copyText(embedField.value, embedField);
          dom.shareStatus.textContent = ok ? t('ui.copied') : t('ui.copy_failed');
        }
      } }),
      el('button', { type: 'button', className: 'natx-button', 'aria-expanded': 'false', text: t('ui.cite'), onclick: (event) => {
        const open = citeField.hidden;
        citeField.hidden = !open;
        event.currentTarget.setAttribute('aria-expanded', String(open));
        citeField.value = explorer.cite(shareLink(), new Date().toISOString().slice(0, 10));
      } }),
      el('button', { type: 'button', className: 'natx-button', text: t('ui.download_csv'), onclick: () => {
        download(`natx-${slug(explorer.scenario_name())}.csv`, new Blob([explorer.csv()], { type: 'text/csv;charset=utf-8' }));
      } })));
    share.append(embedHelp, embedField, citeField, dom.shareStatus);
    section.append(share);
    section.append(buildOwnData());
    return section;
  }

  // Bring your own economy or scenario: the file is checked at once; the solve then runs in slices with progress,
  // so that the page stays responsive on large economies.
  function buildOwnData() {
    const box = el('div', { className: 'natx-own-data' }, el('h3', { text: t('ui.own_data') }), el('p', { className: 'natx-description', text: t('ui.own_data_help') }));
    const economyId = `${id}-economy-file`;
    const scenarioId = `${id}-scenario-file`;
    const economyInput = el('input', { type: 'file', id: economyId, accept: '.json,.csv,application/json,text/csv', 'data-natx-file': 'economy' });
    const scenarioInput = el('input', { type: 'file', id: scenarioId, accept: '.json,application/json', 'data-natx-file': 'scenario' });
    dom.progress = el('progress', { max: 100, value: 0, hidden: true, 'aria-label': t('ui.solving_label') });
    // Raw data (such as the Caliendo–Parro replication files) are often not an exact equilibrium: the reader can
    // ask for the paper's rebase, optionally with every trade deficit set to zero.
    const rebaseId = `${id}-rebase`;
    const balancedId = `${id}-balanced`;
    const rebaseBox = el('input', { type: 'checkbox', id: rebaseId, 'data-natx-option': 'rebase' });
    const balancedBox = el('input', { type: 'checkbox', id: balancedId, 'data-natx-option': 'balanced-trade', disabled: true });
    rebaseBox.addEventListener('change', () => { balancedBox.disabled = !rebaseBox.checked; if (!rebaseBox.checked) balancedBox.checked = false; });
    const options = el('div', { className: 'natx-rebase' },
      el('p', {}, rebaseBox, el('label', { for: rebaseId, text: t('ui.rebase') })),
      el('p', {}, balancedBox, el('label', { for: balancedId, text: t('ui.rebase_balanced') })));
    dom.progressText = el('p', { className: 'natx-description', role: 'status' });
    const load = async (input, kind) => {
      const file = input.files && input.files[0];
      if (!file) return;
      const text = await file.text();
      try {
        await upgrade();
        if (kind === 'economy') explorer.begin_economy(text, file.name, rebaseBox.checked, balancedBox.checked);
        else explorer.begin_scenario(text, file.name);
      } catch (error) {
        showError(error);
        input.value = '';
        return;
      }
      clearError();
      runPending();
    };
    // Start fetching the full module as soon as a reader shows interest in loading a file.
    for (const input of [economyInput, scenarioInput]) {
      for (const event of ['pointerenter', 'focus']) input.addEventListener(event, () => loadModule('full').catch(() => {}), { once: true });
    }
    economyInput.addEventListener('change', () => load(economyInput, 'economy'));
    scenarioInput.addEventListener('change', () => load(scenarioInput, 'scenario'));
    box.append(options, el('label', { for: economyId, text: t('ui.load_economy') }), economyInput,
      el('label', { for: scenarioId, text: t('ui.load_scenario') }), scenarioInput, dom.progress, dom.progressText);
    return box;
  }

  // Switch to the module that also reads a reader's own files (once). The view carries over through its link
  // (preset or step, moved controls, elasticities, language, theme, charts).
  async function upgrade() {
    if (api.Explorer.has_own_data()) return;
    let full;
    try {
      full = await loadModule('full');
    } catch (error) {
      throw new Error(t('ui.own_data_unavailable', { message: error && error.message ? error.message : String(error) }));
    }
    await ensureLanguages([explorer.language()], full);
    const next = new full.Explorer(explorer.language());
    next.apply_url(explorer.url_query());
    explorer.free();
    explorer = next;
    api = full;
    applyTheme();
    render();
  }

  function runPending() {
    dom.progress.hidden = false;
    const started = performance.now();
    const slice = () => {
      let progress;
      try {
        progress = explorer.advance(1);
      } catch (error) {
        showError(error);
        dom.progress.hidden = true;
        return;
      }
      // Rust says how far along the solve is (the residual on a log scale down to the solver's tolerance).
      const fraction = progress.fraction;
      dom.progress.value = Math.round(100 * fraction);
      dom.progressText.textContent = progress.message;
      if (!progress.done) { setTimeout(slice, 0); return; }
      try {
        explorer.finish_pending();
        solveTimings.push(performance.now() - started);
        clearError();
        build();
        syncControls();
        render();
        scheduleRanges();
        root.dataset.loaded = String(solveTimings.length);
      } catch (error) {
        showError(error);
        dom.progress.hidden = true;
      }
    };
    setTimeout(slice, 0);
  }

  function buildResults() {
    const section = el('section', { className: 'natx-results', 'aria-labelledby': `${id}-results-title` });
    dom.scenarioName = el('h2', { id: `${id}-results-title`, className: 'natx-scenario-name', tabindex: '-1' });
    dom.summary = el('p', { className: 'natx-summary', 'aria-live': 'polite' });
    dom.status = el('p', { className: 'natx-status', role: 'alert', hidden: true });
    dom.panic = el('p', { className: 'natx-status', role: 'alert', hidden: true, 'data-natx-panic': true });
    dom.rangesNote = el('p', { className: 'natx-description natx-ranges-note' });
    dom.compare = el('details', { className: 'natx-compare' }, el('summary', { text: t('ui.compare') }));
    dom.compareTable = el('div', { className: 'natx-table' });
    dom.compare.append(dom.compareTable);
    dom.compare.addEventListener('toggle', () => { if (dom.compare.open) fillCompare(); });
    section.append(dom.scenarioName, dom.summary, dom.status, dom.panic, dom.rangesNote, dom.compare);
    const grid = el('div', { className: 'natx-charts' });
    dom.figures = [];
    for (const chart of shownCharts()) {
      const descId = `${id}-${chart}-desc`;
      const tableId = `${id}-${chart}-table`;
      const canvas = el('canvas', { role: 'img', 'aria-label': t(`chart.${chart}.title`), 'aria-describedby': descId });
      const desc = el('p', { className: 'natx-desc', id: descId });
      const table = el('div', { className: 'natx-table', id: tableId, hidden: true });
      // Buttons carry the chart's name for screen readers after their visible text (WCAG 2.5.3: the accessible
      // name starts with the visible label).
      const hiddenName = () => el('span', { className: 'natx-sr', text: ` (${t(`chart.${chart}.title`)})` });
      const toggleLabel = el('span', { text: t('ui.show_data') });
      const toggle = el('button', { type: 'button', className: 'natx-button', 'aria-expanded': 'false', 'aria-controls': tableId }, toggleLabel, hiddenName());
      toggle.addEventListener('click', () => {
        const open = table.hidden;
        table.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggleLabel.textContent = open ? t('ui.hide_data') : t('ui.show_data');
        if (open) fillTable(chart, table);
      });
      const png = el('button', { type: 'button', className: 'natx-button', onclick: () => downloadPng(chart, canvas) }, el('span', { text: t('ui.download_png') }), hiddenName());
      // A heading per chart for screen-reader navigation; the canvas draws the same title for sighted readers.
      const heading = el('h3', { className: 'natx-sr', id: `${id}-${chart}-title`, text: t(`chart.${chart}.title`) });
      const figure = el('figure', { className: 'natx-chart', 'data-chart': chart, 'aria-labelledby': heading.id }, heading, canvas,
        el('figcaption', {}, desc, el('div', { className: 'natx-row natx-wrap natx-no-print' }, toggle, png), table));
      grid.append(figure);
      dom.figures.push({ chart, figure, canvas, desc, table, toggle });
      attachHover(chart, canvas);
    }
    section.append(grid);
    if (opts.sources) section.append(buildSources());
    return section;
  }

  function buildSources() {
    const details = el('details', { className: 'natx-sources' }, el('summary', { text: t('ui.sources_title') }));
    details.append(el('h3', { text: t('ui.sources.model_title') }), el('p', { text: t('ui.sources.model') }));
    // The notes carry figures computed by the model (elasticity means, a sensitivity), so they are built when
    // the panel is first opened.
    const limits = el('ul');
    const fillLimits = () => {
      try {
        limits.replaceChildren(...explorer.method_notes().map((note) => el('li', { text: note })));
      } catch (error) {
        showError(error);
      }
    };
    details.addEventListener('toggle', () => { if (details.open && !limits.childElementCount) fillLimits(); });
    dom.refreshMethod = () => { if (details.open) fillLimits(); else limits.replaceChildren(); };
    details.append(el('h3', { text: t('ui.sources.assumptions_title') }), limits);
    dom.scenarioSources = el('ul');
    details.append(el('h3', { text: t('ui.sources.scenario_title') }), dom.scenarioSources);
    const data = el('ul');
    for (const source of explorer.data_sources()) data.append(el('li', { text: source }));
    details.append(el('h3', { text: t('ui.sources.data_title') }), data, el('p', { text: t('ui.sources.code') }));
    return details;
  }

  function fillCompare() {
    try {
      fillTable(null, dom.compareTable, explorer.compare_elasticities());
    } catch (error) {
      showError(error);
    }
  }

  function fillTable(chart, container, given) {
    const data = given || explorer.table(chart);
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

  function showNotices() {
    dom.notices.replaceChildren();
    for (const notice of notices) {
      const item = el('p', { className: 'natx-notice' }, el('span', { text: notice.message }));
      item.append(el('button', { type: 'button', className: 'natx-button', text: t('notice.dismiss'), onclick: () => { notices = notices.filter((n) => n !== notice); showNotices(); } }));
      dom.notices.append(item);
    }
  }

  // ---- links ----------------------------------------------------------------------------------------------------
  function queryWithView() {
    const params = new URLSearchParams(explorer.url_query());
    if (theme) { if (theme === 'auto') params.delete('theme'); else params.set('theme', theme); }
    if (charts) params.set('charts', charts.join(','));
    return params.toString();
  }
  function shareLink() {
    const base = opts.history ? `${location.origin}${location.pathname}` : (opts.pageUrl || `${location.origin}${location.pathname}`);
    const query = queryWithView();
    return query ? `${base}?${query}` : base;
  }
  function embedSnippet() {
    const embedUrl = new URL(opts.embedUrl || 'embed.html', location.href);
    // Article-ready by default: the result and one chart, no controls, unless the reader chose the charts.
    const params = new URLSearchParams(queryWithView());
    if (!params.has('charts')) params.set('charts', 'welfare');
    if (!params.has('controls')) params.set('controls', 'false');
    embedUrl.search = params.toString();
    const origin = embedUrl.origin === 'null' ? '*' : embedUrl.origin;
    const frameId = `natx-${Math.random().toString(36).slice(2, 10)}`;
    const title = t('ui.title').replace(/"/g, '&quot;');
    return `<iframe src="${embedUrl.href.replace(/"/g, '%22')}" title="${title}" data-natx-frame="${frameId}" loading="lazy" style="width:100%;height:900px;border:0"></iframe>\n`
      + `<script>(function(){var f=document.querySelector('iframe[data-natx-frame="${frameId}"]');window.addEventListener('message',function(e){`
      + `if(!f||e.source!==f.contentWindow||(${JSON.stringify(origin)}!=="*"&&e.origin!==${JSON.stringify(origin)}))return;var d=e.data;`
      + `if(!d||d.type!=="natx:height"||typeof d.height!=="number"||!isFinite(d.height))return;`
      + `f.style.height=Math.max(200,Math.min(20000,Math.ceil(d.height)))+"px";});})();</script>\n`
      + `<!-- Strict Content-Security-Policy? Host embed-resize.js yourself and use <script src="/embed-resize.js"></script> instead of the inline script. -->`;
  }
  function commitHistory() {
    if (!opts.history || explorer.is_custom()) return;
    const query = queryWithView();
    const url = query ? `?${query}` : location.pathname;
    if (`?${query}` !== location.search) history.pushState(null, '', url);
  }
  function replaceHistory() {
    if (!opts.history || explorer.is_custom()) return;
    const query = queryWithView();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }

  // ---- updates ---------------------------------------------------------------------------------------------------
  let pending = [];
  let frame = 0;
  let rangesTimer = 0;
  // Uncertainty ranges follow once the reader stops: 250 ms after the last change.
  function scheduleRanges() {
    clearTimeout(rangesTimer);
    if (explorer.has_ranges() || !explorer.ranges_available()) {
      rangesTimer = setTimeout(() => render(), 250);
      return;
    }
    // Computed in slices of a few milliseconds each (one call never holds the page), then drawn.
    let start = 0;
    const slice = () => {
      if (!start) start = performance.now();
      let done;
      try {
        done = explorer.compute_ranges();
      } catch (error) {
        showError(error);
        render();
        return;
      }
      if (!done) { rangesTimer = setTimeout(slice, 0); return; }
      rangeTimings.push(performance.now() - start);
      render();
    };
    rangesTimer = setTimeout(slice, 250);
  }
  function request(change) {
    const tag = change.kind === 'lang' ? change.value : change.kind === 'url' ? queryLanguage(change.value) : null;
    if (tag && !api.Explorer.language_ready(languageCode(tag)) && catalogueText(tag)) {
      // Fetch the language's texts first, then apply the change.
      ensureLanguages([tag], api).then(() => request(change), showError);
      return;
    }
    clearTimeout(rangesTimer);
    change.t0 = performance.now();
    pending.push(change);
    if (!frame) frame = requestAnimationFrame(apply);
  }
  function apply() {
    frame = 0;
    const applyStart = performance.now();
    const changes = pending;
    pending = [];
    let ok = true;
    let rebuild = false;
    for (const change of changes) {
      try {
        if (change.kind === 'control') explorer.set_control(change.id, change.value);
        else if (change.kind === 'preset') explorer.set_preset(change.value);
        else if (change.kind === 'step') explorer.set_step(change.value);
        else if (change.kind === 'elasticities') explorer.set_elasticities(change.value);
        else if (change.kind === 'reset') explorer.reset();
        else if (change.kind === 'lang') { explorer.set_language(change.value); rebuild = true; }
        else if (change.kind === 'theme') { theme = change.value; explorer.set_theme(change.value); applyTheme(); }
        else if (change.kind === 'url') { if (!explorer.is_custom()) { notices = explorer.apply_url(change.value); theme = null; rebuild = true; } }
        else if (change.kind === 'builtin') { explorer.cancel_pending(); explorer.reset_to_builtin(); rebuild = true; }
      } catch (error) {
        ok = false;
        showError(error);
      }
    }
    if (ok) clearError();
    if (rebuild) build();
    syncControls(changes, ok);
    const transient = changes.every((c) => c.transient);
    render({ light: transient });
    if (!changes.some((c) => c.kind === 'url')) {
      if (changes.every((c) => c.transient)) replaceHistory(); else commitHistory();
    }
    const t1 = performance.now();
    for (const c of changes) timings.push({ total: t1 - c.t0, work: t1 - applyStart });
    scheduleRanges();
    if (typeof opts.onChange === 'function') opts.onChange(handle);
  }

  function syncControls(changes = [], ok = true) {
    if (!dom.controls || explorer.is_custom()) return;
    // A move of one slider only needs that slider's neighbours refreshed when it failed; everything else is known.
    const values = explorer.control_values();
    for (const c of values) {
      const item = dom.controls.get(c.id);
      if (!item) continue;
      if (item.range.value === String(c.value) && item.number.value === String(c.value) && ok) continue;
      const failedHere = !ok && changes.some((ch) => ch.kind === 'control' && ch.id === c.id && ch.source === item.number);
      if (document.activeElement !== item.range || !changes.some((ch) => ch.source === item.range)) item.range.value = c.value;
      if (!failedHere) item.number.value = c.value;
      item.range.setAttribute('aria-valuetext', `${c.value}${item.unit}`);
    }
    if (!dom.presetSelect || explorer.is_custom()) return;
    dom.presetSelect.value = explorer.preset_id();
    dom.stepSelect.value = explorer.step_date();
    dom.elasticitySelect.value = explorer.elasticities();
    const preset = dom.presets.find((p) => p.id === explorer.preset_id());
    dom.presetDescription.textContent = preset ? preset.description : '';
  }

  function showError(error) {
    dom.status.textContent = error && error.message ? error.message : String(error);
    dom.status.hidden = false;
  }
  function clearError() {
    dom.status.hidden = true;
    dom.status.textContent = '';
  }

  const pixelRatio = () => Math.min(Math.max(window.devicePixelRatio || 1, 1), 3);
  function drawFigure(item) {
    const ratio = pixelRatio();
    const width = Math.max(1, Math.round(item.canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(item.canvas.clientHeight * ratio));
    if (item.canvas.width !== width || item.canvas.height !== height) {
      item.canvas.width = width;
      item.canvas.height = height;
    }
    explorer.draw(item.chart, item.canvas, ratio, root.classList.contains('natx-plain'));
  }
  // While a slider is dragged only the charts, the summary and the title follow every frame; the descriptions,
  // open tables and sources follow once the reader stops (with the ranges, or 250 ms later).
  function render({ light = false } = {}) {
    for (const item of dom.figures) {
      try {
        drawFigure(item);
        if (light) continue;
        item.desc.textContent = explorer.description(item.chart);
        if (!item.table.hidden) fillTable(item.chart, item.table);
      } catch (error) {
        showError(error);
      }
    }
    dom.summary.textContent = explorer.summary();
    dom.scenarioName.textContent = explorer.scenario_name();
    if (light) {
      dom.rangesNote.textContent = t('ui.ranges_pending');
      return;
    }
    dom.rangesNote.textContent = explorer.has_ranges() || !explorer.ranges_available() ? explorer.ranges_note() : t('ui.ranges_pending');
    if (dom.compare.open) fillCompare();
    if (dom.inForce && !explorer.is_custom()) {
      const lines = explorer.also_in_force();
      dom.inForce.replaceChildren(...lines.map((line) => el('li', { text: line })));
      dom.inForceNone.hidden = lines.length > 0;
    }
    if (dom.scenarioSources) {
      dom.scenarioSources.replaceChildren(...explorer.scenario_sources().map((s) => el('li', { text: s })));
    }
  }

  function downloadPng(chart, visible) {
    // The PNG carries its context under the chart: scenario, date, source line and credit.
    const today = new Date().toISOString().slice(0, 10);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(visible.clientWidth * 2);
    canvas.height = Math.round((visible.clientHeight + explorer.export_footer_height(visible.clientWidth, today)) * 2);
    try {
      explorer.draw_export(chart, canvas, 2, today);
      canvas.toBlob((blob) => { if (blob) download(`natx-${chart}-${slug(explorer.scenario_name())}.png`, blob); }, 'image/png');
    } catch (error) {
      showError(error);
    } finally {
      // Drawing at 2× replaced the chart's hover regions: restore those of the visible canvas.
      const item = dom.figures.find((f) => f.chart === chart);
      if (item) drawFigure(item);
    }
  }

  function attachHover(chart, canvas) {
    const show = (event) => {
      const rect = canvas.getBoundingClientRect();
      const x = (event.clientX - rect.left) * (canvas.width / rect.width);
      const y = (event.clientY - rect.top) * (canvas.height / rect.height);
      const text = explorer.hit(chart, x, y);
      if (!text) { dom.tooltip.hidden = true; return; }
      dom.tooltip.textContent = text;
      dom.tooltip.hidden = false;
      const left = Math.min(event.clientX + 12, window.innerWidth - dom.tooltip.offsetWidth - 8);
      dom.tooltip.style.left = `${Math.max(8, left)}px`;
      dom.tooltip.style.top = `${event.clientY + 14}px`;
    };
    canvas.addEventListener('pointermove', show);
    canvas.addEventListener('pointerdown', show);
    // A finger lifting "leaves" the canvas: on touch the value stays until the reader taps elsewhere.
    canvas.addEventListener('pointerleave', (event) => { if (event.pointerType !== 'touch') dom.tooltip.hidden = true; });
  }

  function togglePlay() {
    if (playing) { stopPlay(); return; }
    const reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    dom.play.textContent = t('ui.timeline.pause');
    dom.play.setAttribute('aria-pressed', 'true');
    const advance = () => {
      const current = dom.events.indexOf(explorer.step_date());
      if (current >= dom.events.length - 1) { stopPlay(); return; }
      request({ kind: 'step', value: dom.events[current + 1] });
    };
    advance();
    // Readers who ask for less motion get a slower pace.
    playing = setInterval(advance, reduced ? 5000 : 2000);
  }
  function stopPlay() {
    clearInterval(playing);
    playing = null;
    if (dom.play) { dom.play.textContent = t('ui.timeline.play'); dom.play.setAttribute('aria-pressed', 'false'); }
  }

  // Redraw when the width changes; follow the system theme; follow back/forward.
  let lastWidth = 0;
  const resizeObserver = new ResizeObserver(() => {
    const width = root.clientWidth;
    if (width !== lastWidth) { lastWidth = width; render(); }
  });
  const onScheme = () => { if (currentTheme() === 'auto' || currentTheme() === 'plain') { applyTheme(); render(); } };
  const onPopState = () => request({ kind: 'url', value: location.search });

  build();
  performance.mark('natx:built');
  syncControls();
  render();
  performance.mark('natx:rendered');
  if (languageError) showError(languageError);
  scheduleRanges();
  resizeObserver.observe(root);
  if (media && media.addEventListener) media.addEventListener('change', onScheme);
  if (opts.history) { window.addEventListener('popstate', onPopState); replaceHistory(); }
  // A tap anywhere but on a chart hides a touch tooltip.
  function onTapElsewhere(event) {
    if (dom.tooltip && !(event.target instanceof HTMLCanvasElement && root.contains(event.target))) dom.tooltip.hidden = true;
  }
  document.addEventListener('pointerdown', onTapElsewhere, true);

  const handle = {
    /** The wasm Explorer in use (it changes once, when a reader first loads a file of their own). */
    get explorer() { return explorer; },
    root,
    timings,
    rangeTimings,
    solveTimings,
    /** Bytes of WebAssembly memory in use by the page's explorers (for the soak test). */
    memoryBytes() {
      return api.exports && api.exports.memory ? api.exports.memory.buffer.byteLength : 0;
    },
    /** Redraw every chart now (for tests and benchmarks). */
    redraw() {
      render();
    },
    /** Change scenario, step, language, theme or charts after mounting; resolves once applied (a language's
     *  texts may have to be fetched first). */
    async update(next = {}) {
      try {
        if (next.lang) await ensureLanguages([next.lang], api);
        applyOptions(next);
        if (next.theme) theme = next.theme;
        if (next.charts) charts = next.charts.filter((c) => CHARTS.includes(c));
        if (next.height !== undefined) opts.height = next.height;
        clearError();
      } catch (error) {
        showError(error);
      }
      build();
      syncControls();
      render();
      scheduleRanges();
    },
    /** Remove the explorer and its listeners. */
    destroy() {
      document.removeEventListener('pointerdown', onTapElsewhere, true);
      stopPlay();
      clearTimeout(rangesTimer);
      resizeObserver.disconnect();
      if (media && media.removeEventListener) media.removeEventListener('change', onScheme);
      window.removeEventListener('popstate', onPopState);
      if (frame) cancelAnimationFrame(frame);
      root.remove();
      explorer.free();
    },
  };
  root.dataset.ready = 'true';
  return handle;
}
