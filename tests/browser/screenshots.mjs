// Screenshots of the page for manual review: desktop and phone widths, served and single-file.
// Run with `cargo xtask screenshots`; files land in target/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, launch, openPage } from './helpers.mjs';

const out = path.join(ROOT, 'target', 'screenshots');
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const shots = [
  { name: 'desktop', width: 1280, height: 900, scale: 1 },
  { name: 'phone', width: 360, height: 780, scale: 2 },
];
for (const shot of shots) {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html`, { width: shot.width, height: shot.height, deviceScaleFactor: shot.scale });
  await page.selectOption('#preset', 'us-tariffs-2025');
  await page.waitForTimeout(300);
  const file = path.join(out, `${shot.name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${file}${errors.length ? `  console errors: ${errors.join(' | ')}` : ''}`);
  for (const part of ['.controls', '[data-chart=flows]', '[data-chart=welfare]', '[data-chart=trade]', '[data-chart=supply]', '[data-chart=revenue]']) {
    const partFile = path.join(out, `${shot.name}-${part.replace(/[^a-z]/g, '')}.png`);
    await page.locator(part).screenshot({ path: partFile });
  }
  await context.close();
}
await browser.close();
await server.close();
