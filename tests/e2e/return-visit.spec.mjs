// Issue: a return visit (回访) falls due after an order; recording it with its satisfaction
// takes it off the agenda and feeds the risk score.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';

test('an order brings a return visit to the agenda; a 很不满意 visit clears it and shows in the risk reasons', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  const link = page.locator('table.customers td.name a').first();
  const name = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  await link.click();
  await page.locator('button[data-log="order"]').click();
  await page.locator('.quick-log input[name="date"]').fill('2026-11-21');
  await page.locator('.quick-log input[name="amount"]').fill('18000');
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('订单已保存');

  await open(page, '#/agenda');
  // The team's week is long: folded by kind, each shown fifty at a time.
  const week = page.locator('section[data-section="this_week"] details.agenda-group[data-kind="return_visit"]');
  await week.evaluate((d) => { d.open = true; });
  const more = week.locator('button.more');
  while (await more.count()) await more.click();
  const visit = week.locator('li.agenda-entry[data-kind="return_visit"]', { hasText: name });
  await expect(visit).toHaveAttribute('data-due', '2026-11-28');
  await expect(visit).toContainText('2026年11月21日');

  await open(page, href);
  await page.locator('button[data-log="survey"]').click();
  await page.locator('.quick-log button[data-score="1"]').click();
  await page.locator('.quick-log select[name="method"]').selectOption('we_chat');
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible();
  await expect(page.locator('section.customer-risk')).toContainText('最近满意度1/5');
  await expect(page.locator('ol.timeline li.surveys').first()).toContainText('微信');

  await page.reload();
  await open(page, '#/agenda');
  await expect(page.locator('li.agenda-entry[data-kind="return_visit"]', { hasText: name })).toHaveCount(0);
  expect(errors).toEqual([]);
});
