// Screenshots of the page for manual review: every language and theme at desktop and phone widths, the embed
// page, the embed builder, and an article page with the default embed (at 375 and 1280 px). Run with `cargo xtask screenshots`; files land in target/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, insertSnippet, waitFrameSettled } from './helpers.mjs';

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
      for (const part of ['flows', 'welfare', 'trade', 'supply', 'revenue', 'who_pays']) {
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

// The embed builder and an article with the default embed, at a phone's and a desktop's width.
for (const width of [375, 1280]) {
  const { page, context } = await openPage(browser, `${server.url}/www/index.html?preset=us-tariffs-2025&lang=en`, { width, height: 900 });
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const preview = page.frameLocator('iframe[data-natx-builder-preview]');
  await preview.locator('.natx-summary').waitFor();
  await waitFrameSettled(page, 'iframe[data-natx-builder-preview]');
  await page.screenshot({ path: path.join(out, `builder-${width}.png`) });
  const snippet = await page.inputValue('textarea[data-natx-builder-code]');
  await context.close();
  const host = await browser.newContext({ viewport: { width, height: 900 } });
  const article = await host.newPage();
  await article.goto(`${server.url}/tests/browser/fixtures/blank.html`);
  await insertSnippet(article, snippet,
    '<p class="short">Tariffs between the United States, Canada and Mexico changed four times in 2025. Here is what the latest round does, country by country.</p>',
    '<p class="short">The model\'s estimates are long-run effects.</p>');
  await article.frameLocator('iframe').locator('.natx-summary').waitFor();
  await waitFrameSettled(article);
  await article.screenshot({ path: path.join(out, `article-${width}.png`), fullPage: true });
  console.log(path.join(out, `article-${width}.png`), await article.evaluate(() => document.querySelector('iframe').style.height));
  await host.close();
}
await browser.close();
await server.close();
