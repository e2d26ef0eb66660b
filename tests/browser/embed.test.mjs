// The embed: the builder (charts, controls, language, theme, height, live preview, the code), the default
// article-shaped embed in a host page at phone and desktop widths, and no layout shift after the first charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, settle, waitRanges, waitFrameSettled, settleFrames, insertSnippet } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The height the host page gives an iframe once the embed has drawn everything and reported its height. */
async function settledFrameHeight(page, selector = 'iframe') {
  await waitFrameSettled(page, selector);
  return page.evaluate((s) => parseFloat(document.querySelector(s).style.height), selector);
}

test('the embed builder: charts, controls, language, theme and height change the preview and the code', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in an article' });
  await dialog.waitFor();
  const code = () => page.inputValue('textarea[data-natx-builder-code]');
  // The default: the article-shaped embed, so the address holds the scenario and the language only.
  // The default embed of an unchanged preset is the pre-rendered file (charts at first paint and without JavaScript).
  assert.match(await code(), /pkg\/embeds\/en\/us-tariffs-2025\.html"/, 'the pre-rendered file by default');
  assert.match(await code(), /allow="clipboard-write"/);
  assert.match(await code(), /natx:height/);
  const preview = page.frameLocator('iframe[data-natx-builder-preview]');
  await preview.locator('.natx-summary').waitFor();
  assert.equal(await preview.locator('.natx-chart').count(), 1, 'one chart by default: who gains, who loses');
  assert.equal(await preview.locator('.natx-chart[data-chart=welfare]').count(), 1);
  assert.equal(await preview.locator('.natx-controls').count(), 0);
  assert.equal(await preview.locator('.natx-article-footer a', { hasText: 'Open the full explorer' }).count(), 1);
  const articleHeight = await settledFrameHeight(page, 'iframe[data-natx-builder-preview]');
  assert.ok(articleHeight > 300 && articleHeight < 1400, `the default embed is ${articleHeight} px tall at 720 px`);
  assert.match(await code(), new RegExp(`height:${articleHeight}px`), 'the code starts the frame at the measured height');

  // Charts: the flow map beside the default chart.
  await page.check('input[data-natx-builder-chart=flows]');
  assert.match(await code(), /charts=flows,welfare/);
  await preview.locator('.natx-chart[data-chart=flows]').waitFor();
  assert.equal(await preview.locator('.natx-chart').count(), 2);
  // No chart at all is refused with a message; the code keeps the last good choice.
  await page.uncheck('input[data-natx-builder-chart=welfare]');
  assert.match(await code(), /charts=flows&/, 'the flow map alone');
  await page.uncheck('input[data-natx-builder-chart=flows]');
  assert.match(await dialog.textContent(), /Pick at least one chart/);
  assert.match(await code(), /charts=flows&/, 'the last good choice: the flow map alone');
  await page.check('input[data-natx-builder-chart=welfare]');
  await page.uncheck('input[data-natx-builder-chart=flows]');

  // A scenario picker only; French; dark.
  await page.selectOption('select[id$=-builder-controls]', 'picker');
  await page.selectOption('select[id$=-builder-lang]', 'fr');
  await page.selectOption('select[id$=-builder-theme]', 'dark');
  await page.waitForFunction(() => /title="Explorateur/.test(document.querySelector('textarea[data-natx-builder-code]').value));
  const text = await code();
  assert.match(text, /title="Explorateur du commerce nord-américain"/, 'the frame title in the embed\'s language');
  assert.match(text, /controls=picker/);
  assert.match(text, /theme=dark/);
  assert.match(text, /lang=fr/);
  await preview.locator('select[id$=-picker]').waitFor();
  assert.equal(await preview.locator('.natx-controls').count(), 0);
  assert.match(await preview.locator('.natx-summary').textContent(), /PIB réel/);
  assert.equal(await preview.locator('.natx').getAttribute('data-theme'), 'dark');
  // The picker changes the scenario inside the frame.
  await preview.locator('select[id$=-picker]').selectOption('usmca-lapses');
  await preview.locator('.natx-scenario-name', { hasText: /ACEUM|USMCA/ }).waitFor();

  // A fixed height: the iframe has it and no script is needed.
  await page.selectOption('select[id$=-builder-height]', 'fixed');
  await page.fill('input[id$=-builder-px]', '700');
  await page.dispatchEvent('input[id$=-builder-px]', 'change');
  assert.match(await code(), /height:700px/);
  assert.doesNotMatch(await code(), /<script/);
  // Escape closes the builder and gives the focus back to the Embed button.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Embed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the default embed in an article: results first, footer with source and data, resized at 375, 720 and 1280 px, never shrinking while the reader scrolls', async () => {
  const { page: builder, context: builderContext } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=canada-mexico-partnership`);
  await builder.getByRole('button', { name: 'Embed', exact: true }).click();
  const snippet = await builder.inputValue('textarea[data-natx-builder-code]');
  await builderContext.close();
  const heights = {};
  for (const width of [375, 720, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const host = await context.newPage();
    const errors = [];
    host.on('pageerror', (e) => errors.push(String(e)));
    await host.goto(`${server.url}/tests/browser/fixtures/blank.html`);
    await insertSnippet(host, snippet, '<p>Before the chart.</p>', '<p id="after">After the chart.</p>');
    const frame = host.frameLocator('iframe');
    await frame.locator('.natx-summary').waitFor();
    // The note on the ranges is there, folded (issue 22: an article's embed keeps to the headline and charts).
    await frame.locator('.natx-ranges-note', { hasText: /centile/ }).waitFor({ state: 'attached', timeout: 10000 });
    assert.equal(await frame.locator('details.natx-ranges-box').getAttribute('open'), null, 'the ranges note starts folded');
    heights[width] = await settledFrameHeight(host);
    // The default embed's one chart is who gains and who loses: its summary says so for this scenario.
    assert.match(await frame.locator('.natx-summary').textContent(), /Real GDP rises in Canada .* and Mexico/);
    assert.equal(await frame.locator('.natx-controls').count(), 0);
    assert.equal(await frame.locator('.natx-chart').count(), 1);
    assert.match(await frame.locator('.natx-article-footer').textContent(), /Source: North American Trade Explorer/);
    const full = await frame.locator('.natx-article-footer a').getAttribute('href');
    assert.match(full, /index\.html\?preset=canada-mexico-partnership/);
    assert.doesNotMatch(full, /charts=|controls=/, 'the full explorer opens with every chart and control');
    // The headline is in the first screen of the frame.
    const titleTop = await frame.locator('.natx-scenario-name').evaluate((n) => n.getBoundingClientRect().top);
    assert.ok(titleTop < 100, `the headline starts ${titleTop} px down`);
    // Scrolling the article never shrinks the frame.
    const seen = [];
    for (let y = 0; y <= 3000; y += 300) {
      await host.evaluate((top) => window.scrollTo(0, top), y);
      await settleFrames(host);
      seen.push(await host.evaluate(() => parseFloat(document.querySelector('iframe').style.height)));
    }
    assert.ok(seen.every((h) => h >= heights[width] - 1), `the frame kept its height while scrolling: ${seen.join(', ')}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  console.log(`default embed heights: ${JSON.stringify(heights)}`);
  assert.ok(heights[720] < 1400, `the default embed is ${heights[720]} px tall at 720 px`);
  assert.ok(heights[375] <= 1100, `the default embed is ${heights[375]} px tall at 375 px`);
  assert.ok(heights[375] > heights[1280], `taller on a phone (${heights[375]} > ${heights[1280]})`);
});

test('no layout shift after the first charts: the page at 375 and 1280 px, and the embed', async () => {
  for (const [url, width] of [['/www/index.html?lang=en', 375], ['/www/index.html?lang=en', 1280], ['/www/embed.html?preset=us-tariffs-2025', 720]]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__shifts = [];
      const record = (entries) => {
        for (const entry of entries) if (!entry.hadRecentInput) window.__shifts.push({ at: entry.startTime, value: entry.value });
      };
      window.__shiftObserver = new PerformanceObserver((list) => record(list.getEntries()));
      window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
      // The shifts recorded but not yet delivered to the observer (its callback comes in a later task).
      window.__takeShifts = () => record(window.__shiftObserver.takeRecords());
    });
    await page.goto(`${server.url}${url}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const ready = await page.evaluate(() => performance.now());
    await waitRanges(page);
    for (let y = 0; y <= 6000; y += 400) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await settle(page);
    }
    // Two more frames: what the last scroll's observers drew has been laid out; then every shift recorded.
    await settle(page);
    await page.evaluate(() => window.__takeShifts());
    const after = await page.evaluate((t) => window.__shifts.filter((s) => s.at > t), ready);
    assert.equal(after.reduce((sum, s) => sum + s.value, 0), 0, `cumulative layout shift after the first charts at ${url} (${width} px)`);
    await context.close();
  }
});
