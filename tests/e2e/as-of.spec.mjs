// Issue 25, points 1–2: a manager looks at the book as of another day from Settings; every
// page says so, the figures count only what had happened by then, the day stays in the
// address through a reload, and "back to today" counts everything again. On real CDNOW
// histories imported as CSV, with orders on both sides of the day.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { watchErrors } from './helpers.mjs';
import { cdnowCsvFiles, cdnowName } from './cdnow.mjs';

const TODAY = '1998-06-30';
const DAY = '1997-10-01';

const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const number = async (locator) => Number((await locator.innerText()).replace(/[^\d]/g, ''));

test('looking at the book as of a day counts only what had happened by then, on every page, until back to today', async ({ page }, info) => {
  const errors = watchErrors(page);
  fs.mkdirSync(info.outputDir, { recursive: true });
  const { rows, ids, customers, orders } = cdnowCsvFiles(info.outputDir, 300);
  const name = cdnowName;
  await page.goto(`?today=${TODAY}#/data`);
  await expect(page.locator('main .loading')).toHaveCount(0);
  for (const [kind, file] of [['customers', customers], ['orders', orders]]) {
    await page.locator('select[name="import_kind"]').selectOption(kind);
    await page.locator('input[name="csv"]').setInputFiles(file);
    await page.locator('button.preview-import').click();
    await expect(page.locator('.import-preview')).toBeVisible();
    await page.locator('button.confirm-import').click();
    await expect(page.locator('.notice.ok')).toContainText('导入完成');
  }

  // The counts the figures must show, made here from the raw rows.
  const later = rows.filter(([, date]) => date > DAY).length;
  const yearTo = (day) => rows.filter(([, date]) => date <= day && date > addDays(day, -365)).length;
  expect(later).toBeGreaterThan(0);
  expect(yearTo(DAY)).not.toBe(yearTo(TODAY));

  // Nothing says "as of" while the book is looked at today.
  await page.goto(`?today=${TODAY}#/settings`);
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(page.locator('.as-of')).toHaveCount(0);
  // A day after today is refused in words; a past day is taken.
  const day = page.locator('input[name="as-of"]');
  await day.fill('1998-07-01');
  await page.locator('.as-of-setting button[type="submit"]').click();
  await expect(page.locator('.as-of-setting .field-error')).toHaveText('只能回看今天或以前的日期。');
  await day.fill(DAY);
  await page.locator('.as-of-setting button[type="submit"]').click();
  const bar = page.locator('.notice.as-of');
  await expect(bar.locator('.as-of-day')).toHaveText(`按 ${DAY} 查看`);
  await expect(bar.locator('.as-of-later')).toHaveText(`另有 ${later.toLocaleString('en-US')} 笔订单晚于该日期，未计入`);
  expect(page.url()).toContain(`asof=${DAY}`);
  expect(page.url()).toContain(`today=${TODAY}`);

  // Every page says so; the dashboard counts the year up to the day.
  await page.locator('nav a[href="#/"]').first().click();
  await expect(bar).toBeVisible();
  const tiles = page.locator('.stats').first().locator('.stat-value');
  await expect(tiles.nth(2)).toHaveText(yearTo(DAY).toLocaleString('en-US'));
  expect(await number(tiles.nth(0))).toBe(ids.length);
  // A customer who ordered after the day shows only the orders placed by then.
  const [lateId] = rows.find(([, date]) => date > DAY);
  const byThen = rows.filter(([id, date]) => id === lateId && date <= DAY).length;
  await page.locator('nav a[href="#/customers"]').first().click();
  await page.locator('input[type="search"]').first().fill(name(lateId));
  await page.getByRole('link', { name: name(lateId) }).first().click();
  await expect(bar).toBeVisible();
  await expect(page.locator('ol.timeline li.entry.orders')).toHaveCount(byThen);

  // Looking back changes nothing: a follow-up logged now is refused, in words.
  await page.locator('button[data-log="interaction"]').click();
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.quick-log')).toContainText('正在回看某一天，不能修改客户簿。请先点“回到今天”。');
  await expect(page.locator('ol.timeline li.entry.interactions')).toHaveCount(0);

  // A reload keeps the day (it is in the address, not in the book).
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(bar.locator('.as-of-day')).toHaveText(`按 ${DAY} 查看`);
  await expect(page.locator('ol.timeline li.entry.orders')).toHaveCount(byThen);

  // Back to today: every order counts again, and the address forgets the day.
  await bar.locator('button[name="back-to-today"]').click();
  await expect(bar).toHaveCount(0);
  await expect(page.locator('ol.timeline li.entry.orders')).toHaveCount(rows.filter(([id]) => id === lateId).length);
  expect(page.url()).not.toContain('asof=');
  await page.locator('nav a[href="#/"]').first().click();
  await expect(page.locator('.stats').first().locator('.stat-value').nth(2)).toHaveText(yearTo(TODAY).toLocaleString('en-US'));
  expect(errors).toEqual([]);
});
