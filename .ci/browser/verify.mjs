// The verifier page (issue 17) in headless Chromium, against `dledger serve --demo` on loopback:
// a good receipt, proof and export verify; tampered ones fail naming the right check; a document
// is matched to the entry that names its digest; the page saved as one file and opened from
// file:// gives the same answers with every network request blocked (and none made); and every
// receipt's answer equals `dledger verify-receipt` on the same file.
// Usage: node verify.mjs path/to/dledger [screenshot-dir]
import { serveDemo, launchChromium } from './server.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [binArg, shots = 'target/screenshots'] = process.argv.slice(2);
if (!binArg) { console.error('usage: node verify.mjs path/to/dledger [screenshot-dir]'); process.exit(2); }
const bin = resolve(binArg);
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'dledger-verify-'));
const data = join(work, 'data');
const { server, base } = await serveDemo(bin, data);
// the demo is appended after the server listens: wait for its last decision
for (let i = 0; i < 600; i++) {
  const r = await fetch(base + '/v1/decisions/c5-cp-mop10-interim-budget-2022');
  if (r.status === 200) break;
  await new Promise((r) => setTimeout(r, 100));
}

let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
const text = async (path) => { const r = await fetch(base + path); assert(r.ok, `${path}: ${r.status}`); return r.text(); };

// The files, made here.
const vkey = (await text('/v1/log-key')).trim();
const files = {};
const put = (name, content) => { const p = join(work, name); writeFileSync(p, content); files[name] = p; return p; };
const decisions = JSON.parse(await text('/v1/decisions')).items.map((d) => d.decision_id);
assert(decisions.length >= 4, 'the demo has decisions');
for (const d of decisions) put(`receipt-${d}.json`, await text(`/v1/decisions/${d}/receipt`));
const good = `receipt-c5-cp-mop10-interim-budget-2022.json`;
const receipt = readFileSync(files[good], 'utf8');
const r = JSON.parse(receipt);
// tampered copies, each altering one thing, written as the server writes receipts (pretty JSON,
// two spaces, a final newline) so that only the altered thing differs, with the check the
// verifier must name
const render = (v) => JSON.stringify(v, null, 2) + '\n';
assert(render(r) === receipt, 'receipts re-render byte for byte');
const tampered = [];
const tamper = (name, content, check) => { put(name, content); tampered.push([name, check]); };
const edit = (fn) => { const v = JSON.parse(receipt); fn(v); return render(v); };
tamper('t-verdict.json', edit((v) => { v.verdict = v.verdict === 'within_scope' ? 'out_of_scope' : 'within_scope'; }), 'verdict recomputed');
tamper('t-entry.json', edit((v) => {
  // one byte of an entry's payload (its base64, so the line stays well-formed)
  const e = v.entries[v.entries.length - 1];
  const at = e.entry.indexOf('"payload":"') + 40;
  e.entry = e.entry.slice(0, at) + (e.entry[at] === 'A' ? 'B' : 'A') + e.entry.slice(at + 1);
}), 'inclusion proofs');
tamper('t-checkpoint.json', edit((v) => {
  const cp = v.checkpoint.split('\n');
  cp[2] = cp[2].slice(0, 5) + (cp[2][5] === 'A' ? 'B' : 'A') + cp[2].slice(6);
  v.checkpoint = cp.join('\n');
}), 'checkpoint signature');
assert(r.findings.length > 0, 'C5 has findings');
tamper('t-finding.json', edit((v) => { v.findings.shift(); }), 'findings recomputed');
tamper('t-form.json', receipt.replace('{\n', '{ \n'), 'receipt form');
put('entry-30.tlog-proof', await text('/v1/entries/30/proof'));
{
  const p = readFileSync(files['entry-30.tlog-proof'], 'utf8');
  put('t-entry-30.tlog-proof', p.replace('\nindex 30\n', '\nindex 31\n'));
}
// the export, and one with a line altered
const exp = join(work, 'export');
let x = spawnSync(bin, ['export', '--server', base, '--out', exp], { encoding: 'utf8' });
assert(x.status === 0, 'export: ' + x.stderr);
const entries = readFileSync(join(exp, 'entries.jsonl'), 'utf8');
const bad = join(work, 'bad-export');
mkdirSync(bad);
{
  const lines = entries.split('\n');
  lines[5] = lines[5].replace('"recorded_at":"20', '"recorded_at":"21');
  writeFileSync(join(bad, 'entries.jsonl'), lines.join('\n'));
  writeFileSync(join(bad, 'checkpoint'), readFileSync(join(exp, 'checkpoint')));
}
// a document: the decision text C5's decision entry names (the demo's stand-in documents are
// BLAKE3 of 'decision-ledger stand-in digest: <id>'), and one that is not it
const decisionEntry = r.entries.map((e) => e.entry).find((l) => {
  const p = JSON.parse(Buffer.from(JSON.parse(l).envelope.payload, 'base64').toString());
  return p.type === 'decision.adopted';
});
const decisionData = JSON.parse(Buffer.from(JSON.parse(decisionEntry).envelope.payload, 'base64').toString()).data;
const doc = put('decision-text.txt', `decision-ledger stand-in digest: ${decisionData.decision_id}`);
x = spawnSync(bin, ['digest', doc], { encoding: 'utf8' });
assert(x.stdout.trim() === decisionData.text_digest, `the stand-in document is the one named: ${x.stdout} vs ${decisionData.text_digest}`);
const notDoc = put('other-text.txt', 'decision-ledger stand-in digest: something else');
const otherKey = spawnSync(bin, ['keygen', '--name', vkey.split('+')[0], '--out', join(work, 'other.skey')], { encoding: 'utf8' }).stdout.trim();

// What the command line says of each receipt, under the right key and another.
const cli = (file, key) => spawnSync(bin, ['verify-receipt', file, '--log-vkey', key], { encoding: 'utf8' });

const browser = await launchChromium(['--allow-file-access-from-files']);

// Runs one check on an open page: the trust anchor, then the files (or the other way round).
async function verify(page, names, key, { trustFirst = true, shot = null } = {}) {
  const paths = names.map((n) => (n.startsWith('/') ? n : files[n]));
  if (trustFirst) {
    await page.fill('#trust', key);
    await page.setInputFiles('#input', paths);
  } else {
    await page.setInputFiles('#input', paths);
    // nothing is decided without a trust anchor
    await page.waitForTimeout(200);
    assert(await page.getAttribute('body', 'data-result') === null, 'no result before the trust anchor');
    await page.fill('#trust', key);
  }
  await page.waitForSelector('body[data-result]', { timeout: 120000 });
  const result = await page.getAttribute('body', 'data-result');
  const failedChecks = await page.locator('li[data-state=failed]').evaluateAll((l) => l.map((e) => e.dataset.check));
  const out = { result, failedChecks, text: await page.locator('#results').innerText() };
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  // reset for the next run
  await page.setInputFiles('#input', []);
  await page.fill('#trust', '');
  return out;
}

for (const [where, open] of [
  ['served', async (page) => page.goto(base + '/verify', { waitUntil: 'load' })],
  ['file://', async (page) => {
    const html = await text('/verify.html');
    const p = join(work, 'dledger-verify.html');
    writeFileSync(p, html);
    return page.goto('file://' + p, { waitUntil: 'load' });
  }],
]) {
  for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    if (where === 'file://') {
      // network blocked for the page: anything but the file itself is refused, and recorded
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u.startsWith('file://')) return route.continue();
        requests.push(u);
        return route.abort();
      });
    } else {
      page.on('request', (q) => {
        const u = q.url();
        if (![base + '/verify', base + '/verify.wasm', base + '/assets/style.css'].includes(u)) requests.push(u);
      });
    }
    await open(page);
    const tag = `${where} ${label}`;

    await check(`${tag}: a good receipt verifies, with the verdict and findings recomputed`, async () => {
      const o = await verify(page, [good], vkey, { shot: join(shots, `verify-${where === 'served' ? 'served' : 'file'}-${label}-receipt.png`) });
      assert(o.result === 'verified', `result ${o.result}: ${o.text}`);
      assert(o.text.includes(r.decision_id) && o.text.includes('Findings, recomputed'), 'decision and findings shown');
    });
    await check(`${tag}: the trust anchor may come after the file`, async () => {
      const o = await verify(page, [good], vkey, { trustFirst: false });
      assert(o.result === 'verified', `result ${o.result}`);
    });
    await check(`${tag}: each tampered receipt fails, naming the check that failed`, async () => {
      for (const [name, expected] of tampered) {
        const o = await verify(page, [name], vkey, name === 't-entry.json' ? { shot: join(shots, `verify-${where === 'served' ? 'served' : 'file'}-${label}-tampered.png`) } : {});
        assert(o.result === 'failed', `${name}: ${o.result}`);
        assert(o.failedChecks.includes(expected), `${name}: failed ${o.failedChecks}, expected ${expected}`);
      }
    });
    await check(`${tag}: another log's key fails at "log key"`, async () => {
      const o = await verify(page, [good], otherKey);
      assert(o.result === 'failed' && o.failedChecks.includes('log key'), `${o.result} ${o.failedChecks}`);
    });
    await check(`${tag}: every demo receipt gives the answer of dledger verify-receipt`, async () => {
      for (const name of [...decisions.map((d) => `receipt-${d}.json`), ...tampered.map(([n]) => n)]) {
        for (const key of [vkey, otherKey]) {
          const c = cli(files[name], key);
          assert(c.status === 0 || c.status === 1, `verify-receipt ${name}: exit ${c.status} ${c.stderr}`);
          const o = await verify(page, [name], key);
          assert((o.result === 'verified') === (c.status === 0), `${name}: page ${o.result}, verify-receipt exit ${c.status}`);
          if (c.status === 0) {
            const verdict = c.stdout.split('  ')[0].toLowerCase().replace(/ /g, '_');
            assert(o.text.toLowerCase().includes(verdict.replace(/_/g, ' ')), `${name}: verdict ${verdict}`);
          }
        }
      }
    });
    await check(`${tag}: a proof verifies, a tampered one fails`, async () => {
      let o = await verify(page, ['entry-30.tlog-proof'], vkey);
      assert(o.result === 'verified', `${o.result}: ${o.text}`);
      o = await verify(page, ['t-entry-30.tlog-proof'], vkey);
      assert(o.result === 'failed' && o.failedChecks.length > 0, `${o.result} ${o.failedChecks}`);
    });
    await check(`${tag}: an export (its two files at once) verifies; an altered line fails at "entries"`, async () => {
      let o = await verify(page, [join(exp, 'entries.jsonl'), join(exp, 'checkpoint')], vkey);
      assert(o.result === 'verified', `${o.result}: ${o.text}`);
      assert(o.text.includes('entries'), o.text);
      o = await verify(page, [join(bad, 'entries.jsonl'), join(bad, 'checkpoint')], vkey);
      assert(o.result === 'failed' && o.failedChecks.includes('entries'), `${o.result} ${o.failedChecks}`);
      // line 5 altered: its own checks hold (a later time), the chain breaks at entry 6
      assert(o.text.includes('entry 6: prev is not the BLAKE3 hash'), `names the entry: ${o.text}`);
    });
    await check(`${tag}: a document is matched to the proven entry that names its digest`, async () => {
      let o = await verify(page, [good, 'decision-text.txt'], vkey, { shot: join(shots, `verify-${where === 'served' ? 'served' : 'file'}-${label}-document.png`) });
      assert(o.result === 'verified', `${o.result}: ${o.text}`);
      assert(o.text.includes('text_digest'), 'the field named');
      o = await verify(page, [good, 'other-text.txt'], vkey);
      assert(o.result === 'failed', `another document: ${o.result}`);
      o = await verify(page, ['decision-text.txt'], vkey);
      assert(o.result === 'failed', `a document alone proves nothing: ${o.result}`);
    });
    await check(`${tag}: keyboard reaches the file input and the trust anchor, each labelled`, async () => {
      await page.locator('#input').focus();
      await page.keyboard.press('Tab');
      assert(await page.evaluate(() => document.activeElement.id) === 'trust', 'Tab goes from the files to the trust anchor');
      for (const id of ['input', 'trust']) {
        assert(await page.locator(`label[for=${id}]`).count() === 1, `${id} labelled`);
      }
      await page.screenshot({ path: join(shots, `verify-${where === 'served' ? 'served' : 'file'}-${label}.png`), fullPage: true });
    });
    await check(`${tag}: no console error, and no request beyond the page itself`, async () => {
      assert(problems.length === 0, problems.join('; '));
      assert(requests.length === 0, `requests: ${requests.join(', ')}`);
    });
    await context.close();
  }
}
await browser.close();
server.kill('SIGTERM');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
