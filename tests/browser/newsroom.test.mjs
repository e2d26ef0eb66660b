// Newsroom features in headless Chromium: links that carry the whole state (and survive bad parts), back and
// forward, the timeline, three languages, the embed page under a strict Content-Security-Policy resizing its
// iframe, two explorers on one page, downloads, axe-core accessibility checks, the request log and print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { ROOT, startServer, launch, openPage, canvasHash, settle, waitFrameSettled, CHARTS, S } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";
let server;
let strict;
let browser;
before(async () => {
  server = await startServer();
  strict = await startServer({ headers: { 'Content-Security-Policy': CSP } });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await strict?.close(); });

const summary = (page) => page.textContent(S.summary);

test('a link reproduces the view; changes update the address; back and forward work', async () => {
  const url = `${server.url}/www/index.html?preset=us-tariffs-2025&us_metals_can=60&elasticities=uniform_4&lang=fr&theme=dark`;
  const { page, context, errors } = await openPage(browser, url);
  assert.match(await summary(page), /Le PIB réel baisse/);
  assert.equal(await page.inputValue(S.control('us_metals_can')), '60');
  assert.equal(await page.inputValue(S.elasticities), 'uniform_4');
  assert.equal(await page.getAttribute('.natx', 'data-theme'), 'dark');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  const first = await summary(page);
  // The same link in a fresh page gives the same numbers.
  const again = await openPage(browser, url);
  assert.equal(await summary(again.page), first);
  await again.context.close();

  await page.selectOption(S.preset, 'usmca-lapses');
  await settle(page);
  assert.match(page.url(), /preset=usmca-lapses/);
  assert.doesNotMatch(page.url(), /us_metals_can/);
  const second = await summary(page);
  await page.goBack();
  await page.waitForFunction((text) => document.querySelector('.natx-summary').textContent === text, first);
  assert.equal(await page.inputValue(S.control('us_metals_can')), '60');
  await page.goForward();
  await page.waitForFunction((text) => document.querySelector('.natx-summary').textContent === text, second);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copier le lien' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a malformed link opens with defaults for the bad parts and a polite notice, never markup', async () => {
  const bad = `${server.url}/www/index.html?lang=en&preset=nafta-1994&us_metals_can=abc&us_other_mex=35&x=1&theme=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E`;
  const { page, context, errors } = await openPage(browser, bad);
  const notices = await page.$$eval(S.notices, (nodes) => nodes.map((n) => n.querySelector('span').textContent));
  assert.equal(notices.length, 4, JSON.stringify(notices));
  assert.ok(notices.some((n) => n.includes('nafta-1994')));
  assert.ok(notices.some((n) => n.includes('<img src=x onerror')), 'the value is shown as text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup from the link was executed');
  assert.equal(await page.$$eval('.natx img', (imgs) => imgs.length), 0);
  assert.equal(await page.inputValue(S.control('us_other_mex')), '35', 'good parts are kept');
  assert.match(await summary(page), /Real GDP/);
  await page.click('.natx-notice button');
  assert.equal((await page.$$(S.notices)).length, 3, 'a notice can be dismissed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the timeline applies every tariff in force on a date and can be pinned by a link', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
  const options = await page.$$eval(`${S.step} option`, (nodes) => nodes.map((n) => n.value));
  assert.ok(options.length >= 15 && options[0] === '', `timeline steps listed (${options.length})`);
  await page.selectOption(S.step, '2025-06-04');
  await settle(page);
  assert.match(page.url(), /step=2025-06-04/);
  assert.match(await page.textContent('.natx-scenario-name'), /Tariffs in force on 2025-06-04/);
  const june = await summary(page);
  await page.getByRole('button', { name: 'Next event' }).click();
  await settle(page);
  assert.notEqual(await page.inputValue(S.step), '2025-06-04');
  assert.notEqual(await summary(page), june);
  const pinned = await openPage(browser, `${server.url}/www/index.html?lang=en&step=2025-06-10`);
  assert.equal(await pinned.page.inputValue(S.step), '2025-06-04', 'a date between events pins the last event in force');
  assert.equal(await summary(pinned.page), june);
  await pinned.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('every language shows translated controls, charts and summary with local number formats', async () => {
  const expectations = {
    en: { summary: /Real GDP falls in .*Canada \(−0\.\d\d% long run; −0\.\d\d% first year\)/, reset: 'Reset to this scenario' },
    fr: { summary: /Le PIB réel baisse\s?: .*Canada \(−0,\d\d[\u00a0\u202f ]% long terme\s?; −0,\d\d[\u00a0\u202f ]% première année\)/, reset: 'Rétablir ce scénario' },
    es: { summary: /El PIB real cae en .*Canadá \(−0\.\d\d% largo plazo; −0\.\d\d% primer año\)/, reset: null },
  };
  const seen = {};
  for (const [lang, expected] of Object.entries(expectations)) {
    const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=${lang}&preset=us-tariffs-2025`);
    assert.match(await summary(page), expected.summary, lang);
    if (expected.reset) assert.equal(await page.textContent('.natx-wide'), expected.reset);
    seen[lang] = { label: await page.textContent('label[for$="-control-us_metals_can"]'), hash: (await canvasHash(page, 'welfare')).hash };
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.notEqual(seen.en.label, seen.fr.label);
  assert.notEqual(seen.fr.label, seen.es.label);
  assert.notEqual(seen.en.hash, seen.fr.hash, 'chart text is translated too');
  // The browser's language is the default.
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto(`${server.url}/www/index.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await context.close();
});

test('French and Spanish texts are fetched once, when needed; if they cannot be, the page stays in English and says so', async () => {
  const { page, context, errors, requests } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  assert.ok(!requests.some((url) => url.includes('/i18n/')), 'an English reader downloads no other language');
  await page.focus(S.lang);
  await page.selectOption(S.lang, 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.matches('select[id$="-lang"]')), true, 'the rebuilt page keeps the focus on the language menu');
  assert.match(await summary(page), /Le PIB réel baisse/);
  await page.selectOption(S.lang, 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.selectOption(S.lang, 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.equal(requests.filter((url) => url.endsWith('/pkg/i18n/fr.json')).length, 1, 'fetched once');
  assert.deepEqual(errors, []);
  await context.close();

  // The Spanish file cannot be fetched: English, with a message naming the problem.
  const broken = await browser.newContext();
  await broken.route('**/i18n/es.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const page2 = await broken.newPage();
  await page2.goto(`${server.url}/www/index.html?lang=es&preset=us-tariffs-2025`);
  await page2.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await page2.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page2.textContent(S.summary), /Real GDP falls in .*Canada/);
  assert.match(await page2.textContent(S.status), /es texts could not be loaded \(HTTP 404\)/);
  await broken.close();
});

test('the embed page works under a strict CSP and resizes its iframe at phone and desktop widths', async () => {
  const heights = {};
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${strict.url}/tests/browser/fixtures/host.html`);
    const frame = page.frameLocator('iframe[data-natx-frame=one]');
    await frame.locator('.natx-summary').waitFor();
    // The ranges drawn (the last content to arrive), and the frame at the height the embed reports.
    await waitFrameSettled(page, 'iframe[data-natx-frame=one]');
    const innerFrame = page.frames().find((f) => f.url().includes('embed.html'));
    const inner = await innerFrame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    heights[width] = await page.evaluate(() => parseInt(document.querySelector('iframe').style.height, 10));
    assert.ok(Math.abs(heights[width] - inner) <= 2, `iframe height ${heights[width]} matches its content ${inner}`);
    assert.match(await frame.locator('.natx-summary').textContent(), /PIB réel/);
    assert.equal(await frame.locator('.natx-controls').count(), 0, 'controls=false hides the controls');
    assert.equal(await frame.locator('.natx-chart').count(), 2, 'charts=welfare,trade');
    assert.deepEqual(errors, [], `no CSP violation or error at ${width}px`);
    await context.close();
  }
  assert.ok(heights[360] > heights[1280], `taller at phone width (${heights[360]} > ${heights[1280]})`);
  // Messages of the wrong shape or from another window are ignored by the host script: once the frame has settled,
  // two such messages, then one more that the test waits for (messages are handled in order).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${strict.url}/tests/browser/fixtures/host.html`);
  await waitFrameSettled(page, 'iframe[data-natx-frame=one]');
  const before = await page.evaluate(() => document.querySelector('iframe').style.height);
  await page.evaluate(() => new Promise((resolve) => {
    window.addEventListener('message', (event) => { if (event.data === 'natx-test-last') resolve(); });
    window.postMessage({ type: 'natx:height', height: 99999 }, '*');
    window.postMessage('junk', '*');
    window.postMessage('natx-test-last', '*');
  }));
  assert.equal(await page.evaluate(() => document.querySelector('iframe').style.height), before);
  await context.close();
});

test('two explorers on one page do not interfere, and mount() works under a strict CSP', async () => {
  const { page, context, errors } = await openPage(browser, `${strict.url}/tests/browser/fixtures/two.html`);
  const [first, second] = await page.$$eval('.natx-summary', (nodes) => nodes.map((n) => n.textContent));
  assert.match(first, /Real GDP/);
  assert.match(second, /PIB real/);
  assert.equal(await page.locator('#first .natx-chart').count(), 1);
  assert.equal(await page.locator('#second .natx-chart').count(), 2);
  assert.equal(await page.getAttribute('#second .natx', 'data-theme'), 'dark');
  await page.fill('#first input[data-control="us_metals_can"]', '90');
  await page.dispatchEvent('#first input[data-control="us_metals_can"]', 'input');
  await settle(page);
  const [firstAfter, secondAfter] = await page.$$eval('.natx-summary', (nodes) => nodes.map((n) => n.textContent));
  assert.notEqual(firstAfter, first);
  assert.equal(secondAfter, second, 'the second explorer is untouched');
  await page.evaluate(() => window.__two.second.update({ scenario: 'all-out-trade-war', lang: 'fr' }));
  assert.match(await page.textContent('#second .natx-summary'), /PIB réel/);
  await page.evaluate(() => window.__two.first.destroy());
  assert.equal(await page.locator('#first .natx').count(), 0);
  const ids = await page.$$eval('[id]', (nodes) => nodes.map((n) => n.id));
  assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');
  assert.deepEqual(errors, []);
  await context.close();
});

test('downloads: chart PNG at 2×, results CSV, and a citation', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('text=Results as CSV')]);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  // One tidy table (issue 22): headers in the reader's language, the scenario, the link and the controls first.
  assert.match(csv, /^"measure","country","partner","sector","horizon","value","unit"\n"scenario","","","","","US tariffs on Canada and Mexico only, late 2025",""/);
  assert.match(csv, /"link","","","","","http[^"]*preset=us-tariffs-2025[^"]*",""/);
  assert.match(csv, /"control\.us_metals_can","","","","","\d+\.\d{3}","%"/);
  assert.match(csv, /"real_gdp_pct","CAN","","","long_run","-\d+\.\d{3}","%"/);
  assert.ok(csv.split('\n').length > 300);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator(S.figure('welfare')).getByRole('button', { name: /Download PNG/ }).click()]);
  const png = await readFile(await pngDownload.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 1200, 'a PNG is 1,200 pixels wide whatever the screen');
  assert.doesNotMatch(pngDownload.suggestedFilename(), /[^a-z0-9.-]/, 'an accent-safe file name');
  // The column size: 640 pixels wide whatever the screen.
  const [smallDownload] = await Promise.all([page.waitForEvent('download'), page.locator(S.figure('welfare')).getByRole('button', { name: /PNG, 640 px/ }).click()]);
  const smallPng = await readFile(await smallDownload.path());
  assert.equal(smallPng.readUInt32BE(16), 640, 'a column PNG is 640 pixels wide');
  assert.match(smallDownload.suggestedFilename(), /-640\.png$/);
  // The social card: 1,200 × 630.
  const [card] = await Promise.all([page.waitForEvent('download'), page.locator(S.figure('flows')).getByRole('button', { name: /Social card/ }).click()]);
  const cardPng = await readFile(await card.path());
  assert.deepEqual([cardPng.readUInt32BE(16), cardPng.readUInt32BE(20)], [1200, 630]);
  await page.getByRole('button', { name: 'Cite this' }).click();
  const cite = await page.inputValue('.natx-share textarea:not([hidden])');
  assert.match(cite, /North American Trade Explorer \(version \d+\.\d+\.\d+\), scenario “US tariffs on Canada and Mexico only, late 2025”/);
  assert.match(cite, /preset=us-tariffs-2025/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe-core finds no violations on the page, the embed page and the data tables, in every language and theme', async () => {
  const axe = await readFile(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const report = [];
  for (const lang of ['en', 'fr', 'es']) {
    for (const theme of ['light', 'dark']) {
      for (const pagePath of ['/www/index.html', '/www/embed.html']) {
        const { page, context } = await openPage(browser, `${server.url}${pagePath}?lang=${lang}&theme=${theme}&preset=us-tariffs-2025`, { bypassCSP: true });
        // Open every data table and the sources panel, so that they are checked too.
        for (const button of await page.$$('.natx-chart button[aria-expanded=false]')) await button.click();
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        await settle(page);
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
          return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        });
        report.push(`${lang} ${theme} ${pagePath}: ${result.length} violations${result.length ? `: ${result.join('; ')}` : ''}`);
        await context.close();
      }
    }
  }
  console.log(report.join('\n'));
  assert.ok(report.every((line) => line.includes(': 0 violations')), report.join('\n'));
});

test('the page requests nothing from other hosts, sets no cookies and keeps working offline', async () => {
  const { page, context, errors, requests } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
  await page.selectOption(S.preset, 'all-out-trade-war');
  await settle(page);
  const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  console.log(`request log: ${[...new Set(requests)].map((u) => u.replace(server.url, '')).join(', ')}`);
  assert.deepEqual(await context.cookies(), []);
  assert.equal(await page.evaluate(() => document.cookie), '');
  await context.setOffline(true);
  await page.selectOption(S.preset, 'usmca-lapses');
  await settle(page);
  assert.match(await summary(page), /Real GDP falls/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the print stylesheet keeps the summary and charts and drops the controls', async () => {
  const { page, context } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('.natx-controls', (n) => getComputedStyle(n).display), 'none');
  assert.notEqual(await page.$eval('.natx-summary', (n) => getComputedStyle(n).display), 'none');
  for (const chart of CHARTS) assert.notEqual(await page.$eval(S.canvas(chart), (n) => getComputedStyle(n).display), 'none');
  const pdf = await page.pdf({ format: 'Letter' });
  assert.ok(pdf.length > 10000);
  await context.close();
});
