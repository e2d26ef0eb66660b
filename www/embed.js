// The embed page: one explorer configured by the frame's URL (same keys as the page's links), with no header,
// reporting its height to the host page through postMessage so that the host can size the iframe.
// No inline script is needed, so the page works under `script-src 'self' 'wasm-unsafe-eval'`.
import { mount } from '../pkg/mount.js';

const container = document.getElementById('explorer');
const reportHeight = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (window.parent === window) return;
  window.parent.postMessage({ type: 'natx:height', height }, '*');
  // AMP's amp-iframe resizes a frame that asks in its own format (embed-conventions: embed-size).
  window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
};
mount(container, {
  header: false,
  history: false,
  query: location.search,
  // Article-shaped unless the address asks for controls (`controls=picker` or `all`); charts from `charts=`.
  embed: true,
  pageUrl: new URL('index.html', location.href).href,
  embedUrl: location.href.split('?')[0],
  onChange: reportHeight,
}).then((handle) => {
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
