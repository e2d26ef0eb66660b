// What you see is the scenario (issue 12), in headless Chromium: a timeline step sets the sliders; a slider moved
// one step and back restores the result exactly; a typed value replaces what is in force rather than adding to
// it; the "also in force" list names what no slider sets; Spanish (Mexico) numbers use a decimal point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, canvasHash, settle, CHARTS, S } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const summary = (page) => page.textContent(S.summary);
const value = async (page, id) => Number(await page.inputValue(S.number(id)));

async function view(page) {
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
  assert.match(await summary(page), /Canadá \(−0\.\d\d%\)/);
  assert.doesNotMatch(await summary(page), /\d,\d\d[\u00a0 ]?%/);
  assert.deepEqual(errors, []);
  await context.close();
});
