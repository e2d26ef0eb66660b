// Shared helpers for the browser tests: a static server on 127.0.0.1 for the repository root, and Debian's
// Chromium launched headless through playwright-core with the flags that work on these machines.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** Serve the repository root on a free loopback port; returns { url, close }. `headers` are added to every
 * response (for example a Content-Security-Policy). */
export async function startServer({ headers = {} } = {}) {
  const server = http.createServer(async (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = path.join(ROOT, urlPath === '/' ? 'www/index.html' : urlPath);
    if (!file.startsWith(ROOT)) { response.writeHead(403).end(); return; }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache', ...headers });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
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

/** Wait until the uncertainty ranges of the current result have been computed and drawn. */
export const waitRanges = (page) => page.waitForFunction(() => {
  const handle = window.__natx;
  return handle && handle.explorer.has_ranges();
}, null, { timeout: 10000 }).then(() => settle(page));

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

export const CHARTS = ['flows', 'welfare', 'trade', 'supply', 'revenue'];
