// Page benchmark in headless Chromium (prints figures; never fails on time): what the page loads (gzipped),
// navigation to first complete charts, and slider input to all charts redrawn over 200 moves.
// Run with `cargo xtask bench`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer, launch, openPage, S } from './helpers.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const ms = (v) => `${v.toFixed(1)} ms`;

const server = await startServer();
const browser = await launch();
const rows = [];

// 1. Bytes the served page loads, gzipped (level 9), and the single file.
{
  const { page, context, requests } = await openPage(browser, `${server.url}/www/index.html`);
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const url of new Set(requests)) {
    if (!url.startsWith(server.url)) continue;
    const file = path.join(ROOT, decodeURIComponent(new URL(url).pathname));
    const bytes = await readFile(file);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += zipped;
    files.push(`${path.relative(ROOT, file)} ${(zipped / 1024).toFixed(1)} KB`);
  }
  rows.push(['page: everything loaded, gzipped', `${(gz / 1024).toFixed(1)} KB (raw ${(raw / 1024).toFixed(0)} KB): ${files.join(', ')}`, '≤ 200 KB']);
  const single = await readFile(path.join(ROOT, 'pkg', 'north-american-trade-explorer.html'));
  rows.push(['single file, gzipped', `${(gzipSync(single, { level: 9 }).length / 1024).toFixed(1)} KB`, '—']);
  await context.close();
}

// 2. Navigation to first complete charts (served and file://), median of 7 loads.
for (const [name, url] of [['served', `${server.url}/www/index.html`], ['file://', pathToFileURL(path.join(ROOT, 'pkg', 'north-american-trade-explorer.html')).href]]) {
  const times = [];
  for (let k = 0; k < 7; k++) {
    const { page, context } = await openPage(browser, url);
    times.push(await page.evaluate(() => window.__natx.readyAt));
    await context.close();
  }
  rows.push([`page: navigation to first complete charts (${name})`, `median ${ms(median(times))}, worst ${ms(Math.max(...times))}`, '≤ 300 ms']);
}

// 3. Slider input to all five charts redrawn, 200 moves.
{
  const { page, context } = await openPage(browser, `${server.url}/www/index.html`);
  await page.selectOption(S.preset, 'us-tariffs-2025');
  await page.waitForTimeout(200);
  await page.evaluate(() => { window.__natx.timings.length = 0; });
  await page.evaluate(async () => {
    const range = document.querySelector('input[data-control="us_other_can"]');
    for (let k = 0; k < 200; k++) {
      range.value = String((k * 7) % 100);
      range.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  });
  const timings = await page.evaluate(() => window.__natx.timings);
  const total = timings.map((t) => t.total);
  const work = timings.map((t) => t.work);
  rows.push(['page: slider input to all charts redrawn (incl. wait for the frame)', `median ${ms(median(total))}, p95 ${ms(quantile(total, 0.95))}, worst ${ms(Math.max(...total))} (${total.length} moves)`, '—']);
  rows.push(['page: solve + redraw work per move', `median ${ms(median(work))}, p95 ${ms(quantile(work, 0.95))}, worst ${ms(Math.max(...work))}`, 'p95 ≤ 16 ms']);
  await context.close();
}

console.log('| measure | result | budget |');
console.log('|---|---|---|');
for (const [measure, result, budget] of rows) console.log(`| ${measure} | ${result} | ${budget} |`);
await browser.close();
await server.close();
