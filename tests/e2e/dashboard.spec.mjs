// Issue: the dashboard tells the state of the book at a glance, in charts drawn by the app.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';

test('the dashboard draws its charts for the sample book, in both languages', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/');
  const charts = page.locator('.charts figure.chart');
  // No win-back case yet: the causes card says so instead of drawing an empty chart.
  await expect(charts).toHaveCount(6);
  await expect(page.locator('.charts .card.causes')).toContainText('还没有挽回案例');
  await expect(charts.nth(0).locator('rect.chart-bar')).toHaveCount(4);
  await expect(charts.nth(1).locator('rect.chart-bar')).toHaveCount(12);
  // Every active rep with customers has a bar of the book's revenue.
  await expect(charts.nth(2).locator('rect.chart-bar')).not.toHaveCount(0);
  await expect(charts.nth(3).locator('rect.chart-bar')).toHaveCount(12);
  await expect(charts.nth(5).locator('rect.chart-bar')).toHaveCount(5);
  await expect(charts.nth(0).locator('text.chart-label').nth(3)).toHaveText('危急');
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
