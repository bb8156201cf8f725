// Browser benchmark for Liuke: shipped size, time to interactive with a stored book, one
// edit, customer-list search and memory, in headless Chromium, on the release build in dist/.
//
// Every figure is printed with its budget (docs: ../../../shared/PERFORMANCE.md) and a ratio
// against a reference measured in the same run (the S book, or the uncompressed size), because
// the machines are shared and noisy. Times are taken inside the page with performance.now().
// Nothing here asserts a time: the script fails only if the app does not reach a state.
//
//   node tests/bench/browser-bench.mjs            # S reference + L
//   BENCH_BOOKS=s node tests/bench/browser-bench.mjs   # quick check of the harness only
//
// Raw results: bench-results/browser.json.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');
const OUT_DIR = path.join(ROOT, 'bench-results');
const TODAY = '2026-11-22';
const BOOKS = (process.env.BENCH_BOOKS || 's,l').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const RELOADS = 3;
const EDITS = 5;
const SEARCHES = 5;

const MIN = 60_000;
const TIMEOUT = {
  // storing L took 3+ minutes on a busy 2-core machine (see docs/benchmarks.md)
  generate: { s: 2 * MIN, m: 5 * MIN, l: 10 * MIN },
  load: { s: 1 * MIN, m: 2 * MIN, l: 3 * MIN },
  step: 1 * MIN,
};

const KB = 1000; // budgets in PERFORMANCE.md are read as decimal units (the stricter reading)
const MB = 1000 * 1000;
const BUDGET = {
  size: 600 * KB,
  tti: 1500,
  edit: 50,
  search: 50,
  memory: 400 * MB,
};

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- dist snapshot and server

/** Copies dist/ to a temp dir so a rebuild by someone else mid-run cannot change what we measure. */
async function snapshotDist() {
  const deadline = Date.now() + 10 * MIN;
  for (;;) {
    try {
      const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-bench-dist-'));
      fs.cpSync(DIST, dir, { recursive: true });
      const copied = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      const refs = [...copied.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']\.\/([^"']+)["']/g)].map((m) => m[1]);
      const complete = html === copied && refs.length > 0 && refs.every((f) => fs.existsSync(path.join(dir, f)));
      if (complete) return dir;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* dist/ is being rebuilt; try again */
    }
    if (Date.now() > deadline) throw new Error(`no complete build in ${DIST} (run trunk build --release)`);
    log('dist/ is missing or incomplete (being rebuilt?); waiting');
    await sleep(5000);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(dir) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(base + 'index.html');
      if (r.ok) return { base, child };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  child.kill();
  throw new Error('the static server did not start');
}

// ---------------------------------------------------------------- 1. shipped size

function shippedSize(dir) {
  const files = fs.readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort();
  const rows = files.map((f) => {
    const raw = fs.readFileSync(path.join(dir, f));
    const gz = zlib.gzipSync(raw, { level: 9 });
    return { file: f, kind: path.extname(f).slice(1), raw: raw.length, gzip: gz.length };
  });
  const sum = (pred, key) => rows.filter(pred).reduce((a, r) => a + r[key], 0);
  const code = (r) => r.kind === 'wasm' || r.kind === 'js';
  return {
    files: rows,
    code_raw: sum(code, 'raw'),
    code_gzip: sum(code, 'gzip'),
    all_raw: sum(() => true, 'raw'),
    all_gzip: sum(() => true, 'gzip'),
  };
}

// ---------------------------------------------------------------- in-page instrumentation

// Runs before the app's own scripts in every document: remembers the wasm exports (for the
// linear memory), times IndexedDB requests, and notes when the dashboard tiles appear.
const INIT_SCRIPT = `(() => {
  if (window.__bench) return;
  const b = window.__bench = { t: {}, idb: [] };
  addEventListener('TrunkApplicationStarted', (e) => {
    b.wasm = e.detail && e.detail.wasm;
    b.t.appStarted = performance.now();
  });
  const wrap = (proto, name) => {
    const orig = proto[name];
    if (!orig) return;
    proto[name] = function (...args) {
      const rec = { op: name, store: this && this.name, t0: performance.now(), t1: null };
      const req = orig.apply(this, args);
      b.idb.push(rec);
      try {
        req.addEventListener('success', () => {
          rec.t1 = performance.now();
          if (name === 'getAll') rec.n = req.result ? req.result.length : null;
        });
      } catch (_) {}
      return req;
    };
  };
  wrap(IDBFactory.prototype, 'open');
  wrap(IDBObjectStore.prototype, 'get');
  wrap(IDBObjectStore.prototype, 'getAll');
  wrap(IDBObjectStore.prototype, 'getAllKeys');
  // Transactions: when created and when committed; for writes also when the first store was
  // cleared and when the meta store was written (the end of the put loop).
  b.tx = [];
  const txRec = new WeakMap();
  const origTx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const rec = { mode: args[1] || 'readonly', t0: performance.now(), t1: null, firstClear: null, lastMetaPut: null, puts: 0 };
    const tx = origTx.apply(this, args);
    b.tx.push(rec);
    txRec.set(tx, rec);
    tx.addEventListener('complete', () => { rec.t1 = performance.now(); });
    return tx;
  };
  const origClear = IDBObjectStore.prototype.clear;
  IDBObjectStore.prototype.clear = function (...args) {
    const rec = txRec.get(this.transaction);
    if (rec && rec.firstClear == null) rec.firstClear = performance.now();
    return origClear.apply(this, args);
  };
  const origPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const r = origPut.apply(this, args);
    if (this.name === 'meta') {
      const rec = txRec.get(this.transaction);
      if (rec) rec.lastMetaPut = performance.now();
    }
    return r;
  };
  // Main-thread tasks over 50 ms, to tell waiting on the browser's IndexedDB from work here.
  b.longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ t0: e.startTime, t1: e.startTime + e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) {}
  b.busy = (t0, t1) => b.longtasks.reduce((a, x) => a + Math.max(0, Math.min(t1, x.t1) - Math.max(t0, x.t0)), 0);
  const watcher = new MutationObserver(() => {
    if (b.t.loadingAt == null && document.querySelector('main .loading')) b.t.loadingAt = performance.now();
    if (b.t.statAt == null && document.querySelector('.stat')) {
      b.t.statAt = performance.now();
      requestAnimationFrame(() => { b.t.statFrame = performance.now(); });
      watcher.disconnect();
    }
  });
  watcher.observe(document, { childList: true, subtree: true });
  // The app's markup, in one place; both the first list (a plain table with a count in the
  // toolbar) and the virtualized one (p.count, spacer rows) are recognised.
  b.countText = () => {
    const c = document.querySelector('.toolbar .count') || document.querySelector('.page .count');
    return c ? c.textContent.trim() : null;
  };
  b.rows = () => document.querySelectorAll('table.list tbody tr:not(.spacer)');
  b.rowLinks = () => document.querySelectorAll('table.list tbody tr a[href^="#/customers/"]');
  // where a customer's new order shows: the recent-orders table, or the timeline
  b.ordersText = () => {
    const el = document.querySelector('table.orders tbody') || document.querySelector('ol.timeline');
    return el ? el.textContent : '';
  };
  // Resolves when cond() holds after a DOM change: the time it first held, and the time of
  // the next animation frame (style, layout and paint of that change follow right after).
  b.until = (cond, timeoutMs) => new Promise((resolve, reject) => {
    let done = false;
    let obs = null;
    let timer = null;
    const tick = () => {
      if (done) return;
      let ok = false;
      try { ok = cond(); } catch (_) {}
      if (!ok) return;
      done = true;
      const dom = performance.now();
      obs.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() }));
    };
    obs = new MutationObserver(tick);
    obs.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    timer = setTimeout(() => { if (!done) { done = true; obs.disconnect(); reject(new Error('timed out waiting in page')); } }, timeoutMs);
    tick();
  });
})();`;

// ---------------------------------------------------------------- browser helpers

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuke-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1024, height: 768 },
    locale: 'zh-CN',
  });
  await context.addInitScript(INIT_SCRIPT);
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('crash', () => errors.push('page crashed'));
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, userDataDir, errors };
}

async function close(b) {
  try {
    await b.context.close();
  } finally {
    fs.rmSync(b.userDataDir, { recursive: true, force: true });
  }
}

async function gotoApp(page, base, hash = '#/', timeout = TIMEOUT.load.l) {
  await page.goto(`${base}?today=${TODAY}${hash}`, { waitUntil: 'commit' });
  await waitLoaded(page, timeout);
}

/** Waits until the app has left its loading state (book loaded or empty). */
async function waitLoaded(page, timeout) {
  await page.waitForFunction(
    () => window.__bench && window.__bench.t.appStarted != null && !document.querySelector('main .loading')
      && (document.querySelector('.stat') || document.querySelector('.welcome') || document.querySelector('main .page')),
    null,
    { timeout, polling: 200 },
  );
}

/** Memory after a forced GC: JS heap (CDP) + the wasm linear memory + the renderer's RSS/PSS. */
async function memory(b) {
  const { page, cdp } = b;
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const usage = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => {
    const w = window.__bench && window.__bench.wasm;
    return w && w.memory && w.memory.buffer ? w.memory.buffer.byteLength : null;
  });
  const perfMemory = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : null));
  const js = metrics.JSHeapUsedSize ?? usage.usedSize;
  return {
    js_heap_used: js,
    js_heap_total: metrics.JSHeapTotalSize ?? usage.totalSize,
    runtime_heap_usage: usage,
    performance_memory_used: perfMemory,
    wasm_memory: wasm,
    js_plus_wasm: wasm == null ? null : js + wasm,
    dom_nodes: metrics.Nodes,
    renderer: rendererMemory(b.userDataDir),
  };
}

/** RSS and PSS (kB → bytes) of this profile's renderer processes, from /proc. */
function rendererMemory(userDataDir) {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const pids = out.split('\n')
      .filter((l) => l.includes(userDataDir) && l.includes('--type=renderer'))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    const each = pids.map((pid) => {
      const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      return {
        pid,
        rss: Number((text.match(/^Rss:\s+(\d+)/m) || [0, 0])[1]) * 1024,
        pss: Number((text.match(/^Pss:\s+(\d+)/m) || [0, 0])[1]) * 1024,
      };
    });
    // the page's renderer is the largest one; the others are spare or service renderers
    const largest = each.reduce((a, p) => (p.pss > (a ? a.pss : -1) ? p : a), null);
    return { processes: each, rss: largest ? largest.rss : null, pss: largest ? largest.pss : null };
  } catch (e) {
    return { error: String(e) };
  }
}

// ---------------------------------------------------------------- the steps

/** 2a. Clicks a sample button on the empty book; time to the "loaded" notice. */
async function generate(b, base, size) {
  const { page } = b;
  await gotoApp(page, base, '#/', TIMEOUT.load[size]);
  const button = page.locator(`button[data-sample="${size}"]`);
  await button.waitFor({ state: 'visible', timeout: TIMEOUT.step });
  const r = await page.evaluate(async ({ size, timeout }) => {
    const bench = window.__bench;
    const btn = document.querySelector(`button[data-sample="${size}"]`);
    const t0 = performance.now();
    const done = bench.until(() => document.querySelector('.notice.ok') || document.querySelector('.notice.error'), timeout);
    btn.click();
    const t = await done;
    const error = document.querySelector('.notice.error');
    const tx = bench.tx.find((x) => x.mode === 'readwrite' && x.t0 >= t0 && x.firstClear != null);
    const breakdown = tx && tx.t1 != null ? {
      generate_and_serialize_ms: tx.t0 - t0,
      put_loop_ms: tx.lastMetaPut - tx.firstClear,
      commit_ms: tx.t1 - tx.lastMetaPut,
      commit_busy_main_thread_ms: bench.busy(tx.lastMetaPut, tx.t1),
      after_commit_to_notice_ms: t.dom - tx.t1,
    } : null;
    return { ms: t.dom - t0, frame_ms: t.frame - t0, error: error ? error.textContent : null, breakdown };
  }, { size, timeout: TIMEOUT.generate[size] });
  if (r.error) throw new Error(`loading sample ${size} failed: ${r.error}`);
  await page.locator('.stat').first().waitFor({ state: 'visible', timeout: TIMEOUT.step });
  return r;
}

/** 2b. Reloads with the book stored; navigation start → dashboard tiles in the DOM. */
async function reloadToInteractive(b, size) {
  const { page } = b;
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench && window.__bench.t.statFrame != null, null,
    { timeout: TIMEOUT.load[size], polling: 200 });
  const r = await page.evaluate(() => {
    const b = window.__bench;
    const nav = performance.getEntriesByType('navigation')[0];
    const wasmEntry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    const reqs = b.idb.filter((x) => x.t1 != null);
    const open = reqs.find((x) => x.op === 'open');
    const bulk = reqs.filter((x) => x.op === 'getAll' || x.op === 'getAllKeys');
    const sum = (xs) => xs.reduce((a, x) => a + (x.t1 - x.t0), 0);
    const perStore = {};
    for (const x of bulk) {
      const e = perStore[x.store] || (perStore[x.store] = { records: 0, getAll: 0, getAllKeys: 0, busy: 0 });
      e[x.op] += x.t1 - x.t0;
      if (x.op === 'getAll') e.records += x.n || 0;
      e.busy += b.busy(x.t0, x.t1);
    }
    for (const e of Object.values(perStore)) for (const k of Object.keys(e)) e[k] = Math.round(e[k]);
    const firstRead = reqs.filter((x) => x.op !== 'open').reduce((a, x) => Math.min(a, x.t0), Infinity);
    const lastBulk = bulk.reduce((a, x) => Math.max(a, x.t1), 0);
    return {
      tti_ms: b.t.statAt,
      tti_frame_ms: b.t.statFrame,
      dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : null,
      wasm_fetched_ms: wasmEntry ? wasmEntry.responseEnd : null,
      app_started_ms: b.t.appStarted,
      idb_open_ms: open ? open.t1 - open.t0 : null,
      idb_open_done_ms: open ? open.t1 : null,
      first_read_ms: Number.isFinite(firstRead) ? firstRead : null,
      last_read_done_ms: lastBulk || null,
      records_read: bulk.reduce((a, x) => a + (x.op === 'getAll' ? x.n || 0 : 0), 0),
      idb_bulk_read_ms: sum(bulk),
      idb_getall_ms: sum(bulk.filter((x) => x.op === 'getAll')),
      idb_getallkeys_ms: sum(bulk.filter((x) => x.op === 'getAllKeys')),
      // main-thread long tasks inside the read windows: deserializing the results here,
      // as opposed to waiting on the browser process
      idb_bulk_read_busy_ms: bulk.reduce((a, x) => a + b.busy(x.t0, x.t1), 0),
      longtasks_total_ms: b.busy(0, b.t.statAt),
      idb_bulk_read_per_store_ms: perStore,
      // between the first and last bulk read, the time not spent waiting on IndexedDB:
      // Array.join in JS and JSON parsing into records in wasm
      parse_between_reads_ms: lastBulk
        ? lastBulk - firstRead - sum(reqs.filter((x) => x.op !== 'open' && x.t0 >= firstRead && x.t1 <= lastBulk))
        : null,
      // after the last read: parse the last store, Book::from_records, the dashboard summary, render
      after_reads_to_tiles_ms: lastBulk ? b.t.statAt - lastBulk : null,
    };
  });
  await sleep(1000); // let the app finish its after-load work (persistence request, storage estimate)
  return r;
}

/** 4. Customer list: open it, then time search input → count text updated. */
async function search(b, base, size) {
  const { page } = b;
  const open = await page.evaluate(async (timeout) => {
    const t0 = performance.now();
    const done = window.__bench.until(() => {
      return window.__bench.countText() && window.__bench.rowLinks().length > 0;
    }, timeout);
    location.hash = '#/customers';
    const t = await done;
    return { ms: t.dom - t0, frame_ms: t.frame - t0 };
  }, TIMEOUT.load[size]);
  const info = await page.evaluate(() => ({
    count: window.__bench.countText(),
    rows: window.__bench.rows().length,
    names: [...window.__bench.rowLinks()].slice(0, 40).map((a) => a.textContent.trim()),
  }));
  const n = info.names;
  const pick = (i) => n[(i * 7) % n.length];
  // different selectivity: a city (many hits), a middle word, a whole name (one hit), …
  const queries = [pick(0).slice(0, 2), pick(1).slice(2, 4), pick(2), pick(3).slice(-6, -2), pick(4).slice(1, 4)]
    .slice(0, SEARCHES);
  const runs = [];
  for (const q of queries) {
    const r = await page.evaluate(async ({ q, full, timeout }) => {
      const bench = window.__bench;
      const input = document.querySelector('.toolbar .search');
      const count = () => bench.countText();
      const type = (v) => {
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      // start from the full list
      if (input.value !== '') {
        const back = bench.until(() => count() === full, timeout);
        type('');
        await back;
        await new Promise((r) => setTimeout(r, 50));
      }
      const t0 = performance.now();
      const done = bench.until(() => count() !== full, timeout);
      type(q);
      const t = await done;
      const result = count();
      const rows = bench.rows().length;
      await new Promise((r) => setTimeout(r, 50));
      // and back to everything (the heavier direction: every customer matches again)
      const t1 = performance.now();
      const cleared = bench.until(() => count() === full, timeout);
      type('');
      const c = await cleared;
      return { query: q, ms: t.dom - t0, frame_ms: t.frame - t0, count: result, rows,
        clear_ms: c.dom - t1, clear_frame_ms: c.frame - t1 };
    }, { q, full: info.count, timeout: TIMEOUT.step });
    runs.push(r);
    await sleep(200);
  }
  const rowsAll = await page.evaluate(() => window.__bench.rows().length);
  return { open, full_count: info.count, rows_in_dom: rowsAll, runs };
}

/** 3. One edit: log an order on a customer's page; click → notice shown and row in the table. */
async function edits(b, size) {
  const { page } = b;
  const link = page.locator('table.list tbody tr a[href^="#/customers/"]').first();
  const href = await link.getAttribute('href');
  await link.click();
  // the order form is either on the page or behind the quick-log "order" tab
  await page.locator('form input[name="amount"], button[data-log="order"]').first()
    .waitFor({ state: 'visible', timeout: TIMEOUT.load[size] });
  const tab = page.locator('button[data-log="order"]');
  if (await tab.count()) await tab.click();
  await page.locator('form input[name="amount"]').waitFor({ state: 'visible', timeout: TIMEOUT.step });
  const runs = [];
  for (let i = 0; i < EDITS; i++) {
    // no notice left from before, so the one we wait for is this edit's
    await page.evaluate(() => {
      const n = document.querySelector('.notice');
      if (n) n.querySelector('button:last-of-type').click();
    });
    await page.waitForFunction(() => !document.querySelector('.notice'), null, { timeout: TIMEOUT.step });
    const cents = String(11 + i);
    const amount = `4321.${cents}`;
    const shown = `4,321.${cents}`;
    await page.locator('form input[name="amount"]').fill(amount);
    await sleep(100);
    const r = await page.evaluate(async ({ shown, timeout }) => {
      const bench = window.__bench;
      const form = document.querySelector('form input[name="amount"]').form;
      const btn = [...form.querySelectorAll('button[type="submit"]')].find((x) => /保存|Save/.test(x.textContent))
        || form.querySelector('button[type="submit"]');
      const t0 = performance.now();
      const done = bench.until(() => {
        if (document.querySelector('.notice.error') || document.querySelector('.field-error')) return true;
        return document.querySelector('.notice.ok') && bench.ordersText().includes(shown);
      }, timeout);
      btn.click();
      const t = await done;
      const err = document.querySelector('.notice.error') || document.querySelector('.field-error');
      const tx = bench.tx.find((x) => x.mode === 'readwrite' && x.t0 >= t0);
      const breakdown = tx && tx.t1 != null ? {
        validate_plan_ms: tx.t0 - t0,
        idb_write_ms: tx.t1 - tx.t0,
        after_commit_ms: t.dom - tx.t1,
      } : null;
      return { ms: t.dom - t0, frame_ms: t.frame - t0, error: err ? err.textContent : null, breakdown };
    }, { shown, timeout: TIMEOUT.step });
    if (r.error) throw new Error(`the edit failed: ${r.error}`);
    runs.push({ amount, ...r });
    await sleep(300);
  }
  return { customer: href, runs };
}

async function benchBook(base, size) {
  log(`book ${size.toUpperCase()}: fresh profile`);
  const b = await launch();
  const result = { book: size.toUpperCase() };
  try {
    result.browser_version = (await b.cdp.send('Browser.getVersion')).product;
    log(`book ${size.toUpperCase()}: generate and store`);
    result.generate = await generate(b, base, size);
    log(`  generate+store: ${result.generate.ms.toFixed(0)} ms`);
    result.memory_after_generate = await memory(b);
    result.reloads = [];
    for (let i = 0; i < RELOADS; i++) {
      const r = await reloadToInteractive(b, size);
      log(`  reload ${i + 1}: tiles at ${r.tti_ms.toFixed(0)} ms (idb bulk read ${r.idb_bulk_read_ms.toFixed(0)} ms)`);
      result.reloads.push(r);
    }
    result.memory = await memory(b);
    log(`  memory: js ${(result.memory.js_heap_used / MB).toFixed(1)} MB + wasm ${((result.memory.wasm_memory || 0) / MB).toFixed(1)} MB`);
    log(`book ${size.toUpperCase()}: search`);
    result.search = await search(b, base, size);
    log(`book ${size.toUpperCase()}: edits`);
    result.edit = await edits(b, size);
    result.errors = b.errors;
  } catch (e) {
    result.errors = b.errors;
    result.failure = String(e && e.stack ? e.stack : e);
    log(`book ${size.toUpperCase()} failed: ${e}`);
    try {
      fs.mkdirSync(OUT_DIR, { recursive: true });
      await b.page.screenshot({ path: path.join(OUT_DIR, `failure-${size}.png`) });
    } catch {
      /* best effort */
    }
  } finally {
    await close(b);
  }
  return result;
}

// ---------------------------------------------------------------- report

function fmtMs(v) {
  if (v == null) return '—';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`;
}
const fmtKB = (v) => (v == null ? '—' : `${(v / KB).toFixed(1)} KB`);
const fmtMB = (v) => (v == null ? '—' : `${(v / MB).toFixed(1)} MB`);
const fmtN = (v) => (v == null ? '—' : String(v));
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${(a / b).toFixed(2)}×`);

const med = (list, f) => median((list || []).map(f));

/** Every per-book figure: its label, budget, format, and how to get it from a book's raw results. */
const METRICS = [
  { key: 'generate_ms', label: 'generate+store sample: click → notice', fmt: fmtMs, get: (r) => r.generate?.ms },
  { key: 'gen_to_tx_ms', label: '  of which: generate + records to JSON (wasm)', fmt: fmtMs, get: (r) => r.generate?.breakdown?.generate_and_serialize_ms },
  { key: 'gen_put_ms', label: '  of which: IndexedDB clear + put loop', fmt: fmtMs, get: (r) => r.generate?.breakdown?.put_loop_ms },
  { key: 'gen_commit_ms', label: '  of which: IndexedDB commit', fmt: fmtMs, get: (r) => r.generate?.breakdown?.commit_ms },
  { key: 'records', label: 'IndexedDB values read on load (getAll results)', fmt: fmtN, get: (r) => r.reloads?.[0]?.records_read },
  { key: 'tti_ms', label: 'reload → dashboard tiles in DOM, median', budget: BUDGET.tti, fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.tti_ms) },
  { key: 'tti_frame_ms', label: '  … → next frame, median', budget: BUDGET.tti, fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.tti_frame_ms) },
  { key: 'app_started_ms', label: '  phase: wasm fetched, compiled, app mounted', fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.app_started_ms) },
  { key: 'idb_getall_ms', label: '  phase: IndexedDB getAll (10 stores)', fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.idb_getall_ms) },
  { key: 'idb_getallkeys_ms', label: '  phase: IndexedDB getAllKeys (10 stores)', fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.idb_getallkeys_ms) },
  { key: 'idb_busy_ms', label: '    main thread busy during those reads', fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.idb_bulk_read_busy_ms) },
  { key: 'parse_ms', label: '  phase: join + parse JSON between reads', fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.parse_between_reads_ms) },
  { key: 'after_reads_ms', label: '  phase: last read → tiles (parse, build, render)', fmt: fmtMs, get: (r) => med(r.reloads, (x) => x.after_reads_to_tiles_ms) },
  { key: 'edit_ms', label: 'one edit: click → notice + row, median', budget: BUDGET.edit, fmt: fmtMs, get: (r) => med(r.edit?.runs, (x) => x.ms) },
  { key: 'edit_frame_ms', label: '  … → next frame, median', budget: BUDGET.edit, fmt: fmtMs, get: (r) => med(r.edit?.runs, (x) => x.frame_ms) },
  { key: 'edit_idb_ms', label: '  of which: IndexedDB write transaction', fmt: fmtMs, get: (r) => med(r.edit?.runs, (x) => x.breakdown?.idb_write_ms) },
  { key: 'list_open_ms', label: 'open customer list (#/customers)', fmt: fmtMs, get: (r) => r.search?.open.ms },
  { key: 'search_ms', label: 'search: input → count updated, median', budget: BUDGET.search, fmt: fmtMs, get: (r) => med(r.search?.runs, (x) => x.ms) },
  { key: 'search_frame_ms', label: '  … → next frame, median', budget: BUDGET.search, fmt: fmtMs, get: (r) => med(r.search?.runs, (x) => x.frame_ms) },
  { key: 'search_max_ms', label: '  … slowest of the queries', budget: BUDGET.search, fmt: fmtMs, get: (r) => (r.search?.runs?.length ? Math.max(...r.search.runs.map((x) => x.ms)) : null) },
  { key: 'clear_ms', label: '  clear search → full list, median', budget: BUDGET.search, fmt: fmtMs, get: (r) => med(r.search?.runs, (x) => x.clear_ms) },
  { key: 'rows_in_dom', label: 'customer rows in the DOM (full list)', budget: 200, fmt: fmtN, get: (r) => r.search?.rows_in_dom },
  { key: 'js_heap', label: 'memory: JS heap used (after GC)', fmt: fmtMB, get: (r) => r.memory?.js_heap_used },
  { key: 'wasm_memory', label: 'memory: wasm linear memory', fmt: fmtMB, get: (r) => r.memory?.wasm_memory },
  { key: 'js_plus_wasm', label: 'memory: JS heap + wasm, after reload', budget: BUDGET.memory, fmt: fmtMB, get: (r) => r.memory?.js_plus_wasm },
  { key: 'js_plus_wasm_gen', label: 'memory: JS heap + wasm, right after generate', budget: BUDGET.memory, fmt: fmtMB, get: (r) => r.memory_after_generate?.js_plus_wasm },
  { key: 'renderer_pss', label: 'memory: page renderer process PSS, after reload', fmt: fmtMB, get: (r) => r.memory?.renderer?.pss },
];

function summarize(books) {
  const out = {};
  for (const [k, r] of Object.entries(books)) {
    if (!r) continue;
    out[k] = Object.fromEntries(METRICS.map((m) => {
      let v = null;
      try { v = m.get(r) ?? null; } catch { v = null; }
      return [m.key, v];
    }));
  }
  return out;
}

function table(size, s) {
  const bigKey = s.l ? 'l' : s.m ? 'm' : null;
  const big = bigKey ? s[bigKey] : null;
  const S = s.s;
  const rows = [];
  rows.push(['shipped wasm+js, gzip -9', fmtKB(size.code_gzip), fmtKB(BUDGET.size), ratio(size.code_gzip, BUDGET.size),
    `gzip/raw ${ratio(size.code_gzip, size.code_raw)} (raw ${fmtKB(size.code_raw)})`]);
  rows.push(['shipped wasm+js+css, gzip -9', fmtKB(size.all_gzip), fmtKB(BUDGET.size), ratio(size.all_gzip, BUDGET.size),
    `gzip/raw ${ratio(size.all_gzip, size.all_raw)} (raw ${fmtKB(size.all_raw)})`]);
  for (const m of METRICS) {
    const budget = m.budget == null ? '—' : m.fmt(m.budget);
    if (big) {
      const v = big[m.key];
      const ref = S ? `${bigKey.toUpperCase()}/S ${ratio(v, S[m.key])} (S ${m.fmt(S[m.key])})` : '—';
      rows.push([`${m.label} [${bigKey.toUpperCase()}]`, m.fmt(v), budget, m.budget == null ? '—' : ratio(v, m.budget), ref]);
    } else if (S) {
      rows.push([`${m.label} [S]`, m.fmt(S[m.key]), budget, m.budget == null ? '—' : ratio(S[m.key], m.budget), '—']);
    }
  }
  const head = ['figure', 'value', 'budget', 'vs budget', 'reference (same run)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmtRow = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [fmtRow(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmtRow)].join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const dir = await snapshotDist();
  const size = shippedSize(dir);
  const { base, child } = await startServer(dir);
  const started = new Date();
  const books = {};
  try {
    log(`serving a snapshot of dist/ at ${base}; books: ${BOOKS.join(', ')}`);
    for (const b of BOOKS) books[b] = await benchBook(base, b);
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const summary = summarize(books);
  const anyBook = Object.values(books).find((r) => r.browser_version);
  const result = {
    date: started.toISOString(),
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, total_memory: os.totalmem(), loadavg_at_end: os.loadavg() },
    browser: anyBook ? `${anyBook.browser_version} (headless)` : null,
    budgets: BUDGET,
    units: 'KB = 1000 bytes, MB = 10^6 bytes; times in ms from performance.now() in the page',
    size,
    summary,
    books,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'browser.json'), JSON.stringify(result, null, 2));

  console.log(`\nLiuke browser benchmark — ${result.date} — ${result.browser} — ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(table(size, summary));
  for (const [k, r] of Object.entries(books)) {
    if (r.failure) console.log(`\nbook ${k.toUpperCase()} FAILED: ${r.failure.split('\n')[0]}`);
    if (r.errors?.length) {
      console.log(`\nbook ${k.toUpperCase()}: ${r.errors.length} console errors/warnings:`);
      for (const e of r.errors.slice(0, 20)) console.log(`  ${e.slice(0, 300)}`);
    }
  }
  console.log(`\nraw results: ${path.relative(process.cwd(), path.join(OUT_DIR, 'browser.json'))}`);
  if (Object.values(books).some((r) => r.failure)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
