// What you see is the scenario (issue 12), in headless Chromium: a timeline step sets the sliders; a slider moved
// one step and back restores the result exactly; a typed value replaces what is in force rather than adding to
// it; the "also in force" list names what no slider sets; Spanish (Mexico) numbers use a decimal point; no bar
// is drawn for a zero value; a downloaded PNG carries a footer; a skip link reaches the results; a touch tooltip
// stays until a tap elsewhere.
import { test, before, after } from 'node:test';
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, canvasHash, settle, waitRanges, CHARTS, S } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const summary = (page) => page.textContent(S.summary);
const value = async (page, id) => Number(await page.inputValue(S.number(id)));

async function view(page) {
  // The uncertainty ranges arrive a moment after each change; compare the charts with them drawn.
  await waitRanges(page);
  const charts = {};
  for (const chart of CHARTS) charts[chart] = (await canvasHash(page, chart)).hash;
  return { summary: await summary(page), charts };
}

test('a timeline step sets the sliders and names the timeline as its start', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&step=2025-06-04`);
  assert.ok(await value(page, 'us_metals_can') >= 45, 'steel and aluminum at 50% show on the slider');
  assert.ok(await value(page, 'can_retaliation') > 0, "Canada's counter-tariffs in force show");
  assert.equal(Number(await page.inputValue(S.control('us_metals_can'))), await value(page, 'us_metals_can'), 'the range shows the same value');
  assert.equal(await page.$eval(S.preset, (s) => s.selectedOptions[0].textContent), 'The timeline (date below)');
  const also = await page.textContent('.natx-in-force');
  assert.match(also, /Also in force/);
  // Typing a value replaces the counter-tariff in force; nothing is added on top of it.
  await page.fill(S.number('can_retaliation'), '10');
  await page.press(S.number('can_retaliation'), 'Enter');
  await settle(page);
  assert.equal(await value(page, 'can_retaliation'), 10);
  assert.match(page.url(), /can_retaliation=10/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('moving a slider one step and back restores the result exactly', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=canada-retaliation-2025-03`);
  const shown = await value(page, 'can_retaliation');
  assert.ok(shown > 0, `the counter-tariff in force shows (${shown})`);
  const before = await view(page);
  const slider = page.locator(S.control('can_retaliation'));
  await slider.focus();
  await slider.press('ArrowRight');
  await settle(page);
  assert.notEqual(await summary(page), before.summary, 'one step changes the result');
  assert.match(page.url(), /can_retaliation=/);
  await slider.press('ArrowLeft');
  await settle(page);
  assert.equal(await value(page, 'can_retaliation'), shown);
  assert.deepEqual(await view(page), before, 'summary and every chart as before, pixel for pixel');
  assert.doesNotMatch(page.url(), /can_retaliation=/, 'the link no longer carries a moved control');
  assert.doesNotMatch(await page.textContent('.natx-scenario-name'), /adjusted/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Spanish (Mexico) numbers use a decimal point', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=es&preset=us-tariffs-2025`);
  assert.match(await summary(page), /Canadá \(−0\.\d\d% largo plazo; −0\.\d\d% primer año\)/);
  assert.doesNotMatch(await summary(page), /\d,\d\d[\u00a0 ]?%/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a zero value draws no bar', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=baseline-2024`);
  // In the 2024 baseline nothing changes: no pixel of the gain or loss colours in "Who wins, who loses".
  const coloured = await page.evaluate(() => {
    const canvas = document.querySelector('.natx-chart[data-chart=welfare] canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if ((Math.abs(r - 0) < 8 && Math.abs(g - 114) < 8 && Math.abs(b - 178) < 8) || (Math.abs(r - 213) < 8 && Math.abs(g - 94) < 8 && b < 8)) count++;
    }
    return count;
  });
  assert.equal(coloured, 0, 'no gain or loss bar');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a downloaded PNG carries a footer under the chart', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  // Whatever the screen: drawn at 600 CSS pixels, twice (the chart at the height Rust gives for that width).
  const height = await page.evaluate(() => window.__natx.explorer.constructor.chart_height('welfare', 600));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(S.figure('welfare')).getByRole('button', { name: /Download PNG/ }).click()]);
  const png = await readFile(await download.path());
  assert.equal(png.readUInt32BE(16), 1200);
  const footer = png.readUInt32BE(20) / 2 - height;
  assert.ok(footer >= 50 && footer < 120, `a footer of three or four lines under the chart (${footer} px)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first Tab reaches a skip link that moves focus to the results', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the results');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'natx-scenario-name');
  const headings = await page.$$eval('.natx-chart h3', (nodes) => nodes.map((n) => n.textContent));
  assert.equal(headings.length, CHARTS.length + 1, 'a heading per chart (the scenario\'s six and the story)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on touch, a tooltip stays after the finger lifts and goes with a tap elsewhere', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const canvas = page.locator(S.canvas('welfare'));
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // The finger lifting ends with the pointer leaving the canvas (touch has no hover): the signal to check after.
  await canvas.evaluate((node) => node.addEventListener('pointerleave', () => { window.__lifted = true; }, { once: true }));
  // The first bar row of the first panel.
  await page.touchscreen.tap(box.x + 60, box.y + 100);
  await page.waitForFunction(() => window.__lifted === true, null, { timeout: 5000 });
  await settle(page);
  assert.equal(await page.isVisible(S.tooltip), true, 'still shown after the finger lifted');
  const summaryBox = await page.locator(S.summary).boundingBox();
  await page.touchscreen.tap(summaryBox.x + 10, summaryBox.y + 5);
  await settle(page);
  assert.equal(await page.isVisible(S.tooltip), false, 'a tap elsewhere hides it');
  await context.close();
});

test('on a phone the picker and timeline come first, then the results, then the controls, for the keyboard too', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`, { width: 375, height: 800 });
  const top = (selector) => page.$eval(selector, (node) => node.getBoundingClientRect().top + window.scrollY);
  const bottom = (selector) => page.$eval(selector, (node) => node.getBoundingClientRect().bottom + window.scrollY);
  const [pick, results, controls] = [await top('.natx-pick'), await top('.natx-results'), await top('.natx-controls')];
  assert.ok(pick < results && results < controls, `picker ${pick}, results ${results}, controls ${controls}`);
  // Issue 22: "Start from" and the timeline on the first screen (800 px), the headline right after them.
  const timeline = await bottom('.natx-pick .natx-timeline');
  const headline = await top('.natx-scenario-name');
  assert.ok(timeline < 800, `the timeline ends ${timeline} px down`);
  assert.ok(headline < 800 - 60, `the headline starts ${headline} px down`);
  // The document order is the keyboard's: the picker's select comes before the first chart's buttons.
  const order = await page.$eval('.natx-layout', (layout) => [...layout.children].map((n) => n.className));
  assert.deepEqual(order, ['natx-pick', 'natx-results', 'natx-controls']);
  // Desktop: the picker and, under it, the controls in the left column, beside the results.
  await page.setViewportSize({ width: 1280, height: 900 });
  await settle(page);
  const [pickBox, controlsBox, resultsBox] = await Promise.all(['.natx-pick', '.natx-controls', '.natx-results'].map((s) => page.locator(s).boundingBox()));
  assert.ok(pickBox.x < resultsBox.x && Math.abs(pickBox.y - resultsBox.y) < 5, 'picker beside the results on a desktop');
  assert.ok(Math.abs(controlsBox.x - pickBox.x) < 2 && controlsBox.y > pickBox.y + pickBox.height, 'controls under the picker');
  assert.ok(controlsBox.y - (pickBox.y + pickBox.height) < 40, 'no gap between the picker and the controls');
  assert.deepEqual(errors, []);
  await context.close();
});
