import { startServer, launch, openPage } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const { page } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
console.log(await page.evaluate(async () => {
  const range = document.querySelector('input[data-control="us_other_can"]');
  const log = [];
  for (let k = 0; k <= 5; k++) {
    range.value = String(k * 13);
    range.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    log.push([...document.querySelectorAll('.natx-canvas')].map((b) => b.className).join('|'));
  }
  return log.join('\n');
}));
await browser.close(); await server.close();
