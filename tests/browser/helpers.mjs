// Shared helpers for the browser tests: the page's own static server (`cargo xtask serve`, xtask/src/server.rs)
// on a free loopback port, and Debian's Chromium launched headless through playwright-core with the flags that
// work on these machines. Waits are on signals the page gives (data-ready, the explorer's state), never on time.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Serve the page as users do, with `cargo xtask serve` (without building: what is in pkg/ is tested), on a free
 *  loopback port, with the tests' host pages (tests/browser/fixtures); returns { url, close }. `headers` are
 *  added to every response (for example a Content-Security-Policy). NATX_XTASK names an xtask binary to run
 *  instead of `cargo xtask`. */
export async function startServer({ headers = {} } = {}) {
  const args = ['serve', '--no-build', '--port', '0', '--also-serve', 'tests/browser/fixtures'];
  for (const [name, value] of Object.entries(headers)) args.push('--header', `${name}: ${value}`);
  const [command, commandArgs] = process.env.NATX_XTASK ? [process.env.NATX_XTASK, args] : ['cargo', ['xtask', ...args]];
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A test file that ends without calling close() leaves no server behind.
  process.once('exit', () => child.kill());
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const read = (chunk) => {
      output += chunk;
      const found = output.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (found) resolve(found[0]);
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (chunk) => { output += chunk; });
    child.once('error', reject);
    exited.then((code) => reject(new Error(`cargo xtask serve exited (${code}) before serving:\n${output}`)));
  });
  return {
    url,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

/** Launch headless Chromium (Debian's package). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/** Open a page, collecting console errors, page errors and every request; waits until the explorer is ready. */
export async function openPage(browser, url, { width = 1280, height = 900, deviceScaleFactor = 1, bypassCSP = false } = {}) {
  // bypassCSP only for tests that inject a checker (axe-core) into a page whose own policy forbids inline script.
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.querySelector('[role=alert]:not([hidden])'), null, { timeout: 20000 });
  return { page, context, errors, requests };
}

/** Wait until pending work has been applied and painted. */
export const settle = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Wait until the explorer has installed its `count`-th reader's file (its root's `data-loaded`). */
export const waitLoaded = (page, count, timeout = 30000) => page.waitForFunction((n) => document.querySelector('.natx').dataset.loaded === String(n), count, { timeout });

/** Wait until the uncertainty ranges of the current result have been computed and drawn: the explorer has them,
 *  and the note under the charts no longer carries the "Computing…" badge (the render after the ranges clears it).
 *  (Predicates are functions, not strings: the pages' Content-Security-Policy forbids eval.) */
export const waitRanges = (page) => page.waitForFunction(() => {
  const handle = window.__natx;
  const note = handle && handle.root.querySelector('.natx-ranges-note');
  return !!note && handle.explorer.has_ranges() && note.dataset.pending === '';
}, null, { timeout: 10000 }).then(() => settle(page));

/** Wait until the explorer in a host page's iframe (`selector`) has drawn its ranges (the last content to arrive,
 *  as in `waitRanges`) and the host has given the frame the height the embed reports for it (its document's
 *  height, clamped as embed-resize.js does). The frame is on the host's origin. */
export const waitFrameSettled = (page, selector = 'iframe') => page.waitForFunction((s) => {
  const frame = document.querySelector(s);
  const win = frame && frame.contentWindow;
  if (!win || !win.document || win.document.documentElement.dataset.ready !== 'true') return false;
  const handle = win.__natx;
  const note = handle && handle.root.querySelector('.natx-ranges-note');
  if (!note || !handle.explorer.has_ranges() || note.dataset.pending !== '') return false;
  const height = Math.ceil(win.document.documentElement.getBoundingClientRect().height);
  return parseFloat(frame.style.height) === Math.max(200, Math.min(20000, height));
}, selector, { timeout: 20000 });

/** After a change to a host page (a scroll): two frames of the host and of each of its iframes (their observers
 *  have run), then a message through the host's queue, so that any height an embed posted meanwhile is handled. */
export const settleFrames = (page) => page.evaluate(async () => {
  const frames = (win) => new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
  await frames(window);
  await Promise.all([...document.querySelectorAll('iframe')].map((f) => f.contentWindow && frames(f.contentWindow)));
  const token = `natx-test-${Math.random()}`;
  await new Promise((resolve) => {
    window.addEventListener('message', function heard(event) {
      if (event.data === token) { window.removeEventListener('message', heard); resolve(); }
    });
    window.postMessage(token, '*');
  });
});

/** Selectors inside the first explorer on a page. */
export const S = {
  summary: '.natx-summary',
  status: '.natx-status[role=alert]:not([data-natx-panic])',
  preset: 'select[id$="-preset"]',
  step: 'select[id$="-step"]',
  lang: 'select[id$="-lang"]',
  theme: 'select[id$="-theme"]',
  elasticities: 'select[id$="-elasticities"]',
  control: (id) => `input[data-control="${id}"]`,
  number: (id) => `input[data-control-number="${id}"]`,
  canvas: (chart) => `.natx-chart[data-chart="${chart}"] canvas`,
  figure: (chart) => `.natx-chart[data-chart="${chart}"]`,
  tooltip: '.natx-tooltip',
  notices: '.natx-notices .natx-notice',
};

/** Put an embed snippet into a host page as an article would: `before`, the snippet, `after` (HTML). Scripts
 *  inserted through innerHTML do not run, so the snippet's resize script is re-created as a script element. */
export function insertSnippet(page, snippet, before, after) {
  return page.evaluate(([html, head, tail]) => {
    const article = document.createElement('article');
    article.innerHTML = `${head}${html}${tail}`;
    document.body.append(article);
    for (const old of article.querySelectorAll('script')) {
      const script = document.createElement('script');
      script.textContent = old.textContent;
      old.replaceWith(script);
    }
  }, [snippet, before, after]);
}

/** A cheap fingerprint of a canvas's pixels. */
export async function canvasHash(page, chart) {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`.natx-chart[data-chart=${id}] canvas`);
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 7) { hash ^= data[i]; hash = Math.imul(hash, 16777619); }
    let inked = 0;
    for (let i = 0; i < data.length; i += 4 * 13) { if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++; }
    return { hash, inked };
  }, chart);
}

export const CHARTS = ['flows', 'welfare', 'trade', 'supply', 'revenue', 'who_pays'];
