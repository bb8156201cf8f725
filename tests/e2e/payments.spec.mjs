// Issue: payment plans — an overdue instalment shows in the agenda until it is paid, and
// what is still owed feeds a leaving customer's loss settlement.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';

/** Opens every page of an agenda section. */
async function showAll(section) {
  const more = section.locator('button.more');
  while (await more.count()) await more.click();
}

test('an overdue instalment shows in the agenda until paid, and survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  const link = page.locator('table.customers td.name a').first();
  const name = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  await link.click();
  await expect(page.locator('h1').first()).toHaveText(name);
  const plan = page.locator('section.payment-plan');
  await plan.locator('input[name="instalment_due"]').fill('2026-11-10');
  await plan.locator('input[name="instalment_amount"]').fill('-5');
  await plan.locator('button[name="add-instalment"]').click();
  await expect(plan.locator('.field-error')).toContainText('金额');
  await expect(plan.locator('li.instalment')).toHaveCount(0);
  await plan.locator('input[name="instalment_amount"]').fill('30000');
  await plan.locator('button[name="add-instalment"]').click();
  const row = plan.locator('li.instalment');
  await expect(row).toHaveAttribute('data-status', 'overdue');
  await expect(row.locator('.badge')).toHaveText('已逾期');
  await expect(plan.locator('.owed')).toContainText('¥30,000.00');

  await open(page, '#/agenda');
  // Overdue entries are folded by kind under the day's work: open the instalments.
  const overdue = page.locator('section[data-section="overdue"]');
  const group = overdue.locator('details.agenda-group[data-kind="instalment"]');
  const item = group.locator('li.agenda-entry[data-kind="instalment"]', { hasText: name });
  await expect(group.locator('summary')).toContainText('回款');
  await group.locator('summary').click();
  await showAll(group);
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute('data-due', '2026-11-10');
  await expect(item).toContainText('¥30,000.00');

  await page.reload();
  await open(page, href);
  await row.locator('input[name="payment"]').fill('40000');
  await row.locator('button[name="record-payment"]').click();
  await expect(row.locator('.field-error')).toContainText('不能超过');
  await row.locator('input[name="payment"]').fill('10000');
  await row.locator('button[name="record-payment"]').click();
  await expect(plan.locator('.owed')).toContainText('¥20,000.00');
  await expect(row).toContainText('已回款 ¥10,000.00');
  await row.locator('input[name="payment"]').fill('20000');
  await row.locator('button[name="record-payment"]').click();
  await expect(row).toHaveAttribute('data-status', 'paid');
  // An instalment no longer expected is voided, and then takes no payment.
  await plan.locator('input[name="instalment_due"]').fill('2026-12-20');
  await plan.locator('input[name="instalment_amount"]').fill('500');
  await plan.locator('button[name="add-instalment"]').click();
  const later = plan.locator('li.instalment[data-status="pending"]');
  await expect(later).toHaveCount(1);
  await later.locator('button.danger').click();
  await expect(plan.locator('li.instalment[data-status="void"]')).toHaveCount(1);
  await expect(plan.locator('li.instalment[data-status="void"] input[name="payment"]')).toHaveCount(0);
  await open(page, '#/agenda');
  await expect(overdue.locator('details.agenda-group').first()).toBeVisible();
  if (await group.count()) {
    await group.locator('summary').click();
    await showAll(group);
  }
  await expect(page.locator('li.agenda-entry[data-kind="instalment"]', { hasText: name })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('what a leaving customer still owes is offered for the loss settlement', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/winback');
  const lost = page.locator('ul.waiting li', { has: page.locator('.badge', { hasText: '已流失' }) }).first();
  const customerHref = await lost.locator('a').first().getAttribute('href');
  await open(page, customerHref);
  const plan = page.locator('section.payment-plan');
  await plan.locator('input[name="instalment_due"]').fill('2026-12-15');
  await plan.locator('input[name="instalment_amount"]').fill('8800');
  await plan.locator('button[name="add-instalment"]').click();
  await expect(plan.locator('li.instalment')).toHaveCount(1);
  await page.locator('section.winback-card button.open-winback').click();
  await expect(page.locator('.exit-checklist .owed')).toContainText('¥8,800.00');
  await page.locator('button[name="use-receivables"]').click();
  await expect(page.locator('input[name="exit.receivables"]')).toHaveValue('8800.00');
  expect(errors).toEqual([]);
});
