// Frozen embeds (issue 22): `cargo xtask dist` writes the live site and a version folder beside it; the builder's
// "frozen" choice points into the version folder and spells out every choice; a later release that rewrites the
// live site leaves a published frozen embed showing the same numbers. The site is served from the dist folder by a
// plain static host (as a newsroom would publish it), not from the repository.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch, openPage, insertSnippet } from './helpers.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** A static host for `dir` on a free loopback port. */
async function staticHost(dir) {
  const server = http.createServer(async (request, response) => {
    const file = path.join(dir, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (!file.startsWith(dir)) { response.writeHead(403).end(); return; }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : await readFile(file));
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

let dir;
let host;
let browser;
let version;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'natx-dist-'));
  // The dist command itself, on what `cargo xtask build` already wrote.
  execFileSync('cargo', ['xtask', 'dist', '--out', dir, '--prebuilt'], { cwd: ROOT, stdio: 'pipe' });
  version = /\[package\][^[]*?\nversion = "([^"]+)"/.exec(await readFile(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
  await writeFile(path.join(dir, 'article.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title><link rel="icon" href="data:,"></head><body><h1>An article</h1></body></html>');
  host = await staticHost(dir);
  browser = await launch();
});
after(async () => { await browser?.close(); await host?.close(); await rm(dir, { recursive: true, force: true }); });

/** The builder's code for the current page with `updates` chosen. */
async function builderCode(page, updates) {
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  await page.selectOption('select[id$=-builder-updates]', updates);
  return page.inputValue('textarea[data-natx-builder-code]');
}

test('a frozen embed points into the version folder, spells out its choices, and keeps its numbers when the live site changes', async () => {
  const { page, context, errors } = await openPage(browser, `${host.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  const live = await builderCode(page, 'live');
  assert.match(live, new RegExp(`src="${host.url}/pkg/embeds/en/us-tariffs-2025\\.html"`), 'live: the pre-rendered default');
  await page.selectOption('select[id$=-builder-updates]', 'frozen');
  const frozen = await page.inputValue('textarea[data-natx-builder-code]');
  assert.match(frozen, new RegExp(`src="${host.url}/versions/${version.replace(/\./g, '\\.')}/pkg/embeds/en/us-tariffs-2025\\.html"`), frozen);
  // A non-default choice: every key spelled out, in the version folder.
  await page.check('input[data-natx-builder-chart=flows]');
  const frozenTwo = await page.inputValue('textarea[data-natx-builder-code]');
  assert.match(frozenTwo, new RegExp(`/versions/${version.replace(/\./g, '\\.')}/www/embed\\.html\\?preset=us-tariffs-2025&charts=flows,welfare&controls=none&theme=light&lang=en"`), frozenTwo);
  // The version folder is on this host, so the builder has nothing to warn about; its preview is the frozen frame.
  const preview = page.frameLocator('iframe[data-natx-builder-preview]');
  await preview.locator('.natx-chart[data-chart=flows]').waitFor();
  assert.doesNotMatch(await page.locator('dialog').textContent(), /has no folder for version/);
  assert.deepEqual(errors, []);
  await context.close();

  // An article with the live and the frozen embed.
  const article = await browser.newContext({ viewport: { width: 720, height: 900 } });
  const reader = await article.newPage();
  const readerErrors = [];
  reader.on('pageerror', (e) => readerErrors.push(String(e)));
  await reader.goto(`${host.url}/article.html`);
  await insertSnippet(reader, `${live}\n${frozen}`, '<p>Before.</p>', '<p>After.</p>');
  const frames = () => reader.locator('iframe');
  const summaryOf = (k) => reader.frameLocator(`iframe >> nth=${k}`).locator('.natx-summary').textContent();
  await reader.frameLocator('iframe >> nth=1').locator('.natx-summary').waitFor();
  const before = await summaryOf(1);
  assert.match(before, /Real GDP/);
  assert.equal(await summaryOf(0), before, 'today the live and the frozen embed agree');
  assert.equal(await frames().count(), 2);

  // A later release rewrites the live site (here: every default changed at once — the live page is replaced).
  await rm(path.join(dir, 'www'), { recursive: true });
  await rm(path.join(dir, 'pkg'), { recursive: true });
  for (const file of ['www/embed.html', 'pkg/embeds/en/us-tariffs-2025.html']) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), '<!doctype html><html lang="en"><body><p class="natx-summary">A later release with other defaults.</p></body></html>');
  }
  await reader.reload();
  await insertSnippet(reader, `${live}\n${frozen}`, '<p>Before.</p>', '<p>After.</p>');
  await reader.frameLocator('iframe >> nth=0').locator('.natx-summary', { hasText: 'A later release' }).waitFor();
  await reader.frameLocator('iframe >> nth=1').locator('.natx-summary', { hasText: 'Real GDP' }).waitFor();
  assert.equal(await summaryOf(1), before, 'the frozen embed shows the same numbers after the release');
  assert.deepEqual(readerErrors, []);
  await article.close();
});
