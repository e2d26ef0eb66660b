// The full page: one explorer with its header, kept in sync with the address bar (links, back and forward).
// @ts-check
// NATX-IMPORT-MOUNT: the single-file build removes the next line (mount is inlined above).
import { mount, mountCompare } from '../pkg/mount.js';

const container = /** @type {HTMLElement} */ (document.getElementById('explorer'));
const compare = new URLSearchParams(location.search).get('compare');
if (compare !== null) {
  mountCompare(container, { compare, query: location.search, history: true, embedUrl: 'embed.html' }).then(() => { document.documentElement.dataset.ready = 'true'; }, failed);
}
else mount(container, { header: true, history: true, query: location.search, embedUrl: 'embed.html' })
  .then((handle) => {
    handle.readyAt = performance.now();
    window.__natx = handle;
    const sync = () => {
      document.documentElement.lang = handle.explorer.language();
      // The tab title follows the language too.
      document.title = handle.explorer.strings()['ui.title'];
      document.body.classList.toggle('natx-dark-page', handle.root.dataset.theme === 'dark');
      document.documentElement.dataset.ready = 'true';
    };
    sync();
    new MutationObserver(sync).observe(handle.root, { attributes: true, attributeFilter: ['data-theme', 'lang'] });
  })
  .catch(failed);

/** @param {any} error anything a rejected promise carries (an Error from Rust or the browser) */
function failed(error) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The explorer could not start: ${error && error.message ? error.message : error}`;
  container.replaceChildren(message);
}

