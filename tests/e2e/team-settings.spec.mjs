// Issue 16.6 (with 15.6's migration): the team's settings are part of the book — saved
// with it, undone like any change, carried by its backup into another browser — and a
// book kept by the earlier version brings the settings that device kept into the book.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, loadSample, watchErrors } from './helpers.mjs';

const cadenceA = (page) => page.locator('.risk-settings label.setting', { hasText: 'A级客户联系频率（每隔几天联系一次）' }).locator('input');
const poolOn = (page) => page.locator('section.pool-settings input[name="pool_enabled"]');
const saved = (page) => expect(page.locator('.notice.ok')).toContainText('团队设置已保存');

test('team settings are saved with the book, undone in one step, and go with its backup', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/settings');
  await cadenceA(page).fill('21');
  await cadenceA(page).dispatchEvent('change');
  await saved(page);
  await poolOn(page).check();
  await saved(page);
  // One change, one undo: the pool switch goes back, the cadence stays.
  await page.locator('.notice.ok button', { hasText: '撤销' }).click();
  await expect(page.locator('.notice.ok')).toContainText('已撤销');
  await expect(poolOn(page)).not.toBeChecked();
  await expect(cadenceA(page)).toHaveValue('21');
  await poolOn(page).check();
  await saved(page);
  await page.reload();
  await expect(cadenceA(page)).toHaveValue('21');
  await expect(poolOn(page)).toBeChecked();

  await open(page, '#/data');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-backup').click()]);
  const backup = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(backup.schema_version).toBe(2);
  expect(backup.settings.risk.cadence_a_days).toBe(21);
  expect(backup.settings.pool.enabled).toBe(true);

  const fresh = await browser.newContext({ locale: 'zh-CN' });
  const other = await fresh.newPage();
  const otherErrors = watchErrors(other);
  await open(other, '#/data');
  other.on('dialog', (d) => d.accept());
  await other.locator('#restore-file').setInputFiles(await download.path());
  await expect(other.locator('.notice.ok')).toContainText('备份已恢复');
  await open(other, '#/settings');
  await expect(cadenceA(other)).toHaveValue('21');
  await expect(poolOn(other)).toBeChecked();
  await fresh.close();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('a book kept by the earlier version brings the settings this device kept into the book', async ({ page }) => {
  const dump = JSON.parse(fs.readFileSync(new URL('../../crates/engine/tests/fixtures/idb-released-plain.json', import.meta.url), 'utf8'));
  // Any page of the app's origin, before the app opens its database.
  await page.goto('/icon.svg');
  await page.evaluate(async (dump) => {
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('liuke', dump.db_version);
      request.onupgradeneeded = () => {
        for (const store of Object.keys(dump.stores)) request.result.createObjectStore(store);
      };
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(Object.keys(dump.stores), 'readwrite');
        for (const [store, entries] of Object.entries(dump.stores)) {
          for (const [key, value] of entries) tx.objectStore(store).put(value, key);
        }
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
    // As the earlier version kept them on the device.
    localStorage.setItem('liuke.insight', JSON.stringify({ risk: { cadence_a_days: 21 } }));
    localStorage.setItem('liuke.pool', JSON.stringify({ enabled: true, claim_cap: 40 }));
  }, dump);
  const errors = watchErrors(page);
  await open(page, '#/settings');
  await expect(cadenceA(page)).toHaveValue('21');
  await expect(poolOn(page)).toBeChecked();
  await expect(page.locator('section.pool-settings label.setting', { hasText: '每人最多负责客户数' }).locator('input')).toHaveValue('40');
  // The device's copies are gone: the book holds the settings now.
  expect(await page.evaluate(() => [localStorage.getItem('liuke.insight'), localStorage.getItem('liuke.pool')])).toEqual([null, null]);
  await page.reload();
  await expect(cadenceA(page)).toHaveValue('21');
  await open(page, '#/customers');
  await expect(page.locator('table.customers a', { hasText: '苏州恒远精密机械有限公司' })).toBeVisible();
  await expect(page.locator('table.customers a', { hasText: '杭州宏达建材有限公司' })).toBeVisible();
  expect(errors).toEqual([]);
});
