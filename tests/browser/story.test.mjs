// The year as a story (issue 25, item 4): the story chart is solved after the first charts, in slices, and drawn
// with every dated step; the embed builder offers it; and a story embed in a host page moves to a step when the
// host changes the frame's fragment (#step=…) or posts { type: 'natx:step', date }, ignoring anything else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, startServer, launch, openPage, settle } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Wait until the story is computed and drawn in `win` (a page or a frame's window, through `evaluate`). */
const storyDone = () => performance.getEntriesByName('natx:story').length > 0
  && /The shaded step|Real GDP \(% change/.test(document.querySelector('.natx-chart[data-chart=story] .natx-desc')?.textContent || '');

/** The story's dates, from the explorer's timeline (one step per date, in order). */
const storyDates = (handle) => [...new Set(handle.explorer.timeline().map((e) => e.date))];

test('the story chart: solved in the worker after the first charts, every dated step drawn and described', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/www/index.html?lang=en&preset=us-tariffs-2025`, { width: 1280 });
  await page.waitForFunction(storyDone, null, { timeout: 20000 });
  const timing = await page.evaluate(() => {
    const [story] = performance.getEntriesByName('natx:story');
    const [rendered] = performance.getEntriesByName('natx:rendered');
    return { total: story.duration, start: story.startTime, rendered: rendered.startTime,
      worker: Number(document.querySelector('.natx').dataset.storyWorkerMs), slices: performance.getEntriesByName('natx:story-slice').length };
  });
  console.log(`story in the browser's worker: ${timing.worker.toFixed(1)} ms of solves (36); ${timing.total.toFixed(1)} ms from the request to the chart`);
  assert.ok(timing.worker > 0, 'computed in the worker');
  assert.equal(timing.slices, 0, 'nothing solved on the main thread');
  assert.ok(timing.start >= timing.rendered, 'the story starts after the first charts are drawn');
  const dates = await page.evaluate(() => [...new Set(window.__natx.explorer.timeline().map((e) => e.date))]);
  assert.ok(dates.length >= 10);
  // Every step is in the description with both horizons; the table has a row per step with numbers.
  const desc = await page.textContent('.natx-chart[data-chart=story] .natx-desc');
  for (const date of dates) assert.ok(desc.includes(date), `${date} described`);
  assert.match(desc, /first year \/ .* long run/);
  await page.click('.natx-chart[data-chart=story] button[aria-controls$="-story-table"]');
  const rows = await page.$$eval('.natx-chart[data-chart=story] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, dates.length);
  assert.ok(rows.every((r) => r.length === 18 && /% \(.+ … .+%\)$/.test(r[3]) && / \(.+ … .+%\)$/.test(r[4])), JSON.stringify(rows[0]));
  // The canvas has the height Rust gives for its width in the reader's language; report it at three widths.
  const heights = {};
  for (const width of [375, 720, 1280]) heights[width] = await page.evaluate((w) => window.__natx.explorer.chart_height_in('story', w), width);
  console.log(`story chart height in English: ${JSON.stringify(heights)}`);
  const [shown, expected] = await page.$eval('.natx-chart[data-chart=story] canvas', (c) => [c.getBoundingClientRect().height, window.__natx.explorer.chart_height_in('story', c.clientWidth)]);
  assert.equal(shown, expected);
  // The embed builder offers the story as a chart of its own.
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const box = page.locator('input[data-natx-builder-chart=story]');
  await box.check();
  assert.match(await page.inputValue('textarea[data-natx-builder-code]'), /charts=[a-z_,]*story/);
  // The same story (to the last digit of the table) without a worker: the single file from file://, in slices.
  const single = await openPage(browser, `file://${ROOT}/pkg/north-american-trade-explorer.html?lang=en&preset=us-tariffs-2025`, { width: 1280 });
  await single.page.waitForFunction(storyDone, null, { timeout: 20000 });
  const sliced = await single.page.evaluate(() => {
    const slices = performance.getEntriesByName('natx:story-slice');
    return { slices: slices.length, sum: slices.reduce((a, s) => a + s.duration, 0), longest: Math.max(...slices.map((s) => s.duration)),
      first: slices[0].startTime, rendered: performance.getEntriesByName('natx:rendered')[0].startTime };
  });
  console.log(`story without a worker: ${sliced.slices} slices (2 solves each), ${sliced.sum.toFixed(1)} ms in all, the longest ${sliced.longest.toFixed(1)} ms`);
  assert.equal(sliced.slices, dates.length, 'one slice per dated step');
  assert.ok(sliced.first >= sliced.rendered, 'after the first charts');
  await single.page.click('.natx-chart[data-chart=story] button[aria-controls$="-story-table"]');
  const singleRows = await single.page.$$eval('.natx-chart[data-chart=story] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(singleRows, rows, 'the worker and the main thread give the same story');
  assert.deepEqual(single.errors, []);
  await single.context.close();
  assert.deepEqual(errors, []);
});

test('a story embed in a host page follows the fragment and the message, and ignores bad ones', async () => {
  const context = await browser.newContext({ viewport: { width: 720, height: 900 } });
  const host = await context.newPage();
  const errors = [];
  host.on('pageerror', (e) => errors.push(String(e)));
  host.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await host.goto(`${server.url}/tests/browser/fixtures/blank.html`);
  const base = `${server.url}/www/embed.html?charts=story&lang=en`;
  const timeline = await (async () => {
    const probe = await openPage(browser, `${server.url}/www/index.html?lang=en`);
    const dates = await probe.page.evaluate(() => [...new Set(window.__natx.explorer.timeline().map((e) => e.date))]);
    await probe.context.close();
    return dates;
  })();
  const [first, middle, late] = [timeline[0], timeline[Math.floor(timeline.length / 2)], timeline[timeline.length - 2]];
  await host.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'story';
    frame.style.cssText = 'width:100%;height:1200px;border:0';
    document.body.append(frame);
  }, `${base}#step=${first}`);
  const frame = await (await host.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  await frame.waitForFunction(storyDone, null, { timeout: 20000 });
  const state = () => frame.evaluate(() => ({
    step: window.__natx.explorer.step_date(),
    desc: document.querySelector('.natx-chart[data-chart=story] .natx-desc').textContent,
    ignored: Number(document.querySelector('.natx').dataset.storyIgnored || 0),
    error: [...document.querySelectorAll('.natx-status[role=alert]')].some((n) => !n.hidden),
  }));
  const waitStep = (date) => frame.waitForFunction((d) => window.__natx.explorer.step_date() === d
    && document.querySelector('.natx-chart[data-chart=story] .natx-desc').textContent.includes(`, ${d}.`), date, { timeout: 10000 });
  const shaded = (date) => `The shaded step is step ${timeline.indexOf(date) + 1}, ${date}.`;
  // The fragment the frame opens with.
  await waitStep(first);
  assert.ok((await state()).desc.endsWith(shaded(first)));
  // The host changes the fragment: the frame moves without reloading.
  await frame.evaluate(() => { window.__natxBefore = true; });
  await host.evaluate(([src]) => { document.querySelector('iframe').src = src; }, [`${base}#step=${middle}`]);
  await waitStep(middle);
  assert.ok((await state()).desc.endsWith(shaded(middle)));
  assert.equal(await frame.evaluate(() => window.__natxBefore), true, 'the same document: no reload');
  // The host posts a message.
  await host.evaluate((date) => document.querySelector('iframe').contentWindow.postMessage({ type: 'natx:step', date }, '*'), late);
  await waitStep(late);
  assert.ok((await state()).desc.endsWith(shaded(late)));
  // Bad input is ignored: unknown dates, malformed messages and fragments. Each counted one is awaited.
  const bad = [
    { type: 'natx:step', date: '2025-06-05' },
    { type: 'natx:step', date: '2099-01-01' },
    { type: 'natx:step', date: 42 },
    { type: 'natx:step', date: '<img src=x onerror=alert(1)>' },
    { type: 'natx:step', date: 'x'.repeat(100000) },
    { type: 'natx:step' },
  ];
  let ignored = (await state()).ignored;
  for (const message of bad) {
    await host.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), message);
    ignored += 1;
    await frame.waitForFunction((n) => Number(document.querySelector('.natx').dataset.storyIgnored || 0) >= n, ignored);
  }
  // Messages of another shape are not for the story at all (not counted, nothing happens).
  for (const message of [null, 'natx:step', { type: 'natx:height', height: 5 }, [1, 2]]) {
    await host.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), message);
  }
  for (const fragment of ['#step=banana', '#step=2025-02-30', '#other=1', `#step=${encodeURIComponent('2025-06-04;drop')}`]) {
    await host.evaluate(([src]) => { document.querySelector('iframe').src = src; }, [`${base}${fragment}`]);
    ignored += 1;
    await frame.waitForFunction((n) => Number(document.querySelector('.natx').dataset.storyIgnored || 0) >= n, ignored);
  }
  // A message the frame posts to itself (not from the host page) does not move it either.
  await frame.evaluate((date) => window.postMessage({ type: 'natx:step', date }, '*'), first);
  await settle(frame);
  const after = await state();
  assert.equal(after.step, late, 'still on the last good step');
  assert.equal(after.error, false, 'no error shown for bad input');
  assert.equal(after.ignored, ignored);
  // And a good message still works afterwards.
  await host.evaluate((date) => document.querySelector('iframe').contentWindow.postMessage({ type: 'natx:step', date }, '*'), first);
  await waitStep(first);
  assert.deepEqual(errors, []);
  await context.close();
});
