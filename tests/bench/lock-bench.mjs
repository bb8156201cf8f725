// The passphrase lock in the browser, on the release build in dist/: how long a book takes
// to open from disk in the clear (the reference) and sealed (unlock: PBKDF2 with 600,000
// iterations, then every page decrypted), and how long sealing the whole book takes.
// Times are taken inside the page with performance.now(); nothing here asserts a time.
//
//   node tests/bench/lock-bench.mjs             # S and L
//   BENCH_BOOKS=l node tests/bench/lock-bench.mjs
import { startBench, pageWithSample, median } from './page-with-sample.mjs';

const PORT = Number(process.env.BENCH_PORT || 4191);
const BOOKS = (process.env.BENCH_BOOKS || 's,l').split(',');
const ROUNDS = 3;
const PASS = 'benchmark-passphrase';

const { browser, close } = await startBench(PORT);
const url = `http://127.0.0.1:${PORT}/?today=2026-11-22#/settings`;
const results = {};
try {
  for (const book of BOOKS) {
    const { context, page } = await pageWithSample(browser, PORT, book);
    // From navigation start to the settings page drawn: the book read from disk.
    await page.goto(url);
    const openPlain = async () => {
      await page.reload();
      await page.locator('section.lock-settings').waitFor({ timeout: 600_000 });
      return page.evaluate(() => performance.now());
    };
    const plain = [];
    for (let i = 0; i < ROUNDS; i++) plain.push(await openPlain());

    await page.locator('input[name="new_passphrase"]').fill(PASS);
    await page.locator('input[name="confirm_passphrase"]').fill(PASS);
    const sealStart = await page.evaluate(() => performance.now());
    await page.locator('form[name="set-lock"] button[type="submit"]').click();
    await page.locator('.notice.ok').waitFor({ timeout: 600_000 });
    const sealed = (await page.evaluate(() => performance.now())) - sealStart;

    const unlocks = [];
    for (let i = 0; i < ROUNDS; i++) {
      await page.reload();
      await page.locator('.lock-screen input[name="passphrase"]').fill(PASS);
      const t0 = await page.evaluate(() => performance.now());
      await page.locator('.lock-screen button[type="submit"]').click();
      await page.locator('section.lock-settings').waitFor({ timeout: 600_000 });
      unlocks.push((await page.evaluate(() => performance.now())) - t0);
    }
    results[book] = { plain: median(plain), sealed, unlock: median(unlocks) };
    await context.close();
  }
} finally {
  await close();
}
for (const [book, r] of Object.entries(results)) {
  console.log(`${book.toUpperCase()}: opened in the clear ${r.plain.toFixed(0)} ms; unlocked ${r.unlock.toFixed(0)} ms (${(r.unlock / r.plain).toFixed(1)}× the clear opening); sealing the whole book ${r.sealed.toFixed(0)} ms`);
}
