// Headless Chromium against `dledger serve --demo` on loopback: opens each kind of page, checks
// what a person would check, fails on any console error or failed request, and saves
// screenshots (phone and desktop width) to the folder given as the second argument.
import { serveDemo, launchChromium } from './server.mjs';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, shots = 'target/screenshots'] = process.argv.slice(2);
if (!bin) { console.error('usage: node test.mjs path/to/dledger [screenshot-dir]'); process.exit(2); }
mkdirSync(shots, { recursive: true });
const data = mkdtempSync(join(tmpdir(), 'dledger-browser-'));
const { server, base } = await serveDemo(bin, data);

const browser = await launchChromium();
let passed = 0, failed = 0;
const problems = [];
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${label} console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${label} page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // the live feed is aborted when the page is left: that is not a failure
    if (r.url().includes('/v1/feed') && (r.failure()?.errorText || '').includes('ABORTED')) return;
    problems.push(`${label} request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${label} HTTP ${r.status()}: ${r.url()}`); });
  const visit = async (path, shot) => {
    const resp = await page.goto(base + path, { waitUntil: 'load' });
    assert(resp && resp.status() === 200, `${path}: status ${resp && resp.status()}`);
    const title = await page.title();
    assert(title.includes('decision-ledger'), `${path}: title ${title}`);
    assert(await page.locator('h1').count() === 1, `${path}: one h1`);
    await page.screenshot({ path: join(shots, `${label}-${shot}.png`), fullPage: true });
  };

  await check(`${label}: front page shows the log, verdict badges in words, and follows the feed`, async () => {
    await visit('/', 'index');
    await page.waitForFunction(() => document.getElementById('live').textContent.includes('up to date'), null, { timeout: 10000 });
    const badges = await page.locator('table .badge').allTextContents();
    assert(badges.length >= 4, `badges: ${badges}`);
    assert(badges.every((b) => /scope|person/.test(b)), `badges carry words: ${badges}`);
    await page.selectOption('select[name=category]', 'substantive');
    await page.click('button[type=submit]');
    await page.waitForLoadState('load');
    const rows = await page.locator('table tbody tr').count();
    assert(rows >= 1, 'the filter keeps the substantive decision');
    assert((await page.content()).includes('c5v-hypothetical-substantive-decision'), 'filtered list');
  });
  await check(`${label}: the C5 interim-budget decision shows "within scope" for what was decided`, async () => {
    await visit('/decisions/c5-cp-mop10-interim-budget-2022', 'decision-c5');
    const text = await page.locator('main').innerText();
    assert(text.includes('within scope'), 'C5 budget: within scope');
    assert(text.includes('dledger verify-receipt'), 'the offline command');
    const href = await page.locator('a.button[download]').getAttribute('href');
    assert(href.endsWith('/receipt'), `receipt link ${href}`);
    const r = await page.request.get(base + href);
    assert(r.status() === 200 && (await r.json()).format === 'dledger-receipt/v1', 'the receipt downloads');
    assert(await page.locator('ul.findings li').count() >= 1, 'findings listed with rule text');
    const seen = await page.locator('ul.witnesses li').allTextContents();
    assert(seen.length === 5, `five regional demonstration witnesses listed: ${seen}`);
    assert(text.includes('Demonstration'), 'labelled as a demonstration');
  });
  await check(`${label}: the illustrative scenario shows both verdicts, labelled, with its completeness statement`, async () => {
    await visit('/', 'index-verdicts');
    const badges = await page.locator('table .badge').allTextContents();
    assert(badges.some((b) => b.includes('within scope')) && badges.some((b) => b.includes('out of scope')), `both verdicts on the front page: ${badges}`);
    assert((await page.locator('em.illustrative').count()) >= 3, 'illustrative decisions marked in the list');
    await visit('/decisions/illustrative-interim-budget-2026', 'decision-illustrative');
    let text = await page.locator('main').innerText();
    assert(text.includes('Illustrative scenario, not a historical record'), 'labelled');
    assert(await page.locator('main .badge.within').count() >= 1, 'within scope badge');
    assert(text.includes('which holds'), `covered by a statement that holds: ${text}`);
    await visit('/decisions/illustrative-substantive-online-2026', 'decision-illustrative-substantive');
    text = await page.locator('main').innerText();
    assert(text.includes('Illustrative scenario') && text.includes('out of scope') && text.includes('P2.online_scope'), 'the substantive one is out of scope');
    await visit('/periods/illustrative-2026-h1', 'period-illustrative');
    text = await page.locator('main').innerText();
    assert(text.includes('Illustrative scenario') && text.includes('holds'), 'the statement page');
    assert(await page.locator('tr[data-differs=true]').count() === 0, 'counts as stated');
    await visit('/silence/illustrative-sp-interim-budget-2026', 'silence-illustrative');
    assert((await page.locator('main').innerText()).includes('Illustrative scenario'), 'silence page labelled');
  });
  await check(`${label}: a decision page prints as an audit note with its checkpoint`, async () => {
    await page.goto(base + '/decisions/illustrative-interim-budget-2026', { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    assert(await page.locator('header nav').evaluateAll((ns) => ns.length === 2 && ns.every((n) => n.getClientRects().length === 0)), 'no navigation and no language switcher on paper');
    assert(!(await page.locator('a.button[download]').isVisible()), 'no buttons on paper');
    const note = page.locator('.print-only');
    assert(await note.isVisible(), 'the audit note is printed');
    const vkey = (await (await page.request.get(base + '/v1/log-key')).text()).trim();
    assert((await note.innerText()).includes(vkey.split('+')[0] + '\n'), 'it holds the checkpoint');
    await page.screenshot({ path: join(shots, `${label}-decision-print.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert(!(await note.isVisible()), 'not on screen');
  });
  await check(`${label}: decisions, meetings and findings as CSV, and an Atom feed`, async () => {
    for (const [path, head] of [['/v1/decisions.csv?verdict=within_scope', 'decision_id,'], ['/v1/meetings.csv', 'meeting_id,'], ['/v1/findings.csv?severity=violation', 'rule,']]) {
      const r = await page.request.get(base + path);
      assert(r.status() === 200 && r.headers()['content-type'].startsWith('text/csv'), `${path}: ${r.status()}`);
      assert((await r.text()).startsWith(head), `${path}: header row`);
    }
    const feed = await page.request.get(base + '/feed.atom');
    assert(feed.headers()['content-type'].startsWith('application/atom+xml'), 'atom type');
    const doc = await page.evaluate((x) => new DOMParser().parseFromString(x, 'application/xml').getElementsByTagName('entry').length, await feed.text());
    assert(doc >= 7, `the feed parses as XML with entries: ${doc}`);
  });
  await check(`${label}: the C1 silence page shows two rounds, the first broken`, async () => {
    await visit('/silence/c1-sp-interim-budget-2021', 'silence-c1');
    const rounds = page.locator('li.round');
    assert(await rounds.count() === 2, `rounds: ${await rounds.count()}`);
    assert(await rounds.nth(0).getAttribute('data-broken') === 'true', 'round 1 broken');
    assert(await rounds.nth(1).getAttribute('data-broken') === 'false', 'round 2 held');
    assert((await rounds.nth(0).innerText()).includes('broken'), 'said in words');
  });
  await check(`${label}: the meeting chart has one bar per region`, async () => {
    await visit('/meetings/c2-sbstta-special-2020', 'meeting-c2');
    const bars = await page.locator('svg.chart rect.bar.region').count();
    assert(bars === 5, `region bars: ${bars}`);
    assert(await page.locator('svg.chart rect.bar.day').count() >= 1, 'a bar per day');
    assert((await page.locator('main').innerText()).includes('Webcast coverage'), 'sessions with webcast coverage');
  });
  await check(`${label}: an entry page shows signers and the inclusion proof`, async () => {
    await visit('/entries/30', 'entry-30');
    const text = await page.locator('main').innerText();
    assert(text.includes('Signers') && text.includes('Inclusion proof'), 'entry page sections');
  });
  await check(`${label}: the copies page gives the publish and mirror commands with this log's key`, async () => {
    await visit('/publication', 'publication');
    const text = await page.locator('main').innerText();
    assert(text.includes('dledger publish --server') && text.includes('dledger mirror --from'), 'the two commands');
    assert(text.includes('--since mirror.checkpoint'), 'how to check a mirror agrees');
    const vkey = (await (await page.request.get(base + '/v1/log-key')).text()).trim();
    assert(text.includes(vkey), 'the log key in the commands');
  });
  await check(`${label}: the witnesses page says how to run one and what a cosignature proves`, async () => {
    await visit('/witnessing', 'witnessing');
    const text = await page.locator('main').innerText();
    assert(text.includes('dledger witness init') && text.includes('dledger witness serve'), 'the commands');
    assert(text.includes('does not prove'), 'what it does not prove');
    assert(text.includes('Demonstration'), 'the demo witnesses labelled');
  });
  await check(`${label}: a Party page`, async () => {
    await page.goto(base + '/silence/c1-sp-interim-budget-2021');
    await page.locator('li.round a').first().click();
    await page.waitForLoadState('load');
    assert((await page.locator('h1').innerText()).length > 0, 'party name');
  });
  await context.close();
}
await check('no console error and no failed request on any page', async () => {
  assert(problems.length === 0, problems.join('; '));
});
await browser.close();
server.kill('SIGTERM');
console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
