// Issue: the daily agenda — birthdays, lunar festivals on the right day, and marking done.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';

async function at(page, today, hash) {
  await page.goto(`/?today=${today}${hash}`);
  await expect(page.locator('main .loading')).toHaveCount(0);
}

test('a contact\'s birthday and Mid-Autumn show on the right days', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  // A new customer, so no greeting logged in the sample book counts for the birthday.
  const customer = '宁波月明贸易有限公司';
  await at(page, '2026-09-20', '#/customers');
  await page.getByRole('button', { name: '添加客户' }).click();
  await page.locator('form.form input[name="name"]').fill(customer);
  await page.locator('form.form button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(customer);
  await page.locator('button[data-log="contact"]').click();
  await page.locator('.quick-log input[name="name"]').fill('周明');
  await page.locator('.quick-log input[name="birthday"]').fill('1980-09-22');
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('ul.contacts li', { hasText: '周明' })).toBeVisible();

  await at(page, '2026-09-20', '#/agenda');
  const week = page.locator('section[data-section="this_week"]');
  const birthday = week.locator('li.agenda-entry[data-kind="birthday"]', { hasText: '周明' });
  await expect(birthday).toHaveAttribute('data-due', '2026-09-22');
  await expect(birthday).toContainText('46岁生日');
  await expect(birthday).toContainText(customer);
  // Mid-Autumn 2026 is on 25 September (lunar 8/15); greetings are prepared ten days ahead.
  const festival = week.locator('li.agenda-entry[data-kind="festival"]');
  await expect(festival).toHaveAttribute('data-due', '2026-09-25');
  await expect(festival).toContainText('中秋节');
  await expect(festival).toContainText('农历8月15日');
  await expect(festival.locator('.greeting')).toContainText('月圆');
  // Spring Festival 2027 falls on 6 February.
  await at(page, '2027-02-01', '#/agenda');
  const spring = page.locator('li.agenda-entry[data-kind="festival"]', { hasText: '春节' });
  await expect(spring).toHaveAttribute('data-due', '2027-02-06');

  await at(page, '2026-09-22', '#/agenda');
  const today = page.locator('section[data-section="today"] li.agenda-entry[data-kind="birthday"]', { hasText: '周明' });
  await today.locator('button.done').click();
  await expect(page.locator('.notice.ok')).toContainText('已完成');
  await expect(page.locator('li.agenda-entry[data-kind="birthday"]', { hasText: '周明' })).toHaveCount(0);
  await at(page, '2026-09-22', '#/customers');
  await page.locator('input[name="search"]').fill(customer);
  await page.locator('table.customers td.name a', { hasText: customer }).click();
  await expect(page.locator('ol.timeline li').first()).toContainText('周明');
  expect(errors).toEqual([]);
});

test('an action added from the register is in the owner\'s agenda and done logs it on the timeline', async ({ page }) => {
  await loadSample(page);
  await open(page, '#/risk');
  const first = page.locator('table.register-table tbody tr').first();
  const customer = await first.locator('td.name a').innerText();
  await first.locator('button.add-agenda').click();
  await expect(page.locator('.notice.ok')).toBeVisible();
  await open(page, '#/agenda');
  const task = page.locator('li.agenda-entry[data-kind="task"]', { hasText: customer });
  await expect(task).toHaveCount(1);
  const owner = await task.locator('.sub').innerText();
  await page.locator('select[name="person"]').selectOption({ label: owner });
  await expect(task).toHaveCount(1);
  const text = await task.locator('p').first().innerText();
  await task.locator('button.done').click();
  await expect(page.locator('li.agenda-entry[data-kind="task"]', { hasText: customer })).toHaveCount(0);
  await page.reload();
  await expect(page.locator('li.agenda-entry[data-kind="task"]', { hasText: customer })).toHaveCount(0);
  await open(page, '#/risk');
  await page.locator('table.register-table tbody tr td.name a', { hasText: customer }).first().click();
  await expect(page.locator('ol.timeline li').first()).toContainText(text);
});
