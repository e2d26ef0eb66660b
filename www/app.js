// North American Trade Explorer: the page's wiring. It reads controls, calls one exported function, and shows the
// result or the error. No model arithmetic lives here; everything is computed in Rust (src/web).

// NATX-IMPORT: the single-file build replaces the next line with the inlined module.
import init, { Explorer } from '../pkg/na_trade_explorer.js';

const $ = (selector) => document.querySelector(selector);
const dpr = () => Math.min(Math.max(window.devicePixelRatio || 1, 1), 3);

async function boot() {
  // The single-file build defines NATX_WASM_BASE64; the served page fetches the .wasm next to the glue.
  if (typeof NATX_WASM_BASE64 !== 'undefined') {
    const bytes = Uint8Array.from(atob(NATX_WASM_BASE64), (c) => c.charCodeAt(0));
    await init({ module_or_path: bytes });
  } else {
    await init();
  }
  const explorer = new Explorer();
  const page = { explorer, timings: [], ready: false };
  window.__natx = page;

  const status = $('#status');
  const showError = (error) => {
    status.textContent = (error && error.message) ? error.message : String(error);
    status.hidden = false;
  };
  const clearError = () => { status.hidden = true; status.textContent = ''; };

  // Headline figures of the baseline, with sources.
  const headlines = $('#headlines');
  for (const h of explorer.headlines()) {
    const item = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = h.label;
    const dd = document.createElement('dd');
    dd.textContent = h.value;
    const source = document.createElement('span');
    source.className = 'source';
    source.textContent = `Source: ${h.source}`;
    dd.append(source);
    item.append(dt, dd);
    headlines.append(item);
  }

  // Preset and elasticity pickers.
  const presetSelect = $('#preset');
  const presets = explorer.presets();
  for (const p of presets) {
    const option = document.createElement('option');
    option.value = p.id;
    option.textContent = p.date ? `${p.name} (${p.date})` : p.name;
    presetSelect.append(option);
  }
  const elasticitySelect = $('#elasticities');
  for (const e of explorer.elasticity_sets()) {
    const option = document.createElement('option');
    option.value = e.id;
    option.textContent = e.label;
    option.title = e.source;
    elasticitySelect.append(option);
  }
  elasticitySelect.value = 'caliendo_parro';

  // Sliders, each with a number field for exact values.
  const sliders = $('#sliders');
  const controlElements = new Map();
  for (const c of explorer.controls()) {
    const wrap = document.createElement('div');
    wrap.className = 'control';
    const label = document.createElement('label');
    label.htmlFor = `control-${c.id}`;
    label.textContent = c.label;
    const row = document.createElement('div');
    row.className = 'row';
    const range = document.createElement('input');
    Object.assign(range, { type: 'range', id: `control-${c.id}`, min: c.min, max: c.max, step: c.step, value: c.value });
    const number = document.createElement('input');
    Object.assign(number, { type: 'number', min: c.min, max: c.max, step: c.step, value: c.value });
    number.setAttribute('aria-label', `${c.label}, ${c.unit}`);
    const rule = document.createElement('p');
    rule.className = 'rule';
    rule.id = `rule-${c.id}`;
    rule.textContent = c.rule;
    range.setAttribute('aria-describedby', rule.id);
    range.setAttribute('aria-valuetext', `${c.value}${c.unit}`);
    row.append(range, number);
    wrap.append(label, row, rule);
    sliders.append(wrap);
    controlElements.set(c.id, { range, number, unit: c.unit });
    range.addEventListener('input', () => request({ kind: 'control', id: c.id, value: Number(range.value), source: range }));
    number.addEventListener('change', () => {
      const text = number.value.trim();
      request({ kind: 'control', id: c.id, value: text === '' ? NaN : Number(text), source: number });
    });
  }

  const syncControls = () => {
    for (const c of explorer.controls()) {
      const el = controlElements.get(c.id);
      el.range.value = c.value;
      el.number.value = c.value;
      el.range.setAttribute('aria-valuetext', `${c.value}${el.unit}`);
    }
    presetSelect.value = explorer.preset_id();
    const preset = presets.find((p) => p.id === explorer.preset_id());
    $('#preset-description').textContent = preset ? preset.description : '';
  };

  presetSelect.addEventListener('change', () => request({ kind: 'preset', id: presetSelect.value }));
  elasticitySelect.addEventListener('change', () => request({ kind: 'elasticities', id: elasticitySelect.value }));
  $('#reset').addEventListener('click', () => request({ kind: 'reset' }));

  // Work is coalesced into one solve and one redraw per animation frame, so dragging stays smooth.
  let pending = [];
  let frame = 0;
  function request(change) {
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
    for (const change of changes) {
      try {
        if (change.kind === 'control') explorer.set_control(change.id, change.value);
        else if (change.kind === 'preset') explorer.set_preset(change.id);
        else if (change.kind === 'elasticities') explorer.set_elasticities(change.id);
        else if (change.kind === 'reset') explorer.reset();
      } catch (error) {
        ok = false;
        showError(error);
      }
    }
    if (ok) clearError();
    if (changes.some((c) => c.kind !== 'control')) syncControls();
    else {
      for (const c of changes) {
        const el = controlElements.get(c.id);
        if (!el) continue;
        const value = explorer.controls().find((x) => x.id === c.id).value;
        if (c.source !== el.range) el.range.value = value;
        if (c.source !== el.number || ok) el.number.value = ok ? value : el.number.value;
        el.range.setAttribute('aria-valuetext', `${value}${el.unit}`);
      }
    }
    render();
    const t1 = performance.now();
    // For the page benchmark: input-to-redrawn time (including the wait for the frame) and the work itself.
    for (const c of changes) page.timings.push({ total: t1 - c.t0, work: t1 - applyStart });
  }

  const figures = [...document.querySelectorAll('.chart')];
  function drawChart(figure) {
    const canvas = figure.querySelector('canvas');
    const ratio = dpr();
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    explorer.draw(figure.dataset.chart, canvas, ratio);
  }
  function render() {
    for (const figure of figures) {
      try {
        drawChart(figure);
      } catch (error) {
        showError(error);
      }
    }
    $('#summary').textContent = explorer.summary();
    $('#scenario-name').textContent = explorer.scenario_name();
  }

  // Hover or tap: map the pointer back to a chart element and show its exact value in an HTML tooltip.
  const tooltip = $('#tooltip');
  for (const figure of figures) {
    const canvas = figure.querySelector('canvas');
    const show = (event) => {
      const rect = canvas.getBoundingClientRect();
      const x = (event.clientX - rect.left) * (canvas.width / rect.width);
      const y = (event.clientY - rect.top) * (canvas.height / rect.height);
      const text = explorer.hit(figure.dataset.chart, x, y);
      if (!text) { tooltip.hidden = true; return; }
      tooltip.textContent = text;
      tooltip.hidden = false;
      const left = Math.min(event.clientX + 12, window.innerWidth - tooltip.offsetWidth - 8);
      tooltip.style.left = `${Math.max(8, left)}px`;
      tooltip.style.top = `${event.clientY + 14}px`;
    };
    canvas.addEventListener('pointermove', show);
    canvas.addEventListener('pointerdown', show);
    canvas.addEventListener('pointerleave', () => { tooltip.hidden = true; });
  }

  // Redraw when a chart's width changes (window resize, rotation).
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = figures[0].clientWidth;
    if (width !== lastWidth) {
      lastWidth = width;
      render();
    }
  }).observe(document.querySelector('.charts'));

  syncControls();
  render();
  page.ready = true;
  page.readyAt = performance.now();
  document.documentElement.dataset.ready = 'true';
}

boot().catch((error) => {
  const status = document.querySelector('#status');
  status.textContent = `The explorer could not start: ${error && error.message ? error.message : error}`;
  status.hidden = false;
});
