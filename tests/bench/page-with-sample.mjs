// What the browser benches share: dist/ served on a port, headless Chromium, and a page
// that has just loaded one of the sample books.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves dist/ and starts Chromium; `close()` stops both. */
export async function startBench(port) {
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', path.join(ROOT, 'dist')], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  return {
    browser,
    close: async () => {
      await browser.close();
      server.kill();
    },
  };
}

/** A fresh profile's page with sample book `book` ("s", "m" or "l") loaded. */
export async function pageWithSample(browser, port, book) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`http://127.0.0.1:${port}/?today=2026-11-22#/`);
  await page.locator(`button[data-sample="${book}"]`).click();
  await page.locator('.notice.ok').waitFor({ timeout: 600_000 });
  return { context, page };
}
