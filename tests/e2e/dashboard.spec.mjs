// Issue: the dashboard tells the state of the book at a glance, in charts drawn by the app.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';

test('the dashboard draws its charts for the sample book, in both languages', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/');
  const charts = page.locator('.charts figure.chart');
  // The sample's win-back cases (issue 19.2) draw the causes chart.
  await expect(charts).toHaveCount(7);
  await expect(page.locator('.charts .card.causes rect.chart-bar').first()).toBeVisible();
  await expect(charts.nth(0).locator('rect.chart-bar')).toHaveCount(4);
  await expect(charts.nth(1).locator('rect.chart-bar')).toHaveCount(12);
  // Every active rep with customers has a bar of the book's revenue.
  await expect(charts.nth(2).locator('rect.chart-bar')).not.toHaveCount(0);
  await expect(charts.nth(3).locator('rect.chart-bar')).toHaveCount(12);
  await expect(charts.nth(6).locator('rect.chart-bar')).toHaveCount(5);
  await expect(charts.nth(0).locator('text.chart-label').nth(3)).toHaveText('危急');
  // Issue 19, points 1–2: this month's revenue is marked as so far, not drawn as a collapse;
  // churn reads customers who stopped buying (not 0.0 % in every month) and says how; a
  // month with no win-back case closed has no rate ("—"), not 0 %.
  await expect(charts.nth(1).locator('text.chart-label').last()).toHaveText('11月');
  await expect(charts.nth(1).locator('rect.chart-bar.so-far')).toHaveCount(1);
  await expect(charts.nth(1).locator('.so-far-legend')).toHaveText('虚线柱：本月至今，还没过完。');
  const churn = await charts.nth(3).locator('text.chart-value').allTextContents();
  expect(churn.filter((v) => v !== '0.0%').length).toBeGreaterThanOrEqual(8);
  await expect(page.locator('.card.churn .chart-note')).toContainText('流失率 = 当月流失的客户 ÷ 月初的活跃客户');
  const rates = await charts.nth(4).locator('text.chart-value').allTextContents();
  expect(rates.length).toBe(12);
  expect(rates.every((v) => v === '—' || /^\d+%$/.test(v))).toBe(true);
  expect(rates.filter((v) => /^\d+%$/.test(v)).length).toBeGreaterThanOrEqual(3);
  // The status counts say they are statuses (not the score's bands) and lead to the list.
  await expect(page.locator('a.customers-tile')).toHaveAttribute('href', '#/customers');
  await expect(page.locator('a.customers-tile')).toContainText(/按状态：有风险 \d+ · 已流失 \d+ · 已挽回 [1-9]/);
  // Every customer with the status 已挽回 came back through a case: the two counts agree.
  const wonBack = (await page.locator('a.customers-tile').innerText()).match(/已挽回 (\d+)/)[1];
  await expect(page.locator('a.stat-link', { hasText: '已记录的流失损失' })).toContainText(new RegExp(`挽回案例：进行中 [1-9]\\d* · 已挽回 ${wonBack}(?!\\d)`));
  await expect(page.locator('a.stat-link', { hasText: '逾期待办' }).locator('.stat-value')).not.toHaveText('0');
  await expect(page.locator('a.stat-link', { hasText: '风险价值' }).locator('.stat-value')).toContainText('万');
  // A change is told by an arrow and words, never by colour alone.
  await expect(page.locator('.stat', { hasText: '近 12 个月销售额' })).toContainText(/[↑↓→] \d+%（较上年(增加|减少|持平)）/);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(charts.nth(0).locator('text.chart-label').nth(3)).toHaveText('Critical');
  await expect(charts.nth(1).locator('text.chart-label').last()).toHaveText('Nov');
  await expect(page.locator('a.stat-link', { hasText: 'Value at risk' }).locator('.stat-value')).toHaveText(/^¥[\d.,]+[KM]$/);
  expect(errors).toEqual([]);
});

// Issue 16.8: before, `today` was read once at start, so a tablet left open overnight
// showed yesterday's agenda, pool clocks and risk in the morning.
test('a page left open overnight moves to the new day on the clock', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.install({ time: new Date('2026-11-22T23:58:00') });
  await page.goto('./#/');
  await page.locator('button[data-sample="s"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible({ timeout: 60_000 });
  await page.goto('./#/settings');
  await expect(page.locator('dd.today')).toHaveText('2026-11-22');
  await page.clock.runFor(3 * 60_000);
  await expect(page.locator('dd.today')).toHaveText('2026-11-23');

  // A week later the page is shown again: the backup reminder, counted from the day
  // the sample was loaded, is due.
  await page.goto('./#/');
  await expect(page.locator('.backup-reminder .due')).toHaveCount(0);
  await page.clock.setSystemTime(new Date('2026-11-30T08:00:00'));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.locator('.backup-reminder .due')).toContainText('自 2026-11-22 起');
  expect(errors).toEqual([]);
});
