// Issue: the customer pool (公海) — a customer silent past its tier's limit shows in the
// owner's agenda as about to return, returns to the pool when the app opens after the
// limit (on its timeline, undoable), the previous owner is barred and a colleague claims it.
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers.mjs';

async function openOn(page, day, hash) {
  await page.goto(`/?today=${day}${hash}`);
  await expect(page.locator('main .loading')).toHaveCount(0);
}

async function addStaff(page, name) {
  const form = page.locator('form.form');
  if (!(await form.count())) await page.locator('.page-head button.primary').click();
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="hire_date"]').fill('2020-03-01');
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('table.list tbody tr', { hasText: name })).toBeVisible();
}

/** Adds a customer of `tier` owned by `owner` on the customers page, and opens its file. */
async function addCustomer(page, day, name, tier, owner, locked = false) {
  await openOn(page, day, '#/customers');
  await page.locator('.page-head button.primary').click();
  const form = page.locator('form.form');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('select[name="tier"]').selectOption(tier);
  await form.locator('select[name="owner"]').selectOption({ label: owner });
  if (locked) await form.locator('input[name="locked"]').check();
  await form.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/#\/customers\/\d+$/);
  await expect(page.locator('ul.team li').first()).toContainText(owner);
}

test('a silent customer is warned, returns to the pool, and a colleague claims it', async ({ page }) => {
  const errors = watchErrors(page);
  const day0 = '2026-11-22';
  await openOn(page, day0, '#/settings');
  const rules = page.locator('section.pool-settings');
  await rules.locator('input[name="pool_enabled"]').check();
  await expect(page.locator('.notice.ok')).toContainText('团队设置已保存');

  await openOn(page, day0, '#/staff');
  await addStaff(page, '王芳');
  await addStaff(page, '李娜');

  await addCustomer(page, day0, '华东机电', 'B', '王芳');
  const customerUrl = page.url().replace(/^.*#/, '#');

  // Tier B: returns after 90 days without follow-up, warned 7 days ahead. Day 82: quiet.
  await openOn(page, '2027-02-12', '#/agenda');
  await expect(page.locator('li.agenda-entry[data-kind="pool_warning"]')).toHaveCount(0);
  // Day 84: in the warning zone, in 王芳's agenda, due the day it would return.
  await openOn(page, '2027-02-14', '#/agenda');
  const warning = page.locator('li.agenda-entry[data-kind="pool_warning"]');
  await expect(warning).toHaveCount(1);
  await expect(warning).toHaveAttribute('data-due', '2027-02-20');
  await expect(warning).toContainText('已 84 天未跟进（上限 90 天）');
  await expect(warning).toContainText('王芳');
  await openOn(page, '2027-02-14', '#/pool');
  await expect(page.locator('table.pool-warnings tbody tr')).toHaveCount(1);
  await expect(page.locator('table.pool-list')).toHaveCount(0);

  // Day 90, opening the app: recycled, said so, and undoable.
  await openOn(page, '2027-02-20', '#/pool');
  await expect(page.locator('.notice.pool-recycled')).toContainText('1 个客户已回收到公海');
  const row = page.locator('table.pool-list tbody tr', { hasText: '华东机电' });
  await expect(row).toContainText('王芳');
  await expect(row).toContainText('90 天未跟进（上限 90 天）');
  await page.locator('.notice.pool-recycled button', { hasText: '撤销' }).click();
  await expect(page.locator('table.pool-list')).toHaveCount(0);
  await expect(page.locator('table.pool-warnings tbody tr')).toHaveCount(0);

  // Opening again recycles again: the rules are what they are until a manager changes them.
  await openOn(page, '2027-02-20', customerUrl);
  await page.reload();
  await expect(page.locator('.notice.pool-recycled')).toBeVisible();
  await expect(page.locator('.in-pool')).toBeVisible();
  const entry = page.locator('ol.timeline li.entry.relationships').first();
  await expect(entry).toContainText('回收到公海：王芳已 90 天未跟进（上限 90 天）');
  await expect(entry.locator('button')).toHaveCount(0);
  await page.locator('nav a[href="#/"]').click();
  await expect(page.locator('a.stat-link[href="#/pool"] .stat-value')).toHaveText('1');

  // The previous owner is barred for 30 days; a colleague claims it.
  await openOn(page, '2027-02-25', '#/pool');
  await page.locator('.claim-bar select[name="staff"]').selectOption({ label: '王芳' });
  await row.locator('button', { hasText: '领取' }).click();
  await expect(page.locator('.claim-bar .form-error')).toContainText('2027年3月22日之前不能再领取');
  await page.locator('.claim-bar select[name="staff"]').selectOption({ label: '李娜' });
  await expect(page.locator('.claim-bar')).toContainText('当前负责 0 个客户，上限 300 个');
  await row.locator('button', { hasText: '领取' }).click();
  await expect(page.locator('.notice.ok')).toContainText('已领取');
  await expect(page.locator('table.pool-list')).toHaveCount(0);

  await page.reload();
  await openOn(page, '2027-02-25', customerUrl);
  await expect(page.locator('.in-pool')).toHaveCount(0);
  await expect(page.locator('ul.team li').first()).toContainText('李娜');
  await expect(page.locator('ol.timeline li.entry.relationships').first()).toContainText('李娜从公海领取');
  expect(errors).toEqual([]);
});

test('a locked customer stays with its owner when the rules exempt locked customers', async ({ page }) => {
  const errors = watchErrors(page);
  const day0 = '2026-11-22';
  await openOn(page, day0, '#/settings');
  await page.locator('section.pool-settings input[name="pool_enabled"]').check();
  await expect(page.locator('.notice.ok')).toContainText('团队设置已保存');
  await openOn(page, day0, '#/staff');
  await addStaff(page, '赵磊');
  await addCustomer(page, day0, '西南建材', 'C', '赵磊', true);

  await openOn(page, '2027-06-01', '#/pool');
  await expect(page.locator('table.pool-list')).toHaveCount(0);
  await expect(page.locator('.notice.pool-recycled')).toHaveCount(0);
  // Unlocked, the same customer returns to the pool on the next opening.
  await openOn(page, '2027-06-01', '#/customers');
  await page.locator('table.customers a', { hasText: '西南建材' }).click();
  await page.locator('button', { hasText: '编辑' }).first().click();
  await page.locator('form.form input[name="locked"]').uncheck();
  await page.locator('form.form:has(input[name="locked"]) button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible();
  await openOn(page, '2027-06-01', '#/pool');
  await page.reload();
  await expect(page.locator('.notice.pool-recycled')).toContainText('1 个客户');
  await expect(page.locator('table.pool-list tbody tr', { hasText: '西南建材' })).toContainText('天未跟进（上限 120 天）');
  expect(errors).toEqual([]);
});

// Issue 15.12: before, switching the rules on for the sample book moved 63 of 200
// customers at the next opening — cannot-lose ones among them — without asking.
test('switching the rules on for a full book asks first, listing exactly who would return', async ({ page }) => {
  const errors = watchErrors(page);
  await openOn(page, '2026-11-22', '#/');
  await page.locator('button[data-sample="s"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible({ timeout: 60_000 });
  await openOn(page, '2026-11-22', '#/settings');
  await page.locator('section.pool-settings input[name="pool_enabled"]').check();
  await expect(page.locator('.notice.ok')).toContainText('团队设置已保存');
  await page.reload();
  await expect(page.locator('.notice.pool-asks')).toContainText('需要先确认');
  await openOn(page, '2026-11-22', '#/pool');
  await expect(page.locator('table.pool-list')).toHaveCount(0);
  const ask = page.locator('section.pool-ask');
  const count = Number(await ask.getAttribute('data-count'));
  expect(count).toBeGreaterThan(5);
  await expect(ask.locator('.reasons')).toContainText('规则刚开启或修改过');
  await expect(ask.locator('table.pool-due tbody tr')).toHaveCount(count);
  // Nothing moved by opening the app again.
  await page.reload();
  await expect(page.locator('table.pool-list')).toHaveCount(0);
  await ask.locator('button[name="pool-confirm"]').click();
  await expect(page.locator('.notice.pool-recycled')).toContainText(`${count} 个客户已回收到公海`);
  await expect(page.locator('table.pool-list tbody tr')).toHaveCount(Math.min(count, 100));
  await expect(page.locator('section.pool-ask')).toHaveCount(0);
  // The notice fades; the undo stays on the pool page.
  await page.locator('.notice.pool-recycled button[aria-label]').click();
  await expect(page.locator('.recycle-undo')).toContainText(`收回了 ${count} 个客户`);
  await page.locator('.recycle-undo button[name="undo-recycle"]').click();
  await expect(page.locator('.notice.ok')).toContainText('已撤销');
  await expect(page.locator('table.pool-list')).toHaveCount(0);
  await expect(page.locator('.recycle-undo')).toHaveCount(0);
  expect(errors).toEqual([]);
});
