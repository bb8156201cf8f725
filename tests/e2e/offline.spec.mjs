// Issue: works offline as an installed app, updates on consent, keeps user text as text.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, loadSample, customerCount, watchErrors, TODAY } from './helpers.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await expect(page.locator('main .loading')).toHaveCount(0);
  }
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test('after a first visit the app starts and shows the book with no network', async ({ page, context }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  expect(await customerCount(page)).toBe(200);
  await open(page, '#/risk');
  await expect(page.locator('table.register-table tbody tr').first()).toBeVisible();
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test('a new version waits for consent, then takes over', async ({ page }) => {
  await open(page);
  await controlled(page);
  const file = path.join(dist, 'sw.js');
  const original = fs.readFileSync(file, 'utf8');
  try {
    fs.writeFileSync(file, original.replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-next'"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const bar = page.locator('.notice.update');
    await expect(bar).toBeVisible();
    await bar.locator('button').click();
    await expect(page.locator('.notice.update')).toHaveCount(0);
    await expect.poll(() => page.evaluate(async () => {
      const keys = await caches.keys();
      return keys.some((k) => k.endsWith('-next'));
    })).toBe(true);
  } finally {
    fs.writeFileSync(file, original);
  }
});

test('script in a customer name or note is shown as text and never runs', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/customers');
  const payload = '<img src=x onerror="window.__pwned=1">';
  const note = '<script>window.__pwned=2</script>';
  await page.getByRole('button', { name: '添加客户' }).click();
  await page.locator('form.form input[name="name"]').fill(payload);
  await page.locator('form.form input[name="notes"]').fill(note);
  await page.locator('form.form button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(payload);
  await expect(page.locator('p.notes')).toHaveText(note);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(payload);
  await open(page, '#/customers');
  await expect(page.locator('table.customers td.name a').first()).toHaveText(payload);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(errors).toEqual([]);
});

test('a GBK file from Excel: the preview lists the bad rows, confirm writes the valid ones', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/data');
  await page.locator('input[name="csv"]').setInputFiles(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/customers-gbk.csv'));
  await expect(page.locator('.mapping label[data-field="name"] select option:checked')).toHaveText('客户名称');
  await expect(page.locator('.mapping label[data-field="since"] select option:checked')).toHaveText('建档日期');
  await page.locator('button.preview-import').click();
  const preview = page.locator('.import-preview');
  await expect(preview).toHaveAttribute('data-valid', '4');
  await expect(preview).toHaveAttribute('data-problems', '4');
  await expect(preview.locator('tr[data-row="5"]')).toContainText('2023-13-40');
  await expect(preview.locator('tr[data-row="6"]')).toContainText('与第2行重复');
  await expect(preview.locator('tr[data-row="7"]')).toContainText('必填');
  await expect(preview.locator('tr[data-row="9"]')).toContainText('Z');
  // Nothing is written before the user confirms.
  expect(await customerCount(page)).toBe(0);
  await open(page, '#/data');
  await page.locator('input[name="csv"]').setInputFiles(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/customers-gbk.csv'));
  await page.locator('button.preview-import').click();
  await page.locator('button.confirm-import').click();
  await expect(page.locator('.notice.ok')).toContainText('导入完成');
  await page.reload();
  expect(await customerCount(page)).toBe(4);
  await page.locator('input[name="search"]').fill('金陵');
  await expect(page.locator('table.customers td.name a')).toHaveText('南京"金陵"贸易有限公司');
  await page.locator('input[name="search"]').fill('onerror');
  await expect(page.locator('table.customers td.name a')).toHaveText('<img src=x onerror="window.__pwned=3">');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('a customer export from another CRM keeps its contacts: 联系人, 职务, 电话, 手机, 邮箱 become the customer\'s contact', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/data');
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../crates/engine/tests/fixtures/customers-contacts-gbk.csv');
  await page.locator('input[name="csv"]').setInputFiles(file);
  await expect(page.locator('.mapping label[data-field="contact"] select option:checked')).toHaveText('联系人');
  await expect(page.locator('.mapping label[data-field="mobile"] select option:checked')).toHaveText('手机');
  await expect(page.locator('.mapping label[data-field="phone"] select option:checked')).toHaveText('电话');
  // Every column is used, and a column taken off the mapping is named as not imported.
  const unused = page.locator('.mapping .unused-columns');
  await expect(unused).toHaveAttribute('data-count', '0');
  await page.locator('.mapping label[data-field="we_chat"] select').selectOption('');
  await expect(unused).toHaveText('不会导入的列：微信');
  await page.locator('button.preview-import').click();
  const preview = page.locator('.import-preview');
  await expect(preview).toHaveAttribute('data-valid', '3');
  await expect(preview.locator('.contacts-made')).toContainText('2 位客户');
  await page.locator('button.confirm-import').click();
  await expect(page.locator('.notice.ok')).toContainText('导入完成');
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await page.locator('nav a[href="#/customers"]').first().click();
  await page.locator('input[name="search"]').fill('宏达');
  await page.locator('table.customers td.name a').first().click();
  const contacts = page.locator('ul.contacts');
  await expect(contacts).toContainText('陈立新');
  await expect(contacts).toContainText('采购经理');
  await expect(contacts).toContainText('13905718899 / 0571-88776655');
  await expect(contacts).not.toContainText('chenlx88');
  expect(errors).toEqual([]);
});

test('a quote left open in a CSV is reported with its row, in Chinese, and nothing is read', async ({ page }, info) => {
  const errors = watchErrors(page);
  await open(page, '#/data');
  const rows = ['客户名称,下单日期,金额,备注'];
  for (let i = 0; i < 1001; i++) rows.push(`华强建材,2025-02-03,${10 + i},${i === 3 ? '"尺寸6寸的货' : '正常'}`);
  const file = info.outputPath('open-quote.csv');
  fs.writeFileSync(file, rows.join('\r\n'));
  await page.locator('select[name="import_kind"]').selectOption('orders');
  await page.locator('input[name="csv"]').setInputFiles(file);
  await page.locator('button.preview-import').click();
  await expect(page.locator('.csv-import .form-error')).toContainText('第5行有一个引号没有闭合');
  await expect(page.locator('.import-preview')).toHaveCount(0);
  // A GBK file from Excel with a UTF-8 line pasted at its end: garbled either way.
  const gbk = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/customers-gbk.csv'));
  const mixed = info.outputPath('mixed.csv');
  fs.writeFileSync(mixed, Buffer.concat([gbk, Buffer.from('\r\n明达五金有限公司,C\r\n', 'utf8')]));
  await page.locator('select[name="import_kind"]').selectOption('customers');
  await page.locator('input[name="csv"]').setInputFiles(mixed);
  await expect(page.locator('.csv-import .form-error')).toContainText('混用了两种编码');
  expect(errors).toEqual([]);
});

test('the app can be installed: a manifest with PNG icons that are served', async ({ page, request }) => {
  await open(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href)).json();
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.filter((i) => i.type === 'image/png').map((i) => i.sizes);
  expect(sizes).toEqual(['192x192', '512x512']);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.ok()).toBe(true);
  }
});

test('customers and orders export as CSV files Excel opens in Chinese', async ({ page }) => {
  await loadSample(page);
  await open(page, '#/data');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-list').click()]);
  expect(download.suggestedFilename()).toBe(`liuke-customers-${TODAY}.csv`);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text.split('\r\n')[0]).toContain('客户名称');
  await page.locator('select[name="export_kind"]').selectOption('orders');
  const [orders] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-list').click()]);
  const lines = fs.readFileSync(await orders.path()).toString('utf8').split('\r\n').filter(Boolean);
  expect(lines.length).toBe(5001);
});

test('storage running full during an import leaves the book as it was, and says so', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const before = await customerCount(page);
  await open(page, '#/data');
  await page.locator('input[name="csv"]').setInputFiles(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/customers-gbk.csv'));
  await page.locator('button.preview-import').click();
  await expect(page.locator('.import-preview')).toHaveAttribute('data-valid', '4');
  // The disk fills up part-way through the write: the third page written fails.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (...args) {
      calls += 1;
      if (calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.locator('button.confirm-import').click();
  await expect(page.locator('.notice.error')).toContainText('存储空间');
  errors.length = 0;
  await page.reload();
  expect(await customerCount(page)).toBe(before);
  await page.locator('input[name="search"]').fill('金陵');
  await expect(page.locator('table.customers td.name a')).toHaveCount(0);
  expect(errors).toEqual([]);
});
