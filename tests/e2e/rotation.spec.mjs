// Issue: the rotation and handover planner — a rep leaves, the plan is reviewed, one line
// overridden, applied; owners change and the checklists land in the successors' agendas.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, loadSample, watchErrors } from './helpers.mjs';

test('plan a departure, override a line, apply, and follow the handover in the agenda', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  // The active rep with the most customers leaves at the end of the year.
  await open(page, '#/rotation');
  const stake = page.locator('.concentration tbody tr');
  await expect(stake.first()).toBeVisible();
  const counts = await stake.evaluateAll((trs) => trs.map((tr) => ({
    name: tr.querySelector('td a').textContent.trim(),
    customers: Number(tr.querySelectorAll('td')[1].textContent),
  })));
  await open(page, '#/staff');
  const active = await page.locator('table.list tbody tr', { hasText: '在职' }).evaluateAll((trs) => trs.map((tr) => tr.querySelector('td a').textContent.trim()));
  const leaver = counts.filter((c) => active.includes(c.name)).sort((a, b) => b.customers - a.customers)[0];
  expect(leaver.customers).toBeGreaterThan(5);
  await page.locator('table.list tbody tr', { hasText: leaver.name }).locator('td a').click();
  await page.locator('input[name="leaving_on"]').fill('2026-12-31');
  await page.locator('button[data-status="leaving"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible();

  await open(page, '#/rotation');
  await page.locator('select[name="leaver"]').selectOption({ label: `${leaver.name} · 2026年12月31日离职` });
  const rows = page.locator('table.plan-table tbody tr');
  await expect(rows).toHaveCount(leaver.customers);
  await expect(rows.first().locator('td.why li').first()).not.toBeEmpty();
  await expect(page.locator('.plan-summary')).toContainText(`${leaver.customers}位客户转交`);
  // On a tablet every line is a card: its reasons and its successor choice are on screen,
  // nothing to scroll sideways for (issue 18.8).
  await page.setViewportSize({ width: 820, height: 1180 });
  for (const cell of ['td.why', 'td.successor select', 'td.cost']) {
    const box = await rows.first().locator(cell).boundingBox();
    expect(box.x + box.width, cell).toBeLessThanOrEqual(820);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  await page.setViewportSize({ width: 1024, height: 768 });

  // Override the first line with its first alternative: it is pinned and the rest re-solved.
  const first = rows.first();
  const customer = await first.getAttribute('data-customer');
  const options = first.locator('select[name="successor"] option');
  expect(await options.count()).toBeGreaterThan(1);
  // Each alternative says why it costs more; everyone else who may take it is there too
  // (issue 19, point 4), not only the cheapest few.
  await expect(options.nth(1)).toHaveText(/^\S+ \(\d+：.+）/);
  expect(await first.locator('select[name="successor"] optgroup option').count()).toBeGreaterThan(0);
  // … and found by name (or pinyin) rather than scrolled for: the others narrow to who matches.
  const other = (await first.locator('select[name="successor"] optgroup option').first().innerText()).trim();
  const find = page.locator('input[name="find-successor"]');
  await find.fill(other);
  await expect(page.locator('.found-successors')).toContainText('匹配的');
  const narrowed = await first.locator('select[name="successor"] optgroup option').allInnerTexts();
  expect(narrowed.length).toBeGreaterThan(0);
  expect(narrowed.every((name) => name.includes(other))).toBe(true);
  await find.fill('qqqzzz');
  await expect(page.locator('.found-successors')).toContainText('匹配的 0 人');
  await expect(first.locator('select[name="successor"] optgroup')).toHaveCount(0);
  await find.fill('');
  await expect(page.locator('.found-successors')).toHaveCount(0);
  expect(await first.locator('select[name="successor"] optgroup option').count()).toBeGreaterThan(0);
  const chosen = await options.nth(1).getAttribute('value');
  const chosenName = (await options.nth(1).innerText()).replace(/\s*\(.*$/, '');
  await first.locator('select[name="successor"]').selectOption(chosen);
  const pinned = page.locator(`table.plan-table tbody tr[data-customer="${customer}"]`);
  await expect(pinned).toHaveClass(/pinned/);
  await expect(pinned).toHaveAttribute('data-to', chosen);
  const plan = await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.customer, tr.dataset.to]));

  // The plan as reviewed exports for Excel: BOM, one line per customer, the override kept.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-plan').click()]);
  expect(download.suggestedFilename()).toBe('liuke-plan-2026-11-22.csv');
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(csv[0]).toBe('客户名称,价值（元）,风险,原负责人,接任人,成本,理由');
  expect(csv.length).toBe(leaver.customers + 1);
  expect(csv.some((line) => line.includes(chosenName))).toBe(true);

  // The leaver keeps read-only access 30 days after leaving by default; the manager picks a date.
  await expect(page.locator('input[name="former_until"]')).toHaveValue('2027-01-30');
  await page.locator('input[name="former_until"]').fill('2027-02-15');
  // Applying first shows who takes how many customers and how much value (issue 19, point 4).
  await page.locator('button.apply-plan').click();
  const takers = page.locator('.apply-summary table.takers tbody tr');
  await expect(takers.first()).toBeVisible();
  const taken = await takers.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.customers)));
  expect(taken.reduce((a, b) => a + b, 0)).toBe(leaver.customers);
  expect(Math.max(...taken) * 2).toBeLessThanOrEqual(leaver.customers);
  await page.locator('.apply-summary button.confirm-apply').click();
  await expect(page.locator('.notice.ok')).toContainText('方案已执行');
  await page.reload();
  await page.locator('select[name="leaver"]').selectOption({ label: `${leaver.name} · 2026年12月31日离职` });
  await expect(page.locator('p.hint', { hasText: '没有需要转交的客户' })).toBeVisible();

  // Owners changed as planned, including the overridden line.
  await page.goto(`/?today=2026-11-22#/customers/${customer}`);
  await expect(page.locator('.team')).toContainText(chosenName);
  // The leaver stays on the team, read-only, until the chosen date.
  await expect(page.locator('.former-team')).toContainText(`${leaver.name} · 原负责人（只读，至2027年2月15日）`);
  await expect(page.locator('ol.timeline li.handovers').first()).toContainText(`→ ${chosenName}`);
  await expect(page.locator('.customer-risk ul.reasons')).toContainText('交接');
  // The drafted note to the customer is edited before it is sent: at most 200 characters.
  const note = page.locator('.handovers textarea[name="handover_message"]').first();
  await expect(note).not.toHaveValue('');
  await note.fill('好'.repeat(201));
  await page.locator('.handovers button[name="save-message"]').first().click();
  await expect(page.locator('.handover-message .field-error').first()).toContainText('200');
  await note.fill(`您好，今后由${chosenName}为您服务，有事随时联系。`);
  await page.locator('.handovers button[name="save-message"]').first().click();
  await expect(page.locator('.notice.ok')).toContainText('交接留言已保存');
  await page.reload();
  await expect(page.locator('.handovers textarea[name="handover_message"]').first()).toHaveValue(`您好，今后由${chosenName}为您服务，有事随时联系。`);
  // The successor's agenda holds the checklist of that customer.
  await open(page, '#/agenda');
  await page.locator('select[name="person"]').selectOption({ label: chosenName });
  const steps = page.locator('section[data-section="later"] li.agenda-entry[data-kind="handover_step"]');
  await expect(steps.first()).toBeVisible();
  const more = page.locator('section[data-section="later"] button.more');
  while (await more.count()) await more.click();
  const check = steps.filter({ hasText: '30天满意度回访' }).filter({ hasText: `→ ${chosenName}` });
  await expect(check.first()).toHaveAttribute('data-due', '2027-01-30');
  expect(plan.length).toBe(leaver.customers);

  // The customer refuses the successor: the customer goes back into the plan.
  await page.goto(`/?today=2026-11-22#/customers/${customer}`);
  const card = page.locator('.handovers .handover').first();
  await expect(card).toHaveAttribute('data-status', 'waiting');
  await card.locator('.checklist input[type="checkbox"]').first().check();
  await expect(page.locator('.notice.ok')).toContainText('交接已更新');
  await expect(page.locator('.handovers .checklist li').first()).toHaveClass(/done/);
  await page.locator('.handovers select[name="handover_status"]').first().selectOption('refused');
  await expect(page.locator('.handovers .handover').first()).toHaveAttribute('data-status', 'refused');
  await open(page, '#/rotation');
  await page.locator('select[name="leaver"]').selectOption({ label: `${leaver.name} · 2026年12月31日离职` });
  await expect(page.locator('table.plan-table tbody tr')).toHaveCount(1);
  await expect(page.locator(`table.plan-table tbody tr[data-customer="${customer}"]`)).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('the rotation policy per tier decides who rotates periodically', async ({ page }) => {
  await loadSample(page);
  await open(page, '#/rotation');
  await page.locator('select[name="mode"]').selectOption('periodic');
  const rows = page.locator('table.plan-table tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().locator('.band')).toBeVisible();
  const before = await rows.count();
  await open(page, '#/settings');
  await page.locator('input[name="rotate_B"]').uncheck();
  await page.locator('input[name="rotate_C"]').uncheck();
  await open(page, '#/rotation');
  await page.locator('select[name="mode"]').selectOption('periodic');
  await expect(page.locator('p.hint', { hasText: '没有需要转交的客户' })).toBeVisible();
  await open(page, '#/settings');
  await page.locator('.rotation-settings button', { hasText: '恢复默认设置' }).click();
  await open(page, '#/rotation');
  await page.locator('select[name="mode"]').selectOption('periodic');
  await expect(rows).toHaveCount(before);
});
