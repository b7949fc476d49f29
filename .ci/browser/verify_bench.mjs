// Times the verifier page (verify.html opened from disk) in headless Chromium: a receipt, and an
// export, each several times; prints the medians. Not run by CI (figures go in BENCHMARKS.md).
// Usage: node verify_bench.mjs VERIFY_HTML VKEY_FILE RECEIPT EXPORT_DIR [runs]
// (VKEY_FILE is the receipt's log key; the export is checked under its own log.vkey.)
import { launchChromium } from './server.mjs';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [html, vkeyFile, receipt, exportDir, runsArg = '5'] = process.argv.slice(2);
if (!exportDir) { console.error('usage: node verify_bench.mjs VERIFY_HTML VKEY_FILE RECEIPT EXPORT_DIR [runs]'); process.exit(2); }
const runs = Number(runsArg);
const vkey = readFileSync(vkeyFile, 'utf8').trim();
const browser = await launchChromium();
const page = await (await browser.newContext()).newPage();
const t0 = Date.now();
await page.goto('file://' + resolve(html), { waitUntil: 'load' });
console.log(`page: ${statSync(html).size} bytes, loaded in ${Date.now() - t0} ms`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(paths, key) {
  await page.setInputFiles('#input', []);
  await page.fill('#trust', key);
  const start = await page.evaluate(() => performance.now());
  await page.setInputFiles('#input', paths);
  await page.waitForSelector('body[data-result]', { timeout: 600000 });
  const end = await page.evaluate(() => performance.now());
  const result = await page.getAttribute('body', 'data-result');
  if (result !== 'verified') throw new Error(`${paths}: ${result}: ${await page.locator('#results').innerText()}`);
  await page.fill('#trust', '');
  return end - start;
}
// The receipt under the given key; the export under its own log.vkey (a timing, not an audit)
const exportKey = readFileSync(join(exportDir, 'log.vkey'), 'utf8').trim();
for (const [what, paths, key] of [['receipt', [resolve(receipt)], vkey], ['export', [join(exportDir, 'entries.jsonl'), join(exportDir, 'checkpoint')], exportKey]]) {
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await time(paths, key));
  const lines = what === 'export' ? readFileSync(join(exportDir, 'entries.jsonl')).toString().split('\n').length - 1 : 0;
  console.log(`${what}: median ${median(xs).toFixed(0)} ms over ${runs} runs (${xs.map((x) => x.toFixed(0)).join(', ')})` +
    (lines ? `; ${lines} entries, ${(lines / (median(xs) / 1000)).toFixed(0)} entries/s` : ''));
}
await browser.close();
