import { startServer, launch, openPage, canvasHash, waitRanges, CHARTS } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const out = {};
for (const preset of ['us-tariffs-2025', 'usmca-lapses', 'all-out-trade-war', 'canada-mexico-partnership']) {
  for (const q of [`lang=en&preset=${preset}`, `lang=fr&preset=${preset}&theme=dark`]) {
    for (const [w, dpr] of [[1280, 1], [375, 2]]) {
      const { page, context } = await openPage(browser, `${server.url}/www/index.html?${q}`, { width: w, deviceScaleFactor: dpr });
      await waitRanges(page);
      for (const c of CHARTS) out[`${q} ${w} ${c}`] = (await canvasHash(page, c)).hash;
      await context.close();
    }
  }
}
console.log(JSON.stringify(out));
await browser.close(); await server.close();
