import { startServer, launch, openPage, waitRanges, S } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const { page, context } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
await page.selectOption(S.preset, 'us-tariffs-2025');
await waitRanges(page);
console.log(await page.evaluate(() => {
  const P = CanvasRenderingContext2D.prototype; const counts = {};
  const names = Object.getOwnPropertyNames(P);
  const saved = [];
  for (const n of names) { const d = Object.getOwnPropertyDescriptor(P, n);
    if (typeof d.value === 'function') { saved.push([n, d]); Object.defineProperty(P, n, { ...d, value: function (...a) { counts[n] = (counts[n] || 0) + 1; return d.value.apply(this, a); } }); }
    else if (d.set) { saved.push([n, d]); Object.defineProperty(P, n, { ...d, set(v) { counts['set ' + n] = (counts['set ' + n] || 0) + 1; d.set.call(this, v); } }); } }
  const c = document.querySelector('canvas');
  window.__natx.explorer.draw('flows', c, 1, false);
  for (const [n, d] of saved) Object.defineProperty(P, n, d);
  return JSON.stringify(counts);
}));
await browser.close(); await server.close();
