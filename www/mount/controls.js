// The scenario column, in two parts: the picker (the preset and the timeline of real events), first in the document
// so that a phone shows it on the first screen; and the controls (language and theme, the preset's description,
// elasticities, the sliders always showing the values in force from Rust's ScenarioState, what else is in force,
// reset, share and the reader's own data), after the results.
// @ts-check

import { el, messageOf, select } from './dom.js';
import { buildShare } from './share.js';
import { buildOwnData } from './own-data.js';
import { buildTable, syncTable } from './table.js';
import { attachLiveBar, syncLiveBar } from './live-bar.js';
/** @import { Change, ControlChange, Context, Control, ControlItem, ControlValue, ElasticitySet, Explorer, Preset, TimelineEvent } from './types' */

/** Build the picker: "Start from" and the timeline; `null` with a reader's own economy, which has neither.
 * @param {Context} ctx
 * @returns {HTMLElement | null} */
export function buildPicker(ctx) {
  const { dom, t, id } = ctx;
  const explorer = ctx.explorer;
  if (explorer.is_custom() && explorer.own_economy()) return null;
  const section = el('section', { className: 'natx-pick', 'aria-labelledby': `${id}-pick-title` });
  section.append(el('h2', { id: `${id}-pick-title`, text: t('ui.scenario') }));
  /** @type {Preset[]} */
  const presets = explorer.presets();
  dom.presets = presets;
  // While the timeline is followed, "Start from" says so instead of going blank; with the reader's scenario, it
  // names it.
  /** @type {[string, string]} */
  const first = explorer.is_custom() ? ['', explorer.scenario_name()] : ['', t('ui.start_from_timeline')];
  /** @type {[string, string][]} */
  const presetChoices = [first, ...presets.map((p) => /** @type {[string, string]} */ ([p.id, p.date ? `${p.name} (${p.date})` : p.name]))];
  const [presetLabel, presetSelect] = select(`${id}-preset`, t('ui.start_from'), presetChoices, explorer.preset_id(), (v) => ctx.request(v ? { kind: 'preset', value: v } : explorer.is_custom() ? { kind: 'none' } : { kind: 'step', value: dom.events[0] }));
  dom.presetSelect = presetSelect;
  // The preset's description opens the controls below (on a wide screen, right under the picker).
  presetSelect.setAttribute('aria-describedby', `${id}-preset-description`);
  section.append(presetLabel, presetSelect, buildTimeline(ctx, presets));
  return section;
}

/** Build the controls section. `ctx` is the explorer's shared context (see mount.js).
 * @param {Context} ctx */
export function buildControls(ctx) {
  const { dom, t, id } = ctx;
  const explorer = ctx.explorer;
  const section = el('section', { className: 'natx-controls', 'aria-labelledby': `${id}-controls-title` });
  attachLiveBar(ctx);
  section.append(el('h2', { id: `${id}-controls-title`, text: t('ui.adjust') }));
  const settings = el('div', { className: 'natx-settings' });
  const [langLabel, langSelect] = select(`${id}-lang`, t('ui.language'), ctx.languages, explorer.language(), (v) => ctx.request({ kind: 'lang', value: v }));
  const [themeLabel, themeSelect] = select(`${id}-theme`, t('ui.theme'), ctx.themes.map((th) => [th, t(`ui.theme.${th}`)]), ctx.currentTheme(), (v) => ctx.request({ kind: 'theme', value: v }));
  settings.append(el('div', {}, langLabel, langSelect), el('div', {}, themeLabel, themeSelect));
  section.append(settings);
  if (explorer.is_custom()) {
    // The reader's data: named, with the way back. A reader's scenario on the built-in economy keeps every
    // control below (its link carries it); a reader's economy does not (no link can carry it).
    section.append(el('p', { className: 'natx-description', 'data-natx-loaded': '', text: explorer.loaded_note() }));
    section.append(el('button', { type: 'button', className: 'natx-button natx-wide', text: t('ui.back_to_builtin'), onclick: () => ctx.request({ kind: 'builtin' }) }));
    if (explorer.own_economy()) {
      section.append(buildShare(ctx), buildOwnData(ctx));
      return section;
    }
  }

  dom.presetDescription = el('p', { className: 'natx-description', id: `${id}-preset-description` });
  section.append(dom.presetDescription);

  /** @type {ElasticitySet[]} */
  const sets = explorer.elasticity_sets();
  const [elLabel, elSelect] = select(`${id}-elasticities`, t('ui.elasticities'), sets.map((s) => [s.id, s.label, s.source]), explorer.elasticities(), (v) => ctx.request({ kind: 'elasticities', value: v }));
  dom.elasticitySelect = elSelect;
  section.append(elLabel, elSelect);

  section.append(el('p', { className: 'natx-description', text: t('ui.controls_help') }));
  dom.controls = new Map();
  for (const c of /** @type {Control[]} */ (explorer.controls())) {
    const rangeId = `${id}-control-${c.id}`;
    const rule = el('p', { className: 'natx-rule', id: `${rangeId}-rule`, text: c.rule });
    const range = el('input', { type: 'range', id: rangeId, min: c.min, max: c.max, step: c.step, value: c.value, 'aria-describedby': rule.id, 'aria-valuetext': `${c.value}${c.unit}`, 'data-control': c.id });
    // A refused value is explained under its own box (the page's alert line may be far out of view).
    const problem = el('p', { className: 'natx-field-error', id: `${rangeId}-problem`, hidden: true });
    // A text box with the decimal keypad, not type=number: a number box drops or misreads the reader's decimal
    // comma ("6,5" became 65 in French). Both separators are read; the value is shown in the reader's format.
    const number = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', value: showNumber(explorer, c.value), 'aria-label': `${c.label} (${c.unit})`, 'aria-describedby': `${rule.id} ${problem.id}`, 'data-control-number': c.id });
    range.addEventListener('input', () => ctx.request({ kind: 'control', id: c.id, value: Number(range.value), source: range, transient: true }));
    // The end of a drag (or a key press): the full view and one history entry, after the move is applied.
    range.addEventListener('change', () => ctx.request({ kind: 'settle' }));
    number.addEventListener('change', () => {
      ctx.request({ kind: 'control', id: c.id, value: readNumber(number.value), source: number });
    });
    section.append(el('div', { className: 'natx-control' }, el('label', { for: rangeId, text: c.label }), el('div', { className: 'natx-row' }, range, number, el('span', { className: 'natx-unit', 'aria-hidden': 'true', text: c.unit })), problem, rule));
    dom.controls.set(c.id, { range, number, problem, unit: c.unit });
  }
  // What the scenario holds beyond the sliders, so that nothing shapes the result unseen.
  dom.inForce = el('ul', { className: 'natx-in-force-list' });
  dom.inForceNone = el('p', { className: 'natx-description', text: t('ui.in_force.none') });
  section.append(el('div', { className: 'natx-in-force' }, el('h3', { text: t('ui.in_force.title') }), dom.inForceNone, dom.inForce));
  section.append(buildTable(ctx));
  section.append(el('button', { type: 'button', className: 'natx-button natx-wide', text: t('ui.reset'), onclick: () => ctx.request({ kind: 'reset' }) }));
  section.append(buildShare(ctx));
  section.append(buildOwnData(ctx));
  return section;
}

/** The timeline of real events: a step menu (one option per date, naming every event of that date) and
 *  previous / play / next.
 * @param {Context} ctx
 * @param {Preset[]} presets */
function buildTimeline(ctx, presets) {
  const { dom, t, id } = ctx;
  /** @type {TimelineEvent[]} */
  const events = ctx.explorer.timeline();
  const timeline = el('fieldset', { className: 'natx-timeline' }, el('legend', { text: t('ui.timeline') }), el('p', { className: 'natx-description', text: t('ui.timeline.help') }));
  const dates = [...new Set(events.map((e) => e.date))];
  /** @type {[string, string, string?][]} */
  const stepChoices = [['', t('ui.timeline.off')], ...dates.map((date) => {
    const same = events.filter((e) => e.date === date);
    return /** @type {[string, string, string]} */ ([date, t('ui.timeline.event', { date, title: same.map((e) => e.title).join(' · ') }), same.map((e) => e.source).join(' · ')]);
  })];
  const [stepLabel, stepSelect] = select(`${id}-step`, t('ui.timeline.step'), stepChoices, ctx.explorer.step_date(), (v) => ctx.request(v ? { kind: 'step', value: v } : { kind: 'preset', value: dom.presetSelect.value || presets[0].id }));
  dom.stepSelect = stepSelect;
  dom.events = dates;
  const move = (/** @type {number} */ delta) => {
    const current = dom.events.indexOf(ctx.explorer.step_date());
    const next = Math.min(dom.events.length - 1, Math.max(0, current + delta));
    ctx.request({ kind: 'step', value: dom.events[next] });
  };
  dom.play = el('button', { type: 'button', className: 'natx-button', 'aria-pressed': 'false', text: t('ui.timeline.play'), onclick: () => togglePlay(ctx) });
  timeline.append(stepLabel, stepSelect, el('div', { className: 'natx-row natx-wrap' },
    el('button', { type: 'button', className: 'natx-button', text: t('ui.timeline.prev'), onclick: () => move(-1) }),
    dom.play,
    el('button', { type: 'button', className: 'natx-button', text: t('ui.timeline.next'), onclick: () => move(1) })));
  return timeline;
}

/** @param {Context} ctx */
function togglePlay(ctx) {
  const { dom, t } = ctx;
  if (ctx.playing) { stopPlay(ctx); return; }
  const reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  dom.play.textContent = t('ui.timeline.pause');
  dom.play.setAttribute('aria-pressed', 'true');
  // While playing, the summary is not read aloud at every step (every two seconds); it is again when play stops.
  if (dom.announce) dom.announce.setAttribute('aria-live', 'off');
  const advance = () => {
    const current = dom.events.indexOf(ctx.explorer.step_date());
    if (current >= dom.events.length - 1) { stopPlay(ctx); return; }
    ctx.request({ kind: 'step', value: dom.events[current + 1] });
  };
  advance();
  // Readers who ask for less motion get a slower pace.
  ctx.playing = setInterval(advance, reduced ? 5000 : 2000);
}

/** Stop playing the timeline (also on destroy).
 * @param {Context} ctx */
export function stopPlay(ctx) {
  clearInterval(ctx.playing ?? undefined);
  ctx.playing = null;
  if (ctx.dom.play) { ctx.dom.play.textContent = ctx.t('ui.timeline.play'); ctx.dom.play.setAttribute('aria-pressed', 'false'); }
  if (ctx.dom.announce) ctx.dom.announce.setAttribute('aria-live', 'polite');
}

/** A number the reader typed, with either decimal separator ("6,5" or "6.5", spaces and a minus sign allowed);
 *  NaN when the text is not one plain number (Rust then says "enter a number" and keeps the last good result), so
 *  a value the reader did not see is never applied.
 * @param {string} text */
export function readNumber(text) {
  const plain = String(text).trim().replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(plain)) return NaN;
  return Number(plain.replace(',', '.'));
}

/** A control's value with the decimal separator of the reader's language (Rust's: a comma in French).
 * @param {Explorer} explorer
 * @param {number} value */
export function showNumber(explorer, value) {
  return String(value).replace('.', explorer.decimal_separator());
}

/** Show the values in force: after each change the sliders, menus and the preset's description follow Rust.
 * @param {Context} ctx
 * @param {Change[]} [changes] */
export function syncControls(ctx, changes = [], ok = true) {
  const { dom } = ctx;
  const explorer = ctx.explorer;
  syncLiveBar(ctx);
  if (!dom.controls || explorer.own_economy()) return;
  // A frame of a drag changes only the dragged slider: its number box follows (the slider holds the value).
  const dragged = ok && changes.length > 0 && changes.every(isDrag);
  for (const c of dragged ? changes : /** @type {ControlValue[]} */ (explorer.control_values())) {
    const item = dom.controls.get(c.id);
    if (!item) continue;
    const failed = ok ? null : changes.find((ch) => ch.kind === 'control' && ch.id === c.id && ch.source === item.number && ch.error);
    showProblem(item, failed && failed.error);
    const shown = showNumber(explorer, c.value);
    if (item.range.value === String(c.value) && item.number.value === shown && ok) continue;
    const failedHere = Boolean(failed);
    if (document.activeElement !== item.range || !changes.some((ch) => ch.source === item.range)) item.range.value = String(c.value);
    if (!failedHere) item.number.value = shown;
    item.range.setAttribute('aria-valuetext', `${c.value}${item.unit}`);
  }
  if (!dom.presetSelect || dragged) return;
  syncTable(ctx);
  // Only what changed is written: every write costs a layout of the column on each frame of a drag.
  /** @type {<T, K extends keyof T>(node: T, key: K, value: T[K]) => void} */
  const put = (node, key, value) => { if (node[key] !== value) node[key] = value; };
  put(dom.presetSelect, 'value', explorer.preset_id());
  put(dom.stepSelect, 'value', explorer.step_date());
  put(dom.elasticitySelect, 'value', explorer.elasticities());
  const preset = dom.presets.find((p) => p.id === explorer.preset_id());
  put(dom.presetDescription, 'textContent', preset ? preset.description : '');
}

/** A frame of a slider's drag (`transient`: only a control's move is).
 * @param {Change} change
 * @returns {change is ControlChange} */
const isDrag = (change) => change.kind === 'control' && Boolean(change.transient);

/** The "also in force" list (the measures no slider covers).
 * @param {Context} ctx */
export function showInForce(ctx) {
  const { dom } = ctx;
  if (!dom.inForce || ctx.explorer.own_economy()) return;
  const lines = ctx.explorer.also_in_force();
  dom.inForce.replaceChildren(...lines.map((line) => el('li', { text: line })));
  dom.inForceNone.hidden = lines.length > 0;
}

/** The message under a number box whose value was refused (or none): the box is marked invalid while it shows.
 * @param {ControlItem} item
 * @param {unknown} error */
function showProblem(item, error) {
  const message = error ? messageOf(error) : '';
  if (item.problem.textContent === message) return;
  item.problem.textContent = message;
  item.problem.hidden = !message;
  if (message) item.number.setAttribute('aria-invalid', 'true');
  else item.number.removeAttribute('aria-invalid');
}
