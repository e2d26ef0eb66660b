import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer, launch, openPage } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const [name, url] of (process.env.FILE ? [['file', pathToFileURL(path.join(ROOT, 'pkg', 'north-american-trade-explorer.html')).href]] : [['served', `${server.url}/www/index.html`]])) {
  const rows = [];
  for (let k = 0; k < 11; k++) {
    const { page, context } = await openPage(browser, url);
    rows.push(await page.evaluate(() => [window.__natx.readyAt, ...['natx:module-ready', 'natx:solved', 'natx:built', 'natx:rendered'].map((m) => performance.getEntriesByName(m)[0]?.startTime ?? 0)]));
    await context.close();
  }
  const seg = rows.map((r) => [r[0], r[1], r[2] - r[1], r[3] - r[2], r[4] - r[3]]);
  const cols = ['ready', 'module', 'solve', 'build', 'render'];
  console.log(name, cols.map((c, i) => `${c} ${median(seg.map((r) => r[i])).toFixed(0)}`).join(' | '));
}
await browser.close(); await server.close();
