import { startServer, launch, openPage, waitRanges, S } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const { page, context } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
await page.selectOption(S.preset, 'us-tariffs-2025');
await waitRanges(page);
console.log(await page.evaluate(() => {
  const c = document.querySelector('canvas');
  const e = window.__natx.explorer;
  const out = [];
  for (let k = 0; k < 20; k++) { const t = performance.now(); e.draw('flows', c, 1, false); out.push((performance.now() - t).toFixed(2)); }
  return out.join(' ');
}));
await browser.close(); await server.close();
