// Shared steps for the journeys. The app's date is fixed so results never depend on the clock.
import { expect } from '@playwright/test';

export const TODAY = '2026-11-22';

export async function open(page, hash = '#/', base = '') {
  await page.goto(`${base}?today=${TODAY}${hash}`);
  await expect(page.locator('main .loading')).toHaveCount(0);
}

export async function loadSample(page) {
  await open(page);
  await page.locator('button[data-sample="s"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.stat').first()).toBeVisible();
}

/** Counts shown on the customers page ("共 200 个客户" / "200 customers"). */
export async function customerCount(page) {
  await open(page, '#/customers');
  const text = await page.locator('p.count').innerText();
  const numbers = text.replace(/,/g, '').match(/\d+/g) || [];
  return Number(numbers[numbers.length - 1]);
}

/** Collects uncaught errors and console errors, so a panic fails the test. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}
