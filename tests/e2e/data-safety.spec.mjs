// Issue 15: nothing a user does, restores or imports loses the book. Each journey here
// failed on the build before its fix.
import { test, expect } from '@playwright/test';
import { open, loadSample, customerCount, watchErrors } from './helpers.mjs';
import { readFile } from 'node:fs/promises';

/** Adds a record's text to one stored page, as a damaged disk or an old build might have. */
async function appendToStoredPage(page, store, key, record) {
  await page.evaluate(([store, key, record]) => new Promise((resolve, reject) => {
    const request = indexedDB.open('liuke');
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(store, 'readwrite');
      const pages = tx.objectStore(store);
      const get = pages.get(key);
      get.onsuccess = () => pages.put(get.result.replace(/\]$/, `,${record}]`), key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  }), [store, key, record]);
}

// 15.11 (and the load check of 15.2): before, the record was left out at load and the
// next edit of any customer on its page rewrote the page without it — gone for good.
test('a stored record that no longer reads is kept aside through edits, and can be exported and deleted', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const count = await customerCount(page);
  await appendToStoredPage(page, 'customers', 0, '{"id":255,"name":"日期损坏的客户","since":"+262000-01-01"}');
  await page.reload();
  await expect(page.locator('.notice.error')).toContainText('1 条记录无法读取');
  expect(await customerCount(page)).toBe(count);

  // Edit a customer on the same page: the damaged record must still be kept.
  await page.locator('table.customers td.name a').first().click();
  await page.locator('.page-head').getByRole('button', { name: '编辑' }).click();
  const form = page.locator('form', { hasText: '编辑客户资料' });
  await form.locator('input[name="notes"]').fill('页内邻居的修改');
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('客户已保存');
  await page.reload();
  await expect(page.locator('p.notes')).toHaveText('页内邻居的修改');

  await open(page, '#/data');
  const card = page.locator('.unreadable-records');
  await expect(card.locator('.count')).toContainText('共 1 条');
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button[name="export-unreadable"]').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(exported).toHaveLength(1);
  expect(exported[0]).toMatchObject({ store: 'customers', page: 0, why: 'record' });
  expect(exported[0].text).toContain('日期损坏的客户');

  page.once('dialog', (d) => d.dismiss());
  await card.locator('button[name="discard-unreadable"]').click();
  await expect(card).toBeVisible();
  page.once('dialog', (d) => d.accept());
  await card.locator('button[name="discard-unreadable"]').click();
  await expect(page.locator('.notice.ok')).toContainText('已删除无法读取的记录');
  await expect(card).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.unreadable-records')).toHaveCount(0);
  expect(await customerCount(page)).toBe(count);
  expect(errors).toEqual([]);
});

// 15.10: before, only the Data page said that the browser had not granted persistent
// storage, and nothing ever reminded the user to back up.
test('the dashboard says the book may be cleared, when it was last backed up, and reminds after a week of changes', async ({ page }) => {
  const errors = watchErrors(page);
  // As a browser that refuses persistent storage (headless Chromium does; this makes it sure).
  await page.addInitScript(() => {
    const storage = Object.getPrototypeOf(navigator.storage);
    storage.persist = async () => false;
    storage.persisted = async () => false;
  });
  await loadSample(page);
  await open(page, '#/');
  const card = page.locator('.backup-reminder');
  await expect(card.locator('.exposed')).toContainText('浏览器没有授予持久存储');
  await expect(card.locator('.last-backup')).toHaveText('还没有备份过。');
  await expect(card.locator('.due')).toHaveCount(0);

  // A week later, the changes since the sample was loaded have no backup.
  await page.goto('?today=2026-11-30#/');
  await expect(card.locator('.due')).toContainText('自 2026-11-22 起的修改已超过 7 天没有备份');
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button[name="backup-now"]').click()]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(backup.customers.length).toBe(200);
  await expect(card.locator('.due')).toHaveCount(0);
  await expect(card.locator('.last-backup')).toHaveText('上次备份：2026-11-30');
  await page.reload();
  await expect(card.locator('.last-backup')).toHaveText('上次备份：2026-11-30');
  await expect(card.locator('.due')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// 15.2: before, a panic froze the page at "正在计算风险与待办…" until storage was cleared
// by hand. The app's panic hook announces the panic (tested in tests/components.rs); here
// the page receives that announcement, and then a trap from the aborted module.
test('after an internal error the page offers a backup and a reload instead of freezing', async ({ page }) => {
  await loadSample(page);
  const count = await customerCount(page);
  await page.evaluate(() => dispatchEvent(new CustomEvent('liuke-panic', { detail: 'panicked at src/example.rs:1:1' })));
  const screen = page.locator('.recover-screen');
  await expect(screen.locator('h1')).toHaveText('留客遇到了内部错误，已停止运行');
  await expect(screen).toContainText('仍完整保存在这台设备上');
  await expect(screen.locator('.recover-detail pre')).toHaveText('panicked at src/example.rs:1:1');
  const [download] = await Promise.all([page.waitForEvent('download'), screen.locator('button[name="recover-export"]').click()]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(backup.format).toBe('liuke-book');
  expect(backup.customers.length).toBe(count);
  await expect(screen.locator('.recover-status')).toContainText('备份文件已生成');

  // The exported file restores into a fresh profile through the app's own restore.
  const file = await download.path();
  await screen.locator('button[name="recover-reload"]').click();
  await expect(page.locator('.recover-screen')).toHaveCount(0);
  await open(page, '#/data');
  page.on('dialog', (d) => d.accept());
  await page.locator('#restore-file').setInputFiles(file);
  await expect(page.locator('.notice.ok')).toContainText('备份已恢复');
  expect(await customerCount(page)).toBe(count);

  // A trap that reaches the page without an announcement shows the same screen.
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  await expect(page.locator('.recover-screen h1')).toBeVisible();
});

// Issue 16.2: an import with owners is one change — before, the owners were a second
// change linked by position, and undo took back only the owners.
test('an import of customers with owners is one change: one undo takes it all back', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/staff');
  const staff = (await page.locator('table.list tbody tr td a').first().innerText()).trim();
  const count = await customerCount(page);
  await open(page, '#/data');
  const csv = `客户名称,负责人\n导入甲贸易有限公司,${staff}\n导入乙贸易有限公司,${staff}\n导入丙贸易有限公司,\n`;
  await page.locator('input[name="csv"]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('button.preview-import').click();
  await expect(page.locator('.import-preview')).toHaveAttribute('data-valid', '3');
  await page.locator('button.confirm-import').click();
  await expect(page.locator('.notice.ok')).toContainText('导入完成');
  expect(await customerCount(page)).toBe(count + 3);
  await page.locator('input[name="search"]').fill('导入甲');
  await page.locator('table.customers td.name a').first().click();
  await expect(page.locator('ul.team li', { hasText: '负责人' })).toContainText(staff);
  await open(page, '#/data');
  await page.locator('.notice.ok').getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.notice.ok')).toContainText('已撤销');
  expect(await customerCount(page)).toBe(count);
  expect(errors).toEqual([]);
});

// 15.5: before, a form opened before another tab's save overwrote that save with its
// whole stale record, and the late tab then panicked ("reactive value … disposed").
test('two tabs editing one order: a different field is merged, the same field is shown and applied only when asked', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const errors = [...watchErrors(a)];
  const bErrors = watchErrors(b);
  await loadSample(a);
  await open(a, '#/customers');
  const href = await a.locator('table.customers tbody tr.row td.name a').first().getAttribute('href');
  await open(a, href);
  await open(b, href);
  const firstOrder = (page) => page.locator('ol.timeline li.orders').first();

  // Tab B opens the order's form; tab A then changes the note and saves.
  await firstOrder(b).getByRole('button', { name: '编辑' }).click();
  await firstOrder(a).getByRole('button', { name: '编辑' }).click();
  await firstOrder(a).locator('input[name="note"]').fill('甲标签页的备注');
  await firstOrder(a).locator('button[type="submit"]').click();
  await expect(a.locator('.notice.ok')).toContainText('订单已保存');

  // Tab B, still showing what it opened, changes the amount: both changes are kept.
  const formB = b.locator('ol.timeline li.orders form').first();
  await formB.locator('input[name="amount"]').fill('7,777.70');
  await formB.locator('button[type="submit"]').click();
  await expect(b.locator('.notice.ok')).toContainText('订单已保存');
  await a.reload();
  await expect(firstOrder(a)).toContainText('¥7,777.70');
  await expect(firstOrder(a)).toContainText('甲标签页的备注');

  // Both change the amount: tab B is told, keeps its input, and applies it when asked.
  await firstOrder(b).getByRole('button', { name: '编辑' }).click();
  await firstOrder(a).getByRole('button', { name: '编辑' }).click();
  await firstOrder(a).locator('input[name="amount"]').fill('1,111.10');
  await firstOrder(a).locator('button[type="submit"]').click();
  await expect(a.locator('.notice.ok')).toContainText('订单已保存');
  const again = b.locator('ol.timeline li.orders form').first();
  await again.locator('input[name="amount"]').fill('2,222.20');
  await again.locator('button[type="submit"]').click();
  await expect(again.locator('.field-error')).toContainText('对方也改了：金额');
  await expect(again.locator('input[name="amount"]')).toHaveValue('2,222.20');
  await a.reload();
  await expect(firstOrder(a)).toContainText('¥1,111.10');
  await again.locator('button[type="submit"]').click();
  await expect(b.locator('.notice.ok')).toContainText('订单已保存');
  await a.reload();
  await expect(firstOrder(a)).toContainText('¥2,222.20');
  expect([...errors, ...bErrors]).toEqual([]);
});
