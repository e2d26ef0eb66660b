// The analyst's workbench (issue 25), in headless Chromium: a reader's scenario file stays live (controls, link,
// Embed, CSV, the status names the file) and its link reproduces it after a reload; a semicolon CSV with decimal
// commas loads; the tariff table edits a US–China rate, takes a pasted 3 × 3 block in the right cells, names a bad
// cell, moves with the arrow keys, and its link reproduces it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { ROOT, startServer, launch, openPage, settle, waitRanges, S, waitLoaded } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const summary = (page) => page.textContent(S.summary);
// The result's numbers as the data tables show them (real income, prices, revenue, trade, jobs: every chart's table).
const figures = (page) => page.evaluate(() => JSON.stringify(['welfare', 'trade', 'supply', 'revenue', 'who_pays'].map((c) => window.__natx.explorer.table(c))));
const cell = (r, c) => `input[data-cell="${r},${c}"]`;

const CHINA_60 = {
  name: 'US 60% on China',
  description: 'Every US tariff on Chinese goods at 60%, the rest as in 2024.',
  measures: [{ label: 'US 60% on China', importers: ['USA'], exporters: ['CHN'], tariff: 0.6 }],
};

test('a scenario file stays live: controls, link, embed and CSV work, and the link reproduces it', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await waitRanges(page);
  await page.setInputFiles('input[data-natx-file=scenario]', { name: 'us-60-china.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(CHINA_60)) });
  await waitLoaded(page, 1);
  assert.match(await page.textContent('[data-natx-loaded]'), /Your scenario: us-60-china\.json/, 'the status names the file');
  assert.match(await summary(page), /China/);
  // The controls stay, and a move applies on top of the reader's scenario.
  assert.equal(await page.locator(S.number('us_metals_can')).count(), 1, 'the sliders stay');
  await page.fill(S.number('us_metals_can'), '30');
  await page.press(S.number('us_metals_can'), 'Enter');
  await settle(page);
  await waitRanges(page);
  // "Copy link" copies the scenario with the move.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => /copied/i.test(document.querySelector('.natx-share [role=status]').textContent));
  const url = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(url, /own=[^&]*USA\.CHN\.machinery\.60/, `the copied link carries the scenario cell by cell: ${url}`);
  assert.match(url, /us_metals_can=30/);
  assert.match(url, /name=us-60-china\.json/);
  const moved = { summary: await summary(page), figures: await figures(page) };
  // CSV and Embed work after loading.
  const csv = await page.evaluate(() => window.__natx.explorer.csv(location.href));
  assert.match(csv, /US 60% on China/);
  await page.getByRole('button', { name: 'Embed' }).click();
  const snippet = await page.inputValue('[data-natx-builder-code]');
  assert.match(snippet, /own=/, 'the embed snippet carries the scenario');
  await page.keyboard.press('Escape');
  // Reload from the link: the same results, the same file name, the same slider.
  const again = await openPage(browser, url);
  await waitRanges(again.page);
  assert.equal(await summary(again.page), moved.summary);
  assert.equal(await figures(again.page), moved.figures, 'every chart table the same');
  assert.equal(await again.page.inputValue(S.number('us_metals_can')), '30');
  assert.match(await again.page.textContent('[data-natx-loaded]'), /Your scenario: us-60-china\.json/);
  // Save as JSON: the file the page writes loads back to the same results.
  const [download] = await Promise.all([again.page.waitForEvent('download'), again.page.click('[data-natx-save]')]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const saved = await readFile(await download.path(), 'utf8');
  assert.match(saved, /"measures"/);
  const third = await openPage(browser, `${server.url}/www/index.html?lang=en`);
  await third.page.setInputFiles('input[data-natx-file=scenario]', { name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await waitLoaded(third.page, 1);
  await waitRanges(third.page);
  assert.equal(await summary(third.page), moved.summary, 'the saved file gives the same summary');
  assert.equal(await figures(third.page), moved.figures, 'and the same figures in every chart table');
  assert.deepEqual([...errors, ...again.errors, ...third.errors], []);
  await Promise.all([context.close(), again.context.close(), third.context.close()]);
});

test('a semicolon CSV with decimal commas loads (Excel in fr-CA and es-MX)', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en`);
  const text = await readFile(path.join(ROOT, 'data', 'examples', 'three-country.csv'), 'utf8');
  const semicolons = text.split('\n').map((line) => line.split(',').map((v) => v.replace('.', ',')).join(';')).join('\n');
  assert.notEqual(semicolons, text);
  await page.setInputFiles('input[data-natx-file=economy]', { name: 'three-country-fr.csv', mimeType: 'text/csv', buffer: Buffer.from(semicolons) });
  await waitLoaded(page, 1);
  assert.match(await page.textContent('.natx-controls'), /Loaded three-country-fr\.csv: 3 countries × 2 sectors/);
  // A link cannot carry an economy: Copy link says so instead of copying a link that opens something else.
  await page.getByRole('button', { name: 'Copy link' }).click();
  assert.match(await page.textContent('.natx-share'), /A link cannot carry your economy file/);
  // Leaving the page with the reader's economy asks first: the page cancels the beforeunload event (the browser
  // then asks). (A real dialog is not raised here: headless Chromium closes the browser on it.)
  const leave = () => page.evaluate(() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; });
  assert.equal(await leave(), true, 'with unsaved work on the reader\'s economy');
  await page.getByRole('button', { name: 'Back to the built-in 2024 baseline' }).click();
  await settle(page);
  assert.equal(await leave(), false, 'not on the built-in data');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the tariff table edits a US–China rate, takes a pasted block, names a bad cell, and its link reproduces it', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await waitRanges(page);
  const before = await summary(page);
  // The table is the full module's: opening it fetches that module first.
  await page.click('.natx-table-box summary');
  await page.waitForSelector('.natx-rates');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.natxTableSummary !== undefined), true, 'the focus stays on the table');
  // Rows: the United States on Canada, Mexico, China, rest of world, then Canada on the others…; columns: sectors.
  const header = await page.$$eval('.natx-rates thead th', (ths) => ths.map((th) => th.textContent));
  const machinery = header.indexOf('Machinery & electronics') - 1;
  assert.ok(machinery >= 0, header.join(' | '));
  const row = await page.$$eval('.natx-rates tbody th', (ths) => ths.map((th) => th.textContent).indexOf('United States on China'));
  assert.ok(row >= 0);
  await page.fill(cell(row, machinery), '60');
  await page.press(cell(row, machinery), 'Enter');
  await settle(page);
  await waitRanges(page);
  assert.notEqual(await summary(page), before, 'the charts and summary follow');
  assert.match(page.url(), /rates=USA\.CHN\.machinery\.60/);
  assert.equal(await page.inputValue(cell(row, machinery)), '60');
  assert.match(await page.textContent(`${cell(row, machinery)} ~ .natx-sr`), /set by you/);
  // A 3 × 3 block from a spreadsheet (tabs, one decimal comma) lands from the cell in focus.
  const paste = (r, c, text) => page.$eval(cell(r, c), (input, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    input.focus();
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  const outside = [await page.inputValue(cell(0, 3)), await page.inputValue(cell(3, 0))];
  await paste(0, 0, '11\t12,5\t13\n21\t22\t23\n31\t32\t33\n');
  await settle(page);
  await waitRanges(page);
  const block = [];
  for (let r = 0; r < 3; r += 1) for (let c = 0; c < 3; c += 1) block.push(await page.inputValue(cell(r, c)));
  assert.deepEqual(block, ['11', '12.5', '13', '21', '22', '23', '31', '32', '33']);
  assert.deepEqual([await page.inputValue(cell(0, 3)), await page.inputValue(cell(3, 0))], outside, 'beyond the block nothing moved');
  const link = page.url();
  assert.equal(new URL(link).searchParams.get('rates').split('*').length, 10, 'nine pasted cells and the typed one');
  const shown = await summary(page);
  // A bad block is refused, naming the cell; nothing changes.
  await paste(0, 0, '1\t2\n3\tlots\n');
  await page.waitForSelector(`${S.status}:not([hidden])`);
  assert.match(await page.textContent(S.status), /row 2, column 2: “lots” is not a number/);
  assert.equal(await page.inputValue(cell(0, 0)), '11');
  assert.equal(await summary(page), shown);
  // Arrow keys move between cells.
  await page.focus(cell(1, 1));
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.cell), '0,1');
  // The link reproduces the table and the results.
  const again = await openPage(browser, link);
  await waitRanges(again.page);
  assert.equal(await summary(again.page), shown);
  await again.page.click('.natx-table-box summary');
  await again.page.waitForSelector('.natx-rates');
  assert.equal(await again.page.inputValue(cell(row, machinery)), '60');
  assert.equal(await again.page.inputValue(cell(0, 1)), '12.5');
  assert.deepEqual([...errors, ...again.errors], []);
  await Promise.all([context.close(), again.context.close()]);
});

test('?compare=A,B shows both scenarios with every chart and summary, and a table with the numbers of natx compare, ranges on the difference included', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&compare=us-tariffs-2025,usmca-lapses`);
  await page.waitForFunction(() => document.documentElement.dataset.compareRanges === 'true', null, { timeout: 30000 });
  console.log(`?compare=: the difference's ranges (2 × 2 × 200 draws) drawn ${(await page.evaluate(() => performance.now())).toFixed(0)} ms after navigation`);
  await page.waitForFunction(() => (window.__natxCompare || []).every((h) => h.explorer.has_ranges()), null, { timeout: 30000 });
  assert.equal(await page.locator('.natx-summary').count(), 2, 'a summary for each scenario');
  const charts = await page.evaluate(() => window.__natxCompare[0].explorer.constructor.chart_ids().length);
  assert.equal(await page.locator('.natx-chart canvas').count(), 2 * charts, 'every chart for each scenario');
  const names = await page.$$eval('.natx-ab-table thead th', (ths) => ths.map((th) => th.textContent));
  assert.match(names[2], /^A: US tariffs on Canada and Mexico only/);
  assert.match(names[3], /^B: USMCA lapses/);
  const rows = await page.$$eval('.natx-ab-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const natx = JSON.parse(execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'natx', '--', 'compare', 'us-tariffs-2025', 'usmca-lapses', '--json'], { cwd: ROOT, encoding: 'utf8' }));
  const minus = (text) => text.replaceAll('−', '-').replace(/\s/g, '');
  const numbers = (cell) => cell.split(' / ').map((part) => parseFloat(minus(part)));
  // "−1.14 (−1.39 to −0.96)": the difference and its range.
  const band = (part) => { const m = /\(([^ ]+) to ([^ )]+)\)/.exec(part); return m ? [parseFloat(minus(m[1])), parseFloat(minus(m[2]))] : null; };
  assert.equal(rows.length, 2 * natx.countries.length);
  rows.forEach((row, k) => {
    const horizon = k < natx.countries.length ? 'first_year' : 'long_run';
    const n = k % natx.countries.length;
    const expect = [natx.a[horizon], natx.b[horizon], natx.b_minus_a[horizon]].map((side) => [side.real_gdp_pct[n], side.jobs_thousands[n], side.welfare_pct[n]]);
    row.slice(2).forEach((cell, side) => {
      const got = numbers(cell);
      const want = expect[side];
      assert.ok(Math.abs(got[0] - want[0]) <= 0.0051 && Math.abs(got[1] - want[1]) <= 0.51 && Math.abs(got[2] - want[2]) <= 0.0051, `${row[0]} ${row[1]} ${cell} vs natx ${want.join(' / ')}`);
    });
    // The difference's ranges: the same draws as natx compare's, and the difference inside them.
    const parts = row[4].split(' / ');
    const natxBand = natx.b_minus_a_range[horizon];
    for (const [part, key] of [[parts[0], 'real_gdp_pct'], [parts[2], 'welfare_pct']]) {
      const [low, high] = band(part);
      assert.ok(Math.abs(low - natxBand[key][n][0]) <= 0.0051 && Math.abs(high - natxBand[key][n][1]) <= 0.0051, `${row[0]} ${row[1]} ${key}: ${part} vs natx ${natxBand[key][n]}`);
      assert.ok(low - 0.0051 <= parseFloat(minus(part)) && parseFloat(minus(part)) <= high + 0.0051);
    }
  });
  // Changing one side updates the table and the address.
  await page.locator('select[id$="-picker"]').nth(1).selectOption('us-all-tariffs-2025');
  await page.waitForFunction(() => /compare=us-tariffs-2025,us-all-tariffs-2025/.test(location.search));
  assert.match(await page.textContent('.natx-ab-table thead'), /B: /);
  const csv = await page.evaluate(() => window.__natxCompare[0].explorer.compare_csv(window.__natxCompare[1].explorer, location.href));
  assert.match(csv, /^# A: /);
  assert.match(csv, /\nUSA,first_year,real_gdp_pct,-?\d+\.\d{4},-?\d+\.\d{4},-?\d+\.\d{4}\n/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the embed builder offers a comparison; the embed shows both scenarios and the table of their difference', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await page.getByRole('button', { name: 'Embed' }).click();
  await page.selectOption('select[id$="-builder-compare"]', 'usmca-lapses');
  const snippet = await page.inputValue('[data-natx-builder-code]');
  const src = /src="([^"]+)"/.exec(snippet)[1];
  assert.match(src, /compare=us-tariffs-2025,usmca-lapses/);
  const embed = await openPage(browser, src.replace(/&amp;/g, '&'), { width: 720 });
  await embed.page.waitForFunction(() => document.documentElement.dataset.compareRanges === 'true', null, { timeout: 30000 });
  assert.equal(await embed.page.locator('.natx-summary').count(), 2);
  assert.match(await embed.page.textContent('.natx-ab-table'), /B: USMCA lapses/);
  assert.match(await embed.page.textContent('.natx-ab-table'), /\(.+ to .+\)/, 'the difference with its range');
  // The reader's own version (a moved slider) against a preset: the side is the whole link.
  await page.keyboard.press('Escape');
  await page.fill(S.number('us_metals_can'), '30');
  await page.press(S.number('us_metals_can'), 'Enter');
  await settle(page);
  await page.getByRole('button', { name: 'Embed' }).click();
  await page.selectOption('select[id$="-builder-compare"]', 'usmca-lapses');
  const own = /src="([^"]+)"/.exec(await page.inputValue('[data-natx-builder-code]'))[1].replace(/&amp;/g, '&');
  assert.equal(new URL(own).searchParams.get('compare'), 'preset=us-tariffs-2025&us_metals_can=30,usmca-lapses');
  const mine = await openPage(browser, own, { width: 720 });
  await mine.page.waitForFunction(() => document.documentElement.dataset.compareRanges === 'true', null, { timeout: 30000 });
  assert.match(await mine.page.textContent('.natx-ab-table thead'), /A: .*\(adjusted\)/);
  assert.deepEqual([...errors, ...embed.errors, ...mine.errors], []);
  await Promise.all([context.close(), embed.context.close(), mine.context.close()]);
});

test('on a phone, a control with focus keeps the live result in view at the bottom of the screen', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`, { width: 375, height: 700 });
  await waitRanges(page);
  assert.equal(await page.isHidden('.natx-live-bar'), true, 'hidden until a control has focus');
  await page.focus(S.number('us_metals_can'));
  await page.waitForSelector('.natx-live-bar:not([hidden])');
  const before = await page.textContent('.natx-live-bar');
  assert.match(before, /Real GDP in the first year: .*Canada −?\d/);
  const box = await page.locator('.natx-live-bar').boundingBox();
  assert.ok(box.y + box.height <= 700 + 1 && box.y > 400, `at the bottom of the screen: ${JSON.stringify(box)}`);
  await page.fill(S.number('us_metals_can'), '0');
  await page.press(S.number('us_metals_can'), 'Enter');
  await page.waitForFunction((text) => document.querySelector('.natx-live-bar').textContent !== text, before);
  await page.focus('.natx-summary').catch(() => {});
  await page.evaluate(() => document.activeElement.blur());
  await page.waitForSelector('.natx-live-bar[hidden]', { state: 'attached' });
  // A wide screen has the charts beside the controls: no bar.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.focus(S.number('us_metals_can'));
  assert.equal(await page.isHidden('.natx-live-bar'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a transparent embed for a dark article: plain-dark has light text, and the builder checks contrast against the host', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`);
  await page.getByRole('button', { name: 'Embed' }).click();
  await page.selectOption('select[id$="-builder-theme"]', 'plain');
  await page.$eval('[data-natx-builder-host]', (input) => { input.value = '#15171c'; input.dispatchEvent(new Event('input')); });
  assert.match(await page.textContent('[data-natx-builder-contrast]'), /only 1\.\d:1 .*Plain, light text/);
  await page.selectOption('select[id$="-builder-theme"]', 'plain-dark');
  assert.match(await page.textContent('[data-natx-builder-contrast]'), /Text contrast on your page's background: (\d+\.\d):1/);
  const ratio = Number(/(\d+\.\d):1/.exec(await page.textContent('[data-natx-builder-contrast]'))[1]);
  assert.ok(ratio >= 4.5, `${ratio}`);
  assert.match(await page.inputValue('[data-natx-builder-code]'), /theme=plain-dark/);
  // The embed itself: transparent, light text whatever the reader's own colour scheme.
  const embed = await openPage(browser, `${server.url}/www/embed.html?preset=us-tariffs-2025&lang=en&theme=plain-dark`);
  const colours = await embed.page.$eval('.natx', (root) => [getComputedStyle(root).backgroundColor, getComputedStyle(root.querySelector('.natx-summary')).color]);
  assert.equal(colours[0], 'rgba(0, 0, 0, 0)', 'transparent');
  assert.equal(colours[1], 'rgb(236, 236, 236)', 'light text');
  assert.deepEqual([...errors, ...embed.errors], []);
  await Promise.all([context.close(), embed.context.close()]);
});

test('a scenario file with a wrong value is refused naming the field and what was expected, in the reader’s language', async () => {
  const { page, context, errors } = await openPage(browser, `${server.url}/www/index.html?lang=fr&preset=us-tariffs-2025`);
  await waitRanges(page);
  const before = await summary(page);
  const bad = { name: 'x', description: 'y', measures: [{ label: 'a', tariff: 0.1 }, { label: 'b', tariff: 'beaucoup' }] };
  await page.setInputFiles('input[data-natx-file=scenario]', { name: 'faux.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForSelector(`${S.status}:not([hidden])`);
  const message = await page.textContent(S.status);
  assert.match(message, /faux\.json/);
  assert.match(message, /measures\[1\]\.tariff: type non valide : le texte "beaucoup", attendu : un nombre comme 0\.25/, message);
  assert.equal(await summary(page), before, 'the result in use stays');
  assert.deepEqual(errors, []);
  await context.close();
});
