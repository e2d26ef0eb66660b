// The embed page: one explorer configured by the frame's URL (same keys as the page's links), with no header,
// reporting its height to the host page through postMessage so that the host can size the iframe.
// No inline script is needed, so the page works under `script-src 'self' 'wasm-unsafe-eval'`.
// @ts-check
import { mount, mountCompare } from '../pkg/mount.js';

const container = /** @type {HTMLElement} */ (document.getElementById('explorer'));
const reportHeight = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (window.parent === window) return;
  window.parent.postMessage({ type: 'natx:height', height }, '*');
  // AMP's amp-iframe resizes a frame that asks in its own format (embed-conventions: embed-size).
  window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
};
// A pre-rendered embed (pkg/embeds/…, written by `natx prerender`) names its scenario on the <html> element; the
// address can still override it. The live explorer replaces the static charts when it is ready.
const preset = document.documentElement.dataset.natxQuery || '';
const query = new URLSearchParams(preset);
for (const [key, value] of new URLSearchParams(location.search)) query.set(key, value);
const compare = query.get('compare');
// Scenario A against B (`compare=A,B`): two explorers and the table of their difference.
const started = compare !== null
  ? mountCompare(container, { compare, query: `?${query}`, embed: true, pageUrl: new URL('index.html', import.meta.url).href, embedUrl: location.href.split('?')[0], onChange: reportHeight }).then((handles) => handles[0])
  : mount(container, {
  header: false,
  history: false,
  query: `?${query}`,
  // Article-shaped unless the address asks for controls (`controls=picker` or `all`); charts from `charts=`.
  embed: true,
  pageUrl: new URL('index.html', import.meta.url).href,
  embedUrl: preset ? new URL('embed.html', import.meta.url).href : location.href.split('?')[0],
  onChange: reportHeight,
});
started.then((handle) => {
  handle.readyAt = performance.now();
  window.__natx = handle;
  document.documentElement.lang = handle.explorer.language();
  new ResizeObserver(reportHeight).observe(document.documentElement);
  reportHeight();
  document.documentElement.dataset.ready = 'true';
}).catch((error) => {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The explorer could not start: ${error && error.message ? error.message : error}`;
  container.replaceChildren(message);
  reportHeight();
});
