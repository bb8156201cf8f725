// Issue: foundation journeys — sample data, add and persist, invalid input, backup and restore,
// language, sub-path hosting, two tabs.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, loadSample, customerCount, watchErrors, TODAY } from './helpers.mjs';
import { SUBPATH } from './playwright.config.mjs';

test('an empty book offers sample data, which loads and survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await expect(page.getByRole('heading', { name: '欢迎使用留客' })).toBeVisible();
  await loadSample(page);
  expect(await customerCount(page)).toBe(200);
  await page.reload();
  await expect(page.locator('p.count')).toContainText('200');
  expect(errors).toEqual([]);
});

test('add a customer and an order; both are there after a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/customers');
  await page.getByRole('button', { name: '添加客户' }).click();
  await page.locator('form input[name="name"]').fill('苏州恒远精密机械有限公司');
  await page.locator('form input[name="industry"]').fill('机械制造');
  await page.locator('form input[name="region"]').fill('华东');
  await page.locator('form select[name="tier"]').selectOption('A');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: '苏州恒远精密机械有限公司' })).toBeVisible();

  await page.locator('button[data-log="order"]').click();
  await page.locator('form input[name="amount"]').fill('12,345.60');
  await page.locator('form input[name="quantity"]').fill('30');
  await page.locator('form input[name="margin"]').fill('2400');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.notice.ok')).toContainText('订单已保存');
  await expect(page.locator('ol.timeline li.orders')).toHaveCount(1);

  await page.reload();
  await expect(page.getByRole('heading', { name: '苏州恒远精密机械有限公司' })).toBeVisible();
  await expect(page.locator('ol.timeline li.orders')).toHaveCount(1);
  await expect(page.locator('ol.timeline')).toContainText('¥12,345.60');
  await expect(page.locator('ol.timeline')).toContainText(TODAY);
  expect(errors).toEqual([]);
});

test('invalid input shows what is wrong and saves nothing', async ({ page }) => {
  await loadSample(page);
  const before = await customerCount(page);

  await page.getByRole('button', { name: '添加客户' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error')).toHaveText('请填写“名称”。');

  await page.locator('form input[name="name"]').fill('未来客户');
  await page.locator('form input[name="since"]').fill('2030-01-01');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error')).toHaveText('“成为客户日期”不能晚于今天。');
  await page.locator('form input[name="since"]').fill('1850-01-01');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error')).toHaveText('“成为客户日期”的年份应在 1900 到 2200 之间。');

  // Leaving the refused form asks first (issue 18.5): yes.
  page.once('dialog', (d) => d.accept());
  await page.locator('table.list tbody tr a').first().click();
  const orders = await page.locator('ol.timeline li.orders').count();
  await page.locator('button[data-log="order"]').click();
  await page.locator('form input[name="amount"]').fill('-50');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error')).toHaveText('“金额”不能是负数。');
  await page.locator('form input[name="amount"]').fill('100');
  await page.locator('form input[name="margin"]').fill('500');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error')).toHaveText('毛利不能大于订单金额。');
  await page.locator('form input[name="amount"]').fill('abc');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error')).toHaveText('“金额”的格式不对。');

  await page.reload();
  await expect(page.locator('ol.timeline li.orders')).toHaveCount(orders);
  expect(await customerCount(page)).toBe(before);
});

test('a backup restored into an empty browser profile gives the same book', async ({ page, browser }) => {
  await loadSample(page);
  await open(page, '#/data');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-backup').click()]);
  const file = await download.path();
  const original = fs.readFileSync(file, 'utf8');
  expect(JSON.parse(original).customers.length).toBe(200);

  const fresh = await browser.newContext({ locale: 'zh-CN' });
  const other = await fresh.newPage();
  await open(other, '#/data');
  await expect(other.getByRole('heading', { name: '示例数据' })).toBeVisible();
  other.on('dialog', (d) => d.accept());
  await other.locator('#restore-file').setInputFiles(file);
  await expect(other.locator('.notice.ok')).toContainText('备份已恢复');
  await other.reload();
  await expect(other.locator('p.counts')).toContainText('200');
  const [again] = await Promise.all([other.waitForEvent('download'), other.locator('#export-backup').click()]);
  const restored = fs.readFileSync(await again.path(), 'utf8');
  expect(restored).toBe(original);
  await fresh.close();
});

test('a broken or foreign backup is refused and the book is untouched', async ({ page }, info) => {
  await loadSample(page);
  await open(page, '#/data');
  const countsBefore = await page.locator('p.counts').innerText();
  const foreign = info.outputPath('foreign.json');
  fs.writeFileSync(foreign, JSON.stringify({ hello: 'world' }));
  await page.locator('#restore-file').setInputFiles(foreign);
  await expect(page.locator('.card .field-error')).toHaveText('这个文件不是留客的备份。当前数据没有改动。');
  const broken = info.outputPath('broken.json');
  fs.writeFileSync(broken, '{"format":"liuke-book","schema_version":1,"customers":[{"id":1');
  await page.locator('#restore-file').setInputFiles(broken);
  await expect(page.locator('.card .field-error')).toHaveText('这不是一个有效的备份文件（不是 JSON 格式）。当前数据没有改动。');
  // Ids above 2^53 − 1 cannot be stored exactly: two of them would become one customer.
  const huge = info.outputPath('huge-ids.json');
  const customer = (id) => ({ id, name: `客户${id}`, since: '2020-01-01' });
  fs.writeFileSync(huge, `{"format":"liuke-book","schema_version":1,"next_id":1,"customers":[${JSON.stringify(customer(1)).replace('1,', '2305843009213693953,')},${JSON.stringify(customer(2)).replace('2,', '2305843009213693954,')}]}`);
  await page.locator('#restore-file').setInputFiles(huge);
  await expect(page.locator('.card .field-error')).toContainText('超过了能准确保存的最大编号');
  await expect(page.locator('.card .field-error')).toContainText('2305843009213693953');
  // A hostile file nested thousands deep is named for what it is.
  const deep = info.outputPath('deep.json');
  fs.writeFileSync(deep, '['.repeat(5000) + ']'.repeat(5000));
  await page.locator('#restore-file').setInputFiles(deep);
  await expect(page.locator('.card .field-error')).toContainText('嵌套层数远超任何备份');
  await page.reload();
  await expect(page.locator('p.counts')).toHaveText(countsBefore);
});

test('the language follows the browser and the switcher, and the choice persists', async ({ browser }) => {
  const english = await browser.newContext({ locale: 'en-US' });
  const page = await english.newPage();
  await open(page);
  await expect(page.getByRole('heading', { name: 'Welcome to Liuke' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '简体中文' }).first().click();
  await expect(page.getByRole('heading', { name: '欢迎使用留客' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '欢迎使用留客' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Kept with the version of its shape; the bare code an earlier version kept still reads.
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('liuke.lang')))).toEqual({ version: 1, value: 'zh-CN' });
  await page.evaluate(() => localStorage.setItem('liuke.lang', '"zh-CN"'));
  await page.reload();
  await expect(page.getByRole('heading', { name: '欢迎使用留客' })).toBeVisible();
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('liuke.lang')))).toEqual({ version: 1, value: 'zh-CN' });
  await english.close();
});

test('the built app works from a sub-path of a static site', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${SUBPATH}?today=${TODAY}#/customers`);
  await expect(page.getByRole('heading', { name: '客户' })).toBeVisible();
  await page.getByRole('link', { name: '总览' }).click();
  await page.locator('button[data-sample="s"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.locator('.stat').first()).toContainText('200');
  expect(errors).toEqual([]);
});

test('two tabs on the same book never overwrite each other', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a, '#/staff');
  await open(b, '#/staff');
  for (const [page, name] of [[a, '王芳'], [b, '李强']]) {
    await page.getByRole('button', { name: '添加员工' }).click();
    await page.locator('form input[name="name"]').fill(name);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.notice.ok').or(page.locator('.notice.info')).first()).toBeVisible();
  }
  await a.reload();
  await expect(a.locator('table.list tbody tr')).toHaveCount(2);
  await expect(b.locator('table.list tbody')).toContainText('王芳');
  await expect(b.locator('table.list tbody')).toContainText('李强');
});

test('a write the device has no room for is reported, and nothing is half-saved', async ({ page }) => {
  await open(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 64 * 1024 });
  await page.locator('button[data-sample="s"]').click();
  await expect(page.locator('.notice.error')).toContainText('设备存储空间已满', { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: '欢迎使用留客' })).toBeVisible();
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin });
  await page.reload();
  await expect(page.getByRole('heading', { name: '欢迎使用留客' })).toBeVisible();
  await loadSample(page);
  expect(await customerCount(page)).toBe(200);
});
