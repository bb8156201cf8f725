// Issue: the daily agenda — birthdays, lunar festivals on the right day, and marking done.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, loadSample, watchErrors, TODAY } from './helpers.mjs';

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
  // The person chosen is in the address (issue 18.7): a reload comes back to their agenda.
  await expect(page).toHaveURL(/#\/agenda\?person=\d+$/);
  await expect(task).toHaveCount(1);
  // Not this week (issue 18.2): a week later, one undo brings it back.
  const due = await task.getAttribute('data-due');
  const weekOn = new Date(`${due > TODAY ? due : TODAY}T00:00:00Z`);
  weekOn.setUTCDate(weekOn.getUTCDate() + 7);
  await task.locator('button.snooze').click();
  await expect(page.locator('.notice.ok')).toContainText('已推迟一周');
  await expect(task).toHaveAttribute('data-due', weekOn.toISOString().slice(0, 10));
  await page.locator('.notice.ok').getByRole('button', { name: '撤销' }).click();
  await expect(task).toHaveAttribute('data-due', due);
  const text = await task.locator('p').first().innerText();
  await task.locator('button.done').click();
  await expect(page.locator('li.agenda-entry[data-kind="task"]', { hasText: customer })).toHaveCount(0);
  await page.reload();
  await expect(page.locator('select[name="person"] option:checked')).toHaveText(owner);
  await expect(page.locator('li.agenda-entry[data-kind="task"]', { hasText: customer })).toHaveCount(0);
  await page.locator('select[name="person"]').selectOption({ index: 0 });
  await expect(page).toHaveURL(/#\/agenda(\?person=team)?$/);
  await page.reload();
  await expect(page.locator('select[name="person"] option:checked')).toHaveText('全体团队');
  await open(page, '#/risk');
  await page.locator('table.register-table tbody tr td.name a', { hasText: customer }).first().click();
  await expect(page.locator('ol.timeline li').first()).toContainText(text);
});

// Issue 18.1: a next contact (下次联系日期) used to be write-only: no agenda item, not on
// the timeline, not in the CSV. Now it comes back on its day and travels by CSV.
test('a next contact agreed at a visit is on the timeline, in the agenda on its day, and goes out and back in by CSV', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const customer = '宁波约定贸易有限公司';
  await at(page, '2026-11-22', '#/customers');
  await page.getByRole('button', { name: '添加客户' }).click();
  await page.locator('form.form input[name="name"]').fill(customer);
  await page.locator('form.form button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(customer);
  const customerUrl = new URL(page.url()).hash;
  await page.locator('.quick-log input[name="summary"]').fill('客户要新报价');
  await page.locator('.quick-log input[name="next_contact"]').fill('2026-11-30');
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible();
  // Newest first: the visit stays the last entry that mentions it.
  const visits = page.locator('ol.timeline li', { hasText: '客户要新报价' });
  const visit = visits.last();
  await expect(visit.locator('.next-contact')).toHaveAttribute('data-state', 'open');
  await expect(visit.locator('.next-contact')).toHaveText('下次联系 2026-11-30');

  // Eight days ahead it waits under "later"; on the day it is today's.
  await at(page, '2026-11-22', '#/agenda');
  const promise = (section) => page.locator(`section[data-section="${section}"] li.agenda-entry[data-kind="next_contact"]`, { hasText: customer });
  // Overdue entries are folded by kind, fifty at a time: open the agreed follow-ups.
  const overdue = async () => {
    const group = page.locator('section[data-section="overdue"] details.agenda-group[data-kind="next_contact"]');
    if (await group.count()) {
      if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
      const more = group.locator('button.more');
      while ((await promise('overdue').count()) === 0 && (await more.count()) > 0) await more.click();
    }
    return promise('overdue');
  };
  await expect(promise('later')).toHaveAttribute('data-due', '2026-11-30');
  await at(page, '2026-11-30', '#/agenda');
  await expect(promise('today')).toContainText('约定联系');
  await expect(promise('today')).toContainText('按2026年11月22日拜访时的约定，再次联系。上次：客户要新报价');
  // Missed: overdue in the agenda and marked on the timeline.
  await at(page, '2026-12-02', '#/agenda');
  await expect(await overdue()).toHaveCount(1);
  await at(page, '2026-12-02', customerUrl);
  await expect(visit.locator('.next-contact')).toHaveAttribute('data-state', 'missed');
  await expect(visit.locator('.next-contact')).toContainText('已错过');

  // Out by CSV with its column, the visit deleted, back in from the file: it is due again.
  await at(page, '2026-12-02', '#/data');
  await page.locator('select[name="export_kind"]').selectOption('interactions');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-list').click()]);
  const lines = fs.readFileSync(await download.path()).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toContain('下次联系日期');
  const ours = lines.filter((l) => l.includes(customer));
  expect(ours).toHaveLength(1);
  expect(ours[0]).toContain('2026-11-30');
  await at(page, '2026-12-02', customerUrl);
  page.once('dialog', (d) => d.accept());
  await visit.getByRole('button', { name: '删除' }).click();
  await expect(visits).toHaveCount(0);
  await at(page, '2026-12-02', '#/agenda');
  await expect(await overdue()).toHaveCount(0);
  await at(page, '2026-12-02', '#/data');
  await page.locator('select[name="import_kind"]').selectOption('interactions');
  const csv = `${lines[0]}\r\n${ours[0]}\r\n`;
  await page.locator('input[name="csv"]').setInputFiles({ name: 'follow-ups.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('button.preview-import').click();
  await expect(page.locator('.import-preview')).toHaveAttribute('data-valid', '1');
  await page.locator('button.confirm-import').click();
  await expect(page.locator('.notice.ok')).toContainText('导入完成');
  await at(page, '2026-12-02', '#/agenda');
  await expect(await overdue()).toHaveAttribute('data-due', '2026-11-30');
  // Getting back keeps it: ticked off from the agenda, it leaves and the timeline says when.
  await promise('overdue').locator('button.done').click();
  await expect(page.locator('.notice.ok')).toContainText('已完成');
  await expect(promise('overdue')).toHaveCount(0);
  await at(page, '2026-12-02', customerUrl);
  await expect(visit.locator('.next-contact')).toHaveAttribute('data-state', 'kept');
  await expect(visit.locator('.next-contact')).toContainText('2026-12-02 已跟进');
  expect(errors).toEqual([]);
});

// Issue 18.2: the sample team's agenda opened on 282 overdue entries from 2024, with
// today's work after fifty stale ones. Today and this week come first now; what is
// overdue is folded by kind, the kind with the most value at risk first.
test('the agenda opens on today: overdue entries are folded by kind, most at stake first', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/agenda');
  const sections = page.locator('section.agenda-section');
  await expect(sections.first()).toHaveAttribute('data-section', 'today');
  await expect(sections.nth(1)).toHaveAttribute('data-section', 'this_week');
  await expect(sections.nth(2)).toHaveAttribute('data-section', 'overdue');
  await expect(page.locator('.stats .stat').first()).toContainText('今天');
  const overdue = page.locator('section[data-section="overdue"]');
  const groups = overdue.locator('details.agenda-group');
  expect(await groups.count()).toBeGreaterThan(2);
  // Folded: no overdue entry is on screen until its kind is opened.
  await expect(overdue.locator('li.agenda-entry').first()).toBeHidden();
  const total = Number((await overdue.locator('h2').innerText()).match(/\d+/)[0]);
  const counts = (await groups.locator('.group-count').allInnerTexts()).map((t) => Number(t.match(/\d+/)[0]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  // ¥12.3万 → 123000: each kind has at most as much at stake as the one above it.
  const yuan = (t) => {
    const m = t.replace(/,/g, '').match(/¥([\d.]+)(万|亿)?/);
    return m ? Number(m[1]) * ({ 万: 1e4, 亿: 1e8 }[m[2]] || 1) : 0;
  };
  const descending = (values) => {
    for (let i = 1; i < values.length; i += 1) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
  };
  descending((await groups.locator('summary').allInnerTexts()).map(yuan));
  await groups.first().locator('summary').click();
  await expect(groups.first().locator('li.agenda-entry').first()).toBeVisible();
  await expect(groups.first().locator('li.agenda-entry').first()).toHaveClass(/overdue/);
  // Inside a kind, the customer with the most at stake first, not the oldest entry.
  const entries = groups.first().locator('li.agenda-entry');
  const stakes = await entries.evaluateAll((lis) => lis.map((li) => li.querySelector('.at-stake')?.textContent || ''));
  expect(stakes.filter(Boolean).length).toBeGreaterThan(1);
  descending(stakes.map(yuan));
  expect(errors).toEqual([]);
});

// Issue 18, point 2: greetings can be done in bulk. Mid-Autumn asked a rep to greet every
// A and B customer one by one; one tap now logs the greeting for each customer left.
test('a festival is greeted in one tap for every customer still to greet, and one undo takes it back', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await at(page, '2026-09-20', '#/agenda');
  const festival = page.locator('li.agenda-entry[data-kind="festival"]', { hasText: '中秋节' });
  const button = festival.locator('button.greet-all');
  const left = Number((await button.innerText()).match(/\d+/)[0]);
  expect(left).toBeGreaterThan(5);
  const progress = async () => (await festival.locator('p').first().innerText()).match(/\d+/g).map(Number);
  const [customers, greeted] = await progress();
  expect(customers - greeted).toBe(left);
  await button.click();
  await expect(page.locator('.notice.ok')).toContainText('已为每位客户记下问候');
  await expect(button).toHaveCount(0);
  await expect.poll(async () => { const [c, g] = await progress(); return c - g; }).toBe(0);
  await page.locator('.notice.ok').getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.notice.ok')).toContainText('已撤销');
  await expect(button).toHaveText(`给其余 ${left} 位客户各记一条问候`);
  // For one person, only that person's customers.
  await page.locator('select[name="person"]').selectOption({ index: 1 });
  const mine = Number((await button.innerText()).match(/\d+/)[0]);
  expect(mine).toBeLessThan(left);
  expect(errors).toEqual([]);
});

// Issue 18.2: the team may give each person at most so many routine contacts a day; the
// backlog then waits for the next days instead of sitting overdue all at once.
test('routine contacts capped per person per day wait for the next days', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/agenda');
  const overdueRoutine = page.locator('section[data-section="overdue"] details.agenda-group[data-kind="contact_cadence"] .group-count');
  const count = async () => ((await overdueRoutine.count()) ? Number((await overdueRoutine.innerText()).match(/\d+/)[0]) : 0);
  const before = await count();
  expect(before).toBeGreaterThan(24);
  // The backlog waits in the team's week, folded by kind; one person's week is short.
  const week = page.locator('section[data-section="this_week"]');
  await expect(week.locator('details.agenda-group[data-kind="contact_cadence"]')).toHaveCount(1);
  await expect(week.locator('details.agenda-group[data-kind="contact_cadence"]')).not.toHaveAttribute('open', '');
  await page.locator('select[name="person"]').selectOption({ index: 1 });
  await expect(week.locator('details.agenda-group')).toHaveCount(0);

  await open(page, '#/settings');
  const cap = page.locator('.risk-settings label.setting', { hasText: '每人每天最多例行联系' }).locator('input');
  // On by default (issue 18.2): eight a person a day.
  await expect(cap).toHaveValue('8');
  await cap.fill('2');
  await cap.dispatchEvent('change');
  await expect(page.locator('.notice.ok')).toContainText('团队设置已保存');
  // The settings' labels follow a language switch.
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.locator('.risk-settings label.setting', { hasText: 'Routine contacts per person per day' }).locator('input')).toHaveValue('2');
  await page.getByRole('button', { name: '简体中文' }).first().click();
  await expect(cap).toHaveValue('2');
  await open(page, '#/agenda');
  const after = await count();
  expect(after).toBeLessThan(before);
  // At most two a person by today: with 12 people, 24 at most are still overdue.
  expect(after).toBeLessThanOrEqual(24);
  await expect(page.locator('section[data-section="this_week"] h2')).toBeVisible();
  await page.reload();
  await expect.poll(count).toBe(after);
  expect(errors).toEqual([]);
});

// Issue 18.2: a routine entry (a contact by the tier's cadence, a birthday) is put off a
// week or let go with the rep's reason, one tap each, one undo; the choice is kept across
// a reload, and a cadence contact let go comes back a cycle later.
test('a routine entry is put off a week or let go with a reason, and stays so after a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/agenda');
  const group = page.locator('section[data-section="overdue"] details.agenda-group', { has: page.locator('li.agenda-entry[data-kind="contact_cadence"]') });
  await group.locator(':scope > summary').click();
  const first = group.locator('li.agenda-entry[data-kind="contact_cadence"]').first();
  const customer = await first.locator('.what a').first().innerText();
  const customerHash = new URL(await first.locator('.what a').first().evaluate((a) => a.href)).hash;
  const entry = (root) => root.locator('li.agenda-entry[data-kind="contact_cadence"]', { has: page.locator('.what a', { hasText: customer }) });
  await expect(entry(page)).toHaveCount(1);
  await entry(page).locator('button.snooze').click();
  await expect(page.locator('.notice.ok')).toContainText('已推迟一周');
  const weekOn = new Date(`${TODAY}T00:00:00Z`);
  weekOn.setUTCDate(weekOn.getUTCDate() + 7);
  const later = page.locator('section[data-section="later"]');
  await expect(entry(later)).toHaveAttribute('data-due', weekOn.toISOString().slice(0, 10));
  await page.reload();
  await expect(entry(page.locator('section[data-section="later"]'))).toHaveCount(1);
  await expect(entry(page.locator('section[data-section="overdue"]'))).toHaveCount(0);

  // Let go: the reasons are one tap away; the entry goes, one undo brings it back.
  const moved = entry(page.locator('section[data-section="later"]'));
  await moved.locator('button.let-go-open').click();
  await expect(moved.locator('.let-go .reasons button')).toHaveText(['客户要求少联系', '已用其他方式联系', '不适用于这位客户']);
  await moved.locator('.let-go button[data-reason="customer_asked"]').click();
  await expect(page.locator('.notice.ok')).toContainText('一个周期后再提醒');
  await expect(entry(page)).toHaveCount(0);
  await page.locator('.notice.ok').getByRole('button', { name: '撤销' }).click();
  await expect(entry(page)).toHaveCount(1);
  await entry(page).locator('button.let-go-open').click();
  await entry(page).locator('.let-go button[data-reason="customer_asked"]').click();
  await expect(entry(page)).toHaveCount(0);
  await page.reload();
  await expect(page.locator('section.agenda-section').first()).toBeVisible();
  await expect(entry(page)).toHaveCount(0);
  // The customer's page says what was let go, why, and when it comes back.
  await open(page, customerHash);
  const why = page.locator('ol.timeline li.deferrals');
  await expect(why).toHaveCount(1);
  await expect(why).toContainText(/例行联系不必办：客户要求少联系，\d{4}年\d{1,2}月\d{1,2}日再提醒/);
  await expect(why.locator('button', { hasText: '编辑' })).toHaveCount(0);
  // A cycle on (at most 90 days), the customer is due again: no one has called.
  await page.goto(`/?today=2027-03-01#/agenda`);
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(entry(page)).toHaveCount(1);

  // A birthday happens once: let go, it does not come back that year.
  await page.goto(`/?today=${TODAY}#/agenda`);
  await expect(page.locator('main .loading')).toHaveCount(0);
  const birthday = page.locator('section:is([data-section="today"],[data-section="this_week"]) li.agenda-entry[data-kind="birthday"]').first();
  const who = await birthday.locator('p').first().innerText();
  await birthday.locator('button.let-go-open').click();
  await birthday.locator('.let-go button[data-reason="in_touch_otherwise"]').click();
  await expect(page.locator('.notice.ok')).toContainText('这一次不再提醒');
  await expect(page.locator('li.agenda-entry[data-kind="birthday"]', { hasText: who })).toHaveCount(0);
  expect(errors).toEqual([]);
});
