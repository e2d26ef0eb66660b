// Screenshots of the page for manual review: every language and theme at desktop and phone widths, plus the
// embed page. Run with `cargo xtask screenshots`; files land in target/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, launch, openPage } from './helpers.mjs';

const out = path.join(ROOT, 'target', 'screenshots');
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const sizes = [
  { name: 'desktop', width: 1280, height: 900, scale: 1 },
  { name: 'phone', width: 360, height: 780, scale: 2 },
];
for (const size of sizes) {
  for (const lang of ['en', 'fr', 'es']) {
    for (const theme of ['light', 'dark']) {
      const url = `${server.url}/www/index.html?preset=us-tariffs-2025&lang=${lang}&theme=${theme}`;
      const { page, context, errors } = await openPage(browser, url, { width: size.width, height: size.height, deviceScaleFactor: size.scale });
      const file = path.join(out, `${size.name}-${lang}-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      for (const part of ['flows', 'welfare', 'trade', 'supply', 'revenue']) {
        await page.locator(`.natx-chart[data-chart=${part}]`).screenshot({ path: path.join(out, `${size.name}-${lang}-${theme}-${part}.png`) });
      }
      await page.locator('.natx-controls').screenshot({ path: path.join(out, `${size.name}-${lang}-${theme}-controls.png`) });
      console.log(`${file}${errors.length ? `  console errors: ${errors.join(' | ')}` : ''}`);
      await context.close();
    }
  }
  const { page, context } = await openPage(browser, `${server.url}/www/embed.html?preset=canada-mexico-partnership&lang=fr&controls=false&charts=flows,welfare`, { width: size.width, height: size.height, deviceScaleFactor: size.scale });
  await page.screenshot({ path: path.join(out, `${size.name}-embed.png`), fullPage: true });
  await context.close();
}
await browser.close();
await server.close();
