import { startServer, launch, openPage } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
for (const w of [1280, 375]) {
const { page, context } = await openPage(browser, `${server.url}/www/index.html?lang=en`, { width: w });
console.log(w, await page.evaluate(() => { const n = document.querySelector('input[data-control-number]'); const r = n.parentElement; const s = getComputedStyle(n); return JSON.stringify([n.getBoundingClientRect().height, n.getBoundingClientRect().width, r.getBoundingClientRect().height, s.boxSizing, s.paddingTop, s.lineHeight, s.fontSize]); }));
await context.close();
}
await browser.close(); await server.close();
