// Rescoring in the browser: how long the risk register takes to show again after a factor
// weight changes, on the release build in dist/, for the S book (reference) and the L book.
// Times are taken inside the page with performance.now(), from the hash change to the first
// register row being in the page; nothing here asserts a time.
//
//   node tests/bench/rescore-bench.mjs            # S and L
//   BENCH_BOOKS=s node tests/bench/rescore-bench.mjs
import { startBench, pageWithSample, median } from './page-with-sample.mjs';

const PORT = Number(process.env.BENCH_PORT || 4190);
const BOOKS = (process.env.BENCH_BOOKS || 's,l').split(',');
const BUDGET_MS = 150;
const ROUNDS = 5;

const { browser, close } = await startBench(PORT);
const results = {};
try {
  for (const book of BOOKS) {
    const { context, page } = await pageWithSample(browser, PORT, book);
    const registerAfter = (hash) => page.evaluate(async (hash) => {
      const t0 = performance.now();
      location.hash = hash;
      while (!document.querySelector('table.register-table tbody tr')) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - t0;
    }, hash);
    const opened = await registerAfter('#/risk');
    const times = [];
    for (let i = 0; i < ROUNDS; i++) {
      await page.evaluate(() => { location.hash = '#/settings'; });
      // The first number on the settings page is the first factor's weight.
      const weight = page.locator('.risk-settings input[type=number]').first();
      await weight.fill(String(10 + i * 3));
      await weight.dispatchEvent('change');
      times.push(await registerAfter('#/risk'));
    }
    results[book] = { opened, rescored: median(times) };
    await context.close();
  }
} finally {
  await close();
}
const ref = results.s?.rescored;
for (const [book, r] of Object.entries(results)) {
  const ratio = ref ? ` (${(r.rescored / ref).toFixed(1)}× S)` : '';
  console.log(`${book.toUpperCase()}: register opened ${r.opened.toFixed(0)} ms; after a weight change ${r.rescored.toFixed(0)} ms${ratio}, budget ${BUDGET_MS} ms`);
}
