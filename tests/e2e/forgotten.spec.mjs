// Issue: forgotten customers — counts and lists by days without follow-up, and promised
// next contacts that passed.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';

test('the forgotten counts drill down to lists, and a missed next contact is listed', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/');
  const bars = page.locator('.charts .card.forgotten text.chart-value');
  const over30 = Number(await bars.nth(2).textContent());
  const over180 = Number(await bars.nth(4).textContent());
  await page.locator('.card.forgotten a.card-link').click();
  await expect(page.locator('.forgotten-list tbody tr')).toHaveCount(Math.min(over30, 100));
  await expect(page.locator('p.count')).toContainText(`共 ${over30} 个客户`);
  await page.locator('button.chip[data-days="180"]').click();
  await expect(page.locator('p.count')).toContainText(`共 ${over180} 个客户`);
  const days = await page.locator('.forgotten-list tbody td.num').allInnerTexts();
  expect(days.every((d) => Number(d) > 180)).toBe(true);

  // A follow-up on 10 November promising a call on 15 November, not kept.
  await open(page, '#/customers');
  const link = page.locator('table.customers td.name a').first();
  const name = (await link.innerText()).trim();
  await link.click();
  await page.locator('button[data-log="interaction"]').click();
  await page.locator('.quick-log input[name="date"]').fill('2026-11-10');
  await page.locator('.quick-log input[name="next_contact"]').fill('2026-11-05');
  await page.locator('.quick-log input[name="summary"]').fill('电话沟通，下周再约');
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.quick-log .field-error')).toContainText('下次联系日期');
  await page.locator('.quick-log input[name="next_contact"]').fill('2026-11-15');
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('跟进记录已保存');
  await open(page, '#/forgotten');
  await page.locator('button.chip[data-days="missed"]').click();
  const row = page.locator('.forgotten-list tbody tr', { hasText: name });
  await expect(row).toContainText('2026-11-15');
  await expect(row).toContainText('2026-11-10');
  expect(errors).toEqual([]);
});

// Issue 18, point 7: the list chosen survives Back and a reload.
test('the forgotten list chosen is kept in the address through Back and a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/forgotten');
  await page.locator('button.chip[data-days="180"]').click();
  await expect(page).toHaveURL(/#\/forgotten\?days=180$/);
  const count = await page.locator('p.count').innerText();
  await page.locator('.forgotten-list tbody td a').first().click();
  await expect(page).toHaveURL(/#\/customers\/\d+$/);
  await page.goBack();
  await expect(page.locator('button.chip[data-days="180"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('p.count')).toHaveText(count);
  await page.locator('button.chip[data-days="missed"]').click();
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(page.locator('button.chip[data-days="missed"]')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});
