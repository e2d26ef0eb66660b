import { startServer, launch } from './helpers.mjs';
const server = await startServer(); const browser = await launch();
const url = process.argv[2] ? `${server.url}${process.argv[2]}` : `${server.url}/www/index.html`;
for (let r = 0; r < 3; r++) {
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto('about:blank');
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const finished = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.goto(url);
await page.waitForFunction(() => window.__natx && window.__natx.readyAt);
const ready = await page.evaluate(() => window.__natx.readyAt);
await cdp.send('Tracing.end'); await finished;
const layouts = events.filter((e) => e.name === 'Layout' && e.dur > 2000);
console.log('ready', ready.toFixed(0), layouts.map((e) => `${(e.dur / 1000).toFixed(1)}ms objs ${JSON.stringify(e.args.beginData && [e.args.beginData.dirtyObjects, e.args.beginData.totalObjects])}`).join(' ; '));
const styles = events.filter((e) => (e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles') && e.dur > 2000);
console.log('  style', styles.map((e) => `${(e.dur / 1000).toFixed(1)}ms ${JSON.stringify(e.args.elementCount ?? e.args.beginData?.elementCount ?? '')}`).join(' ; '));
await context.close();
}
await browser.close(); await server.close();
