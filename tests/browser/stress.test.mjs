// Trust under stress, in headless Chromium: your own economy and scenario files (good and bad), hostile values
// and file names, and a soak of 10,000 rapid scenario changes with memory measured before and after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, settle, S, waitLoaded } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const summary = (page) => page.textContent(S.summary);

test('your own economy and scenario load with progress; bad files list their problems and change nothing', async () => {
  const { page, context, errors, requests } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  const before = await summary(page);
  const fullModule = () => requests.filter((url) => url.includes('/pkg/full/')).length;
  assert.equal(fullModule(), 0, 'the module that reads files is not loaded until a reader picks one');
  assert.equal(await page.evaluate(() => window.__natx.explorer.constructor.has_own_data()), false);
  // A broken CSV: every problem is listed with its row, and the economy in use stays.
  await page.setInputFiles('input[data-natx-file=economy]', {
    name: '<img src=x onerror="window.__pwned=1">.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('table,key1,key2,key3,value\nflow,A,B,s,abc\nflow,B,A,s,-4\nmystery,1,2,3,4\n'),
  });
  await page.waitForSelector(`${S.status}:not([hidden])`);
  const message = await page.textContent(S.status);
  assert.match(message, /row 2, value: `abc` is not a finite number/);
  assert.match(message, /row 3, value: must be ≥ 0/);
  assert.match(message, /row 4, table: unknown table `mystery`/);
  assert.match(message, /<img src=x onerror/, 'the file name is shown as text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await summary(page), before, 'the economy in use stays');
  assert.ok(fullModule() >= 2, 'picking a file loaded the full module (glue and wasm)');
  assert.equal(await page.evaluate(() => window.__natx.explorer.constructor.has_own_data()), true);
  // A broken JSON economy: the parser's position is given.
  await page.setInputFiles('input[data-natx-file=economy]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"countries": ["A", "B"], "sectors": ') });
  await page.waitForFunction(() => /broken\.json was not loaded/.test(document.querySelector('.natx-status').textContent));
  assert.match(await page.textContent(S.status), /line 1/);

  // A good CSV economy, then a scenario for it.
  await page.setInputFiles('input[data-natx-file=economy]', path.join(ROOT, 'data', 'examples', 'three-country.csv'));
  await waitLoaded(page, 1);
  assert.match(await page.textContent('.natx-controls'), /Loaded three-country\.csv: 3 countries × 2 sectors/);
  assert.match(await summary(page), /Real GDP barely changes/);
  assert.equal(await page.locator('.natx-chart[data-chart=flows] canvas').count(), 1);
  assert.ok((await page.evaluate(() => window.__natx.explorer.hit('flows', 0, 0))) === undefined);
  await page.setInputFiles('input[data-natx-file=scenario]', path.join(ROOT, 'data', 'examples', 'three-country-tariff.json'));
  await waitLoaded(page, 2);
  assert.match(await summary(page), /Southland/);
  assert.match(await page.textContent('.natx-scenario-name'), /Northland's 20% tariff on Southland goods \(your data\)/);
  // A scenario naming countries this economy does not have is refused with the reason.
  await page.setInputFiles('input[data-natx-file=scenario]', path.join(ROOT, 'data', 'scenarios', 'usmca-lapses.json'));
  await page.waitForFunction(() => /usmca-lapses\.json was not loaded/.test(document.querySelector('.natx-status').textContent));
  assert.match(await page.textContent(S.status), /unknown country in measures\[0\]\.importers\[0\] 'USA'/);
  assert.match(await summary(page), /Southland/, 'the result in use stays');
  // Back to the built-in baseline.
  await page.getByRole('button', { name: 'Back to the built-in 2024 baseline' }).click();
  await settle(page);
  assert.match(await summary(page), /Real GDP falls in/, 'the built-in data, on the lead preset');
  // The nine presets and the timeline entry of "Start from".
  assert.equal((await page.$$(`${S.preset} option`)).length, 10);
  assert.equal(await page.isHidden('[data-natx-panic]'), true, 'no panic');
  assert.deepEqual(errors, []);
  await context.close();
});

test('if the module that reads files cannot be fetched, the reader is told and the view stays', async () => {
  const context = await browser.newContext();
  await context.route('**/pkg/full/**', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const before = await summary(page);
  await page.setInputFiles('input[data-natx-file=economy]', path.join(ROOT, 'data', 'examples', 'three-country.csv'));
  await page.waitForSelector(`${S.status}:not([hidden])`);
  assert.match(await page.textContent(S.status), /The part of the explorer that reads your files could not be loaded/);
  assert.equal(await summary(page), before);
  assert.equal(await page.evaluate(() => window.__natx.explorer.constructor.has_own_data()), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('non-numeric, NaN, infinite and huge values are refused with a message; no panic', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  const before = await summary(page);
  const results = await page.evaluate(() => {
    const ex = window.__natx.explorer;
    const out = [];
    for (const value of [NaN, Infinity, -Infinity, 1e308, -1e-300, 151, -0.5, 0]) {
      try { ex.set_control('us_metals_can', value); out.push(`accepted ${value}`); } catch (e) { out.push(e.message); }
    }
    for (const bad of [['no_such_control', 5], ['us_metals_can\u0000', 5]]) {
      try { ex.set_control(bad[0], bad[1]); out.push('accepted'); } catch (e) { out.push(e.message); }
    }
    try { ex.set_preset('<script>'); } catch (e) { out.push(e.message); }
    try { ex.set_step('2025-99-99'); } catch (e) { out.push(e.message); }
    try { ex.set_elasticities('x'.repeat(10000)); } catch (e) { out.push(e.message.slice(0, 60)); }
    return out;
  });
  assert.deepEqual(results.filter((r) => r.startsWith('accepted')), ['accepted 0'], results.join(' | '));
  assert.match(results[0], /enter a number/);
  assert.match(results[3], /outside 0–150%/);
  assert.match(results[8], /unknown control 'no_such_control'/);
  assert.match(results[10], /unknown preset '<script>'/);
  await page.evaluate(() => window.__natx.update({ scenario: 'us-tariffs-2025' }));
  assert.equal(await summary(page), before);
  assert.equal(await page.isHidden('[data-natx-panic]'), true, 'no panic');
  assert.deepEqual(errors, []);
  await context.close();
});

test('soak: 10,000 rapid scenario changes leave no error, results equal to a fresh solve, and memory flat', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
  // The story chart (issue 25) is computed once after the first charts and kept for the page's life: it is part of
  // the working size, so the soak starts once it is there.
  await page.waitForFunction(() => performance.getEntriesByName('natx:story').length > 0, null, { timeout: 20000 });
  const report = await page.evaluate(async () => {
    const handle = window.__natx;
    const ex = handle.explorer;
    const presets = ex.presets().map((p) => p.id);
    const controls = ['us_metals_can', 'us_other_mex', 'can_retaliation', 'mex_china', 'usmca_claim', 'can_mex_cost_cut'];
    const start = handle.memoryBytes();
    const memory = [];
    let failures = 0;
    for (let k = 0; k < 10000; k++) {
      try {
        if (k % 50 === 0) ex.set_preset(presets[(k / 50) % presets.length]);
        else if (k % 97 === 0) ex.set_elasticities(['uniform_4', 'one_year', 'caliendo_parro'][k % 3]);
        else if (k % 89 === 0) ex.set_step(['2025-03-04', '2025-06-04', '2026-03-01'][k % 3]);
        else {
          const id = controls[k % controls.length];
          ex.set_control(id, (k * 37) % (id === 'can_mex_cost_cut' ? 30 : 50));
        }
      } catch (e) {
        failures++;
      }
      if (k % 500 === 0) {
        handle.redraw();
        memory.push(handle.memoryBytes());
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    handle.redraw();
    ex.set_preset('us-tariffs-2025');
    ex.set_control('us_other_mex', 40);
    ex.set_elasticities('uniform_5');
    return { start, end: handle.memoryBytes(), memory, failures, csv: ex.csv(), summary: ex.summary([]) };
  });
  console.log(`soak: wasm memory ${report.start} → ${report.end} bytes; samples ${report.memory.join(', ')}; failed changes ${report.failures}`);
  assert.equal(report.failures, 0);
  // After warm-up (the first 1,500 changes grow the heap once to its working size) memory must not move at all.
  const late = report.memory.slice(4);
  assert.ok(Math.max(...late) === Math.min(...late), `memory flat after warm-up: ${late.join(', ')}`);
  const fresh = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025&us_other_mex=40&elasticities=uniform_5`);
  const freshCsv = await fresh.page.evaluate(() => window.__natx.explorer.csv());
  assert.equal(report.csv, freshCsv, 'after the soak, results equal a fresh solve');
  assert.equal(report.summary, await fresh.page.evaluate(() => window.__natx.explorer.summary([])));
  assert.equal(await page.isHidden('[data-natx-panic]'), true);
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
  await context.close();
});

test('a link with an impossible timeline date says so instead of snapping to an event; an unknown control in a scenario file is named (issue 24)', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&step=2025-02-30`);
  assert.match(await page.textContent(S.notices), /timeline date that does not exist \(“2025-02-30”\)/);
  assert.equal(await page.inputValue(S.preset), 'us-tariffs-2025', 'no timeline step shown: the lead preset');
  await page.setInputFiles('input[data-natx-file=scenario]', {
    name: 'misspelt.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ name: 'n', description: '', controls: { usmca_claims: 80 } })),
  });
  await page.waitForFunction(() => /misspelt\.json was not loaded/.test(document.querySelector('.natx-status').textContent));
  assert.match(await page.textContent(S.status), /unknown control in controls 'usmca_claims'/);
  assert.equal(await page.isHidden('[data-natx-panic]'), true, 'no panic');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a scenario file whose solve fails names its file and the measure most likely to blame (issue 24)', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  const before = await summary(page);
  await page.setInputFiles('input[data-natx-file=scenario]', {
    name: 'huge-tariff.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ name: 'n', description: '', measures: [{ label: 'small', tariff_add: 0.01 }, { label: 'everything', tariff: 50 }] })),
  });
  await page.waitForFunction(() => /huge-tariff\.json was not loaded/.test(document.querySelector('.natx-status').textContent), null, { timeout: 60000 });
  assert.match(await page.textContent(S.status), /huge-tariff\.json was not loaded.*measures\[1\] \('everything'\): a tariff of 5000%: the solver did not converge/s);
  assert.equal(await summary(page), before, 'the result in use stays');
  assert.equal(await page.isHidden('[data-natx-panic]'), true, 'no panic');
  assert.deepEqual(errors, []);
  await context.close();
});
