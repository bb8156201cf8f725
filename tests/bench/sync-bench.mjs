// Team sync beside PouchDB's own replicator, on loopback PouchDB Server (in memory), with
// the release build in headless Chromium (issue 17, part 10):
//   - initial push of a sample book from a device joining an empty team database, with
//     the latency of edits made on that device while the push runs;
//   - initial pull of it into a fresh device;
//   - one change on A visible on B, both live;
//   - PouchDB's replicator (Node, from the same npm install as the server) pushing and
//     pulling the same documents, as the reference.
// Budgets (../shared/PERFORMANCE.md, issue 17): L initial pull ≤ 60 s; a change A → B ≤ 2 s;
// edits ≤ 50 ms during sync; ours at least as fast as PouchDB's. Nothing here asserts a
// time: the script fails only if the app does not reach a state.
//
//   node tests/bench/sync-bench.mjs                 # the S book (about a minute)
//   BENCH_BOOKS=s,l node tests/bench/sync-bench.mjs # and L (the budgets' book; long)
//
// Raw results: bench-results/sync.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, startBench } from './page-with-sample.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOOKS = (process.env.BENCH_BOOKS || 's').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const APP_PORT = 4190;
const COUCH_PORT = 5991;
const COUCH = `http://127.0.0.1:${COUCH_PORT}`;
const LIVE_CHANGES = 5;
const EDITS = 5;
const HOUR = Number(process.env.BENCH_TIMEOUT_MS || 3_600_000);

const log = (...a) => console.error('[sync-bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function couch(method, pathname, body) {
  const response = await fetch(COUCH + pathname, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function docCount(db) {
  return (await couch('GET', `/${db}`)).body?.doc_count ?? 0;
}

/** A device's page connected to `db` as the bench's user. */
async function connect(page, db) {
  await page.goto(`http://127.0.0.1:${APP_PORT}/?today=2026-11-22#/settings`);
  const card = page.locator('section.team-sync');
  await card.locator('input[name="server"]').fill(COUCH);
  await card.locator('input[name="database"]').fill(db);
  await card.locator('input[name="user"]').fill('bench');
  await card.locator('input[name="password"]').fill('bench-pass-1');
  await card.locator('input[name="keep_password"]').check();
  await card.locator('form[name="team-sync"] button[type="submit"]').click();
  await page.locator('.notice.ok').waitFor();
}

/** Edits an order's amount on the first customer's page, each timed from the click on
 * save to the saved notice. */
async function editsNow(page) {
  await page.goto(`http://127.0.0.1:${APP_PORT}/?today=2026-11-22#/customers`);
  // The list may be redrawn while the join moves the book's ids: wait as long as it takes.
  await page.locator('table.customers tbody tr a[href^="#/customers/"]').first().click({ timeout: HOUR });
  const tab = page.locator('button[data-log="order"]');
  await tab.waitFor({ timeout: HOUR });
  await tab.click({ timeout: HOUR });
  const runs = [];
  for (let i = 0; i < EDITS; i += 1) {
    await page.evaluate(() => document.querySelector('.notice button:last-of-type')?.click());
    await page.locator('form input[name="amount"]').fill(`1234.${10 + i}`, { timeout: HOUR });
    const ms = await page.evaluate(async () => {
      const form = document.querySelector('form input[name="amount"]').form;
      const t0 = performance.now();
      form.querySelector('button[type="submit"]').click();
      for (;;) {
        if (document.querySelector('.notice.ok, .notice.error, .field-error')) break;
        await new Promise((r) => requestAnimationFrame(r));
      }
      if (!document.querySelector('.notice.ok')) throw new Error('the edit failed');
      return performance.now() - t0;
    });
    runs.push(ms);
    await sleep(200);
  }
  return runs;
}

async function benchApp(browser, book) {
  const db = `liuke-bench-${book}`;
  await couch('DELETE', `/${db}`);
  await couch('PUT', `/${db}`);
  const user = await couch('GET', '/_users/org.couchdb.user:bench');
  if (user.status !== 200) {
    await couch('PUT', '/_users/org.couchdb.user:bench', {
      name: 'bench', password: 'bench-pass-1', roles: ['liuke-manager'], type: 'user',
    });
  }

  // Device A: its own sample book, joining the empty team database.
  const a = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  a.on('pageerror', (e) => log('A page error:', e.message));
  await a.goto(`http://127.0.0.1:${APP_PORT}/?today=2026-11-22#/`);
  await a.locator(`button[data-sample="${book}"]`).click();
  await a.locator('.notice.ok').waitFor({ timeout: HOUR });
  await connect(a, db);
  const pushStart = Date.now();
  await a.locator('section.team-sync button[name="sync-now"]').click();
  // Edits while the push runs (the sync goes on when the page shows another view), once
  // the device has joined: joining moves the book's ids, so a customer's page opened
  // before is gone after.
  await a.locator('header .sync-badge').waitFor({ timeout: HOUR });
  const edits = await editsNow(a);
  const editsEnded = Date.now();
  let counted = { n: -1, at: 0 };
  for (;;) {
    const n = await docCount(db);
    if (n !== counted.n) counted = { n, at: Date.now() };
    const synced = /已同步/.test(await a.locator('header .sync-badge').innerText().catch(() => ''));
    if (synced && Date.now() - counted.at > 5000) break;
    if (Date.now() - pushStart > HOUR) {
      const badge = await a.locator('header .sync-badge').innerText().catch(() => '(no badge)');
      throw new Error(`the sync did not end: ${n} documents on the server, the header says ${badge}`);
    }
    await sleep(100);
  }
  const pushMs = counted.at - pushStart;
  const documents = counted.n;
  log(`${book}: pushed ${documents} documents in ${(pushMs / 1000).toFixed(1)} s`);

  // Device B: a fresh browser, pulling the whole book.
  const b = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  b.on('pageerror', (e) => log('B page error:', e.message));
  await connect(b, db);
  const pullStart = Date.now();
  await b.locator('section.team-sync button[name="sync-now"]').click();
  await b.locator('section.team-sync .sync-result:not(.hint)').filter({ hasText: '同步完成' }).waitFor({ timeout: HOUR });
  const pullMs = Date.now() - pullStart;
  log(`${book}: pulled in ${(pullMs / 1000).toFixed(1)} s`);

  // A change on A seen on B, both live: from the click on save to B's list showing it.
  await a.goto(`http://127.0.0.1:${APP_PORT}/?today=2026-11-22#/customers`);
  await b.goto(`http://127.0.0.1:${APP_PORT}/?today=2026-11-22#/customers`);
  await b.locator('header .sync-badge', { hasText: '已同步' }).waitFor({ timeout: HOUR });
  const live = [];
  for (let i = 0; i < LIVE_CHANGES; i += 1) {
    const name = `同步基准客户${i}`;
    await a.getByRole('button', { name: '添加客户' }).click();
    await a.locator('form input[name="name"]').fill(name);
    await b.locator('input[name="search"]').fill(name);
    const t0 = Date.now();
    await a.getByRole('button', { name: '保存' }).click();
    await b.locator('table.customers').getByRole('link', { name }).waitFor({ timeout: 60_000 });
    live.push(Date.now() - t0);
    await a.goto(`http://127.0.0.1:${APP_PORT}/?today=2026-11-22#/customers`);
    await sleep(300);
  }
  await a.context().close();
  await b.context().close();
  return { documents, pushMs, pullMs, edits, editsWhilePushing: editsEnded < pushStart + pushMs, live };
}

/** PouchDB's replicator on the same documents: pull them into memory, push them to an
 * empty database, and one live change from one client through the server to another. */
async function benchPouch(book) {
  const PouchDB = require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-replication'));
  const source = new PouchDB(`${COUCH}/liuke-bench-${book}`);
  const out = {};
  for (const batch of [100, 1000]) {
    const local = new PouchDB(`pull-${book}-${batch}-${Date.now()}`, { adapter: 'memory' });
    let t0 = Date.now();
    const pulled = await PouchDB.replicate(source, local, { batch_size: batch });
    out[`pull_${batch}`] = { ms: Date.now() - t0, docs: pulled.docs_written };
    const target = `liuke-bench-${book}-pouch-${batch}`;
    await couch('DELETE', `/${target}`);
    await couch('PUT', `/${target}`);
    t0 = Date.now();
    const pushed = await PouchDB.replicate(local, new PouchDB(`${COUCH}/${target}`), { batch_size: batch });
    out[`push_${batch}`] = { ms: Date.now() - t0, docs: pushed.docs_written };
    await couch('DELETE', `/${target}`);
    await local.destroy();
  }
  const target = `liuke-bench-${book}-live`;
  await couch('DELETE', `/${target}`);
  await couch('PUT', `/${target}`);
  const [x, y] = [new PouchDB(`live-x-${Date.now()}`, { adapter: 'memory' }), new PouchDB(`live-y-${Date.now()}`, { adapter: 'memory' })];
  const remote = new PouchDB(`${COUCH}/${target}`);
  const push = PouchDB.replicate(x, remote, { live: true });
  const pull = PouchDB.replicate(remote, y, { live: true });
  const live = [];
  for (let i = 0; i < LIVE_CHANGES; i += 1) {
    const t0 = Date.now();
    const seen = new Promise((resolve) => {
      const feed = y.changes({ since: 'now', live: true }).on('change', (c) => {
        if (c.id === `c${i}`) { feed.cancel(); resolve(); }
      });
    });
    await x.put({ _id: `c${i}`, name: `客户${i}` });
    await seen;
    live.push(Date.now() - t0);
  }
  push.cancel();
  pull.cancel();
  await couch('DELETE', `/${target}`);
  out.live = live;
  return out;
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  execFileSync('bash', ['scripts/couch.sh', 'start', String(COUCH_PORT)], { cwd: ROOT, stdio: 'inherit' });
  const bench = await startBench(APP_PORT);
  const results = {};
  try {
    for (const book of BOOKS) {
      log(`book ${book}: the app`);
      const app = await benchApp(bench.browser, book);
      log(`book ${book}: PouchDB's replicator`);
      const pouch = await benchPouch(book);
      results[book] = { app, pouch };
      const rate = (docs, ms) => Math.round((docs * 1000) / ms);
      console.log(`\n## ${book.toUpperCase()} book: ${app.documents} documents (loopback PouchDB Server, in memory)`);
      console.log('| | Liuke (browser) | PouchDB 100/batch | PouchDB 1000/batch | ratio to PouchDB 100 |');
      console.log('|---|---|---|---|---|');
      console.log(`| initial push | ${fmt(app.pushMs)} (${rate(app.documents, app.pushMs)}/s) | ${fmt(pouch.push_100.ms)} | ${fmt(pouch.push_1000.ms)} | ${(app.pushMs / pouch.push_100.ms).toFixed(2)} |`);
      console.log(`| initial pull | ${fmt(app.pullMs)} (${rate(app.documents, app.pullMs)}/s) | ${fmt(pouch.pull_100.ms)} | ${fmt(pouch.pull_1000.ms)} | ${(app.pullMs / pouch.pull_100.ms).toFixed(2)} |`);
      console.log(`| one change A → B, live (median of ${LIVE_CHANGES}) | ${median(app.live)} ms | ${median(pouch.live)} ms | | ${(median(app.live) / median(pouch.live)).toFixed(1)} |`);
      console.log(`| an edit while the push runs (median of ${EDITS}; max) | ${median(app.edits).toFixed(0)} ms; ${Math.max(...app.edits).toFixed(0)} ms${app.editsWhilePushing ? '' : ' (the push ended first)'} | | | |`);
    }
  } finally {
    fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench-results', 'sync.json'), JSON.stringify(results, null, 1));
    await bench.close();
    execFileSync('bash', ['scripts/couch.sh', 'stop'], { cwd: ROOT, stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
