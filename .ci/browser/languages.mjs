// The pages in the six languages (issue 18), in headless Chromium against `dledger serve --demo`:
// for each language at phone and desktop width, the demo's pages show `<html lang dir>` (Arabic
// right to left, tables and timelines mirrored), no English UI string where the language has its
// own, both verdict badges, charts whose every text box lies inside the SVG's viewBox with a
// title, a description and a table, timelines in time order; the Arabic page quotes CP-11/4's
// paragraph from the original; the switcher works from the keyboard and its choice holds (cookie).
// Screenshots of every page go to the folder given as the second argument.
import { serveDemo, launchChromium } from './server.mjs';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [bin, shotsRoot = 'target/screenshots'] = process.argv.slice(2);
if (!bin) { console.error('usage: node languages.mjs path/to/dledger [screenshot-dir]'); process.exit(2); }
const shots = join(shotsRoot, 'languages');
mkdirSync(shots, { recursive: true });
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = mkdtempSync(join(tmpdir(), 'dledger-languages-'));
const { server, base } = await serveDemo(bin, data);
const browser = await launchChromium();

let passed = 0, failed = 0;
const problems = [];
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// Simple messages of a Fluent file (one line, no placeable): id -> text.
function simpleMessages(path) {
  const out = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^([a-zA-Z][\w-]*) = ([^{}]+)$/);
    if (m) out.set(m[1], m[2].trim());
  }
  return out;
}
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const files = (lang) => [join(root, 'crates/ledger-http/locales', `${lang}.ftl`), join(root, 'crates/ledger-rules/locales', `${lang}.ftl`)];
const english = new Map(files('en').flatMap((f) => [...simpleMessages(f)]));
// The English UI strings a page in `lang` must not show: English messages of three words or more
// that the language translates (js- messages are the scripts' and shown only after an action).
function untranslated(lang) {
  const theirs = new Map(files(lang).flatMap((f) => [...simpleMessages(f)]));
  return [...english].filter(([id, text]) => !id.startsWith('js-') && text.split(/\s+/).length >= 3
    && theirs.has(id) && theirs.get(id) !== text).map(([, text]) => text);
}
const original = readFileSync(join(root, 'crates/ledger-http/locales/CP-11-4.ar.txt'), 'utf8')
  .replace(/\[[^\]]*\]/g, '').replace(/\s+/g, ' ');

const PAGES = [
  ['/', 'index'],
  ['/decisions/illustrative-interim-budget-2026', 'decision-within'],
  ['/decisions/illustrative-substantive-online-2026', 'decision-out'],
  ['/meetings/illustrative-cp-mop-online-2026', 'meeting-illustrative'],
  ['/meetings/c2-sbstta-special-2020', 'meeting-c2'],
  ['/silence/illustrative-sp-interim-budget-2026', 'silence-illustrative'],
  ['/silence/c1-sp-interim-budget-2021', 'silence-c1'],
  ['/periods/illustrative-2026-h1', 'period'],
  ['/entries/30', 'entry'],
  ['/publication', 'publication'],
  ['/witnessing', 'witnessing'],
];

for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
  for (const lang of LANGS) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${lang} ${label} console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${lang} ${label} page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      if (r.url().includes('/v1/feed') && (r.failure()?.errorText || '').includes('ABORTED')) return;
      problems.push(`${lang} ${label} request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    const english = lang === 'en' ? [] : untranslated(lang);
    await check(`${lang} ${label}: every page in the language, direction, no English UI string, charts inside their boxes`, async () => {
      if (lang !== 'en') assert(english.length > 100, `${english.length} English strings to look for`);
      for (const [path, shot] of PAGES) {
        const resp = await page.goto(`${base}${path}?lang=${lang}`, { waitUntil: 'load' });
        assert(resp.status() === 200, `${path}: ${resp.status()}`);
        const [htmlLang, dir, bodyDir] = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]);
        assert(htmlLang === lang, `${path}: <html lang=${htmlLang}>`);
        const want = lang === 'ar' ? 'rtl' : 'ltr';
        assert(dir === want && bodyDir === want, `${path}: dir ${dir}, computed ${bodyDir}`);
        // what the page says, not what the record says (titles, ids, JSON) or marks as English
        const text = await page.evaluate(() => {
          const c = document.body.cloneNode(true);
          c.querySelectorAll('bdi.recorded, code, pre, script, style, [lang="en"]').forEach((e) => e.remove());
          return c.textContent.replace(/\s+/g, ' ');
        });
        const left = english.filter((s) => text.includes(s));
        assert(left.length === 0, `${path}: English on the ${lang} page: ${left.slice(0, 3).join(' | ')}`);
        // no text box of a chart outside its viewBox, and no two text boxes overlapping
        const charts = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].map((svg) => {
          const vb = svg.viewBox.baseVal;
          const boxes = [...svg.querySelectorAll('text')].map((t) => { const b = t.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height, s: t.textContent }; });
          const out = boxes.filter((b) => b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.w > vb.x + vb.width + 0.5 || b.y + b.h > vb.y + vb.height + 0.5);
          const overlap = [];
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlap.push(`${a.s} / ${b.s}`);
          }
          const fig = svg.closest('figure');
          return { key: svg.dataset.chart, texts: boxes.length, out: out.map((b) => b.s), overlap,
            title: !!svg.querySelector('title')?.textContent, desc: !!svg.querySelector('desc')?.textContent,
            bars: svg.querySelectorAll('rect.bar').length, rows: fig ? fig.querySelectorAll('details.chart-table tbody tr').length : 0 };
        }));
        for (const c of charts) {
          assert(c.texts > 0 && c.out.length === 0, `${path}: chart ${c.key} text outside its viewBox: ${c.out.join(' | ')}`);
          assert(c.overlap.length === 0, `${path}: chart ${c.key} texts overlap: ${c.overlap.join(' | ')}`);
          assert(c.title && c.desc, `${path}: chart ${c.key} has a <title> and a <desc>`);
          assert(c.rows === c.bars, `${path}: chart ${c.key} has a table row per bar (${c.rows} / ${c.bars})`);
        }
        if (shot.startsWith('meeting-')) assert(charts.length === 2, `${path}: two charts, got ${charts.length}`);
        // timelines in time order
        const times = await page.locator('ol.timeline.events time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
        for (let i = 1; i < times.length; i++) assert(!(times[i] < times[i - 1]), `${path}: timeline out of order at ${i}`);
        if (shot.startsWith('silence') || shot === 'meeting-illustrative') assert(times.length >= 5, `${path}: a timeline (${times.length} moments)`);
        // nothing wider than the page (phone)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert(overflow <= 1, `${path}: the page scrolls sideways by ${overflow}px`);
        await page.screenshot({ path: join(shots, `${lang}-${label}-${shot}.png`), fullPage: true });
      }
    });
    await check(`${lang} ${label}: both verdicts on the front page, mirrored table in Arabic`, async () => {
      await page.goto(`${base}/?lang=${lang}`);
      const verdicts = await page.locator('table [data-verdict]').evaluateAll((b) => b.map((x) => x.dataset.verdict));
      assert(verdicts.includes('within_scope') && verdicts.includes('out_of_scope'), `verdicts: ${verdicts}`);
      const align = await page.locator('table th').first().evaluate((th) => getComputedStyle(th).textAlign);
      assert(align === 'start', `table headers aligned to the start of the line: ${align}`);
      if (lang === 'ar') {
        const [first, last] = await page.locator('table thead th').evaluateAll((ths) => [ths[0].getBoundingClientRect().left, ths[ths.length - 1].getBoundingClientRect().left]);
        assert(first > last, 'the first column is on the right');
      }
    });
    if (lang === 'ar') {
      await check(`ar ${label}: the finding quotes paragraph 2 of CP-11/4 from the Arabic original`, async () => {
        await page.goto(`${base}/decisions/illustrative-substantive-online-2026?lang=ar`);
        const quote = page.locator('blockquote.original[data-paragraph="2"] p').first();
        const q = (await quote.innerText()).replace(/\s+/g, ' ').trim();
        assert(q.length > 200 && original.includes(q), `the quote is the original's paragraph 2: ${q.slice(0, 80)}`);
        assert(await page.locator('blockquote.original').first().getAttribute('lang') === 'ar', 'marked Arabic');
      });
    } else {
      await check(`${lang} ${label}: the rule is the project's reading, marked unofficial`, async () => {
        await page.goto(`${base}/decisions/illustrative-substantive-online-2026?lang=${lang}`);
        assert(await page.locator('blockquote.original').count() === 0, 'no Arabic quote');
        assert(await page.locator('.ruletext .unofficial').count() >= 1, 'marked as an unofficial translation');
      });
    }
    await context.close();
  }
}

await check('the switcher works from the keyboard and the choice holds on the next pages', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/meetings/illustrative-cp-mop-online-2026`);
  assert(await page.evaluate(() => document.documentElement.lang) === 'en', 'English without a choice');
  // Tab until the Russian link of the switcher has focus, then Enter
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.getAttribute('hreflang') === 'ru');
  }
  assert(found, 'the switcher is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert(outline !== 'none', 'the focused link is visible');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert(await page.evaluate(() => document.documentElement.lang) === 'ru', 'Russian after Enter');
  assert(page.url().includes('/meetings/illustrative-cp-mop-online-2026'), 'the same page');
  await page.goto(`${base}/decisions/illustrative-interim-budget-2026`);
  assert(await page.evaluate(() => document.documentElement.lang) === 'ru', 'the cookie keeps Russian');
  await page.goto(`${base}/?lang=ar`);
  await page.goto(`${base}/verify`);
  assert(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join()) === 'ar,rtl', 'the verifier page in Arabic');
  await context.close();
});
await check('no console error and no failed request on any page', async () => {
  assert(problems.length === 0, problems.slice(0, 5).join('; '));
});
await browser.close();
server.kill('SIGTERM');
console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
