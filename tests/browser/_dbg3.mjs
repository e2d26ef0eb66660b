import { startServer, launch, openPage, waitRanges, S } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const { page, context } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
await page.selectOption(S.preset, 'us-tariffs-2025');
await waitRanges(page);
console.log(await page.evaluate(async () => {
  const e = window.__natx.explorer; const proto = Object.getPrototypeOf(e); const orig = proto.draw; const seen = [];
  proto.draw = function (c, ...rest) { seen.push(c); return orig.call(this, c, ...rest); };
  const range = document.querySelector('input[data-control="us_other_can"]');
  for (let k = 0; k < 5; k++) { range.value = String(k * 7); range.dispatchEvent(new Event('input', { bubbles: true })); await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); }
  proto.draw = orig; return seen.join(',');
}));
await browser.close(); await server.close();
