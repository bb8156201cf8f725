// Issue: privacy — the passphrase lock. The book is encrypted at rest, the app opens to a
// lock screen, a wrong passphrase is refused without harm, and a forgotten one is
// explained (nothing can be recovered without a backup).
import { test, expect } from '@playwright/test';
import { open, loadSample, customerCount, watchErrors } from './helpers.mjs';
import { readFile } from 'node:fs/promises';

/** Every stored customer page as the browser holds it on disk. */
async function storedCustomerPages(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('liuke');
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction('customers').objectStore('customers').getAll();
      get.onsuccess = () => { db.close(); resolve(get.result); };
      get.onerror = () => reject(get.error);
    };
    request.onerror = () => reject(request.error);
  }));
}

async function setLock(page, passphrase, confirm = passphrase) {
  const card = page.locator('section.lock-settings');
  await card.locator('input[name="new_passphrase"]').fill(passphrase);
  await card.locator('input[name="confirm_passphrase"]').fill(confirm);
  await card.locator('form[name="set-lock"] button[type="submit"]').click();
}

async function unlock(page, passphrase) {
  await page.locator('.lock-screen input[name="passphrase"]').fill(passphrase);
  await page.locator('.lock-screen button[type="submit"]').click();
}

test('lock with a passphrase, reload, refuse a wrong one, unlock, change and remove it', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const count = await customerCount(page);
  const name = (await page.locator('table.customers td.name a').first().innerText()).trim();
  expect((await storedCustomerPages(page)).join('')).toContain(name);

  await open(page, '#/settings');
  const card = page.locator('section.lock-settings');
  await setLock(page, 'short');
  await expect(card.locator('.form-error')).toContainText('至少需要 8 个字符');
  await setLock(page, 'liuke-passphrase', 'liuke-passphrase?');
  await expect(card.locator('.form-error')).toContainText('不一致');
  await setLock(page, 'liuke-passphrase');
  await expect(page.locator('.notice.ok')).toContainText('口令已设置');

  // At rest, every page is sealed: no customer name can be read from the disk.
  const sealed = await storedCustomerPages(page);
  expect(sealed.length).toBeGreaterThan(0);
  expect(sealed.every((p) => p.startsWith('~'))).toBe(true);
  expect(sealed.join('')).not.toContain(name);

  await page.reload();
  await expect(page.locator('.lock-screen h1')).toHaveText('留客已上锁');
  await expect(page.locator('table.customers')).toHaveCount(0);
  await unlock(page, 'wrong-passphrase');
  await expect(page.locator('.lock-screen .form-error')).toContainText('口令不正确');
  expect((await storedCustomerPages(page)).join('')).toBe(sealed.join(''));
  await unlock(page, 'liuke-passphrase');
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  await open(page, '#/customers');
  await expect(page.locator('p.count')).toContainText(String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ','));

  // A change made while unlocked is written sealed and reads back after unlocking.
  await page.locator('table.customers td.name a').first().click();
  await page.locator('.quick-log textarea, .quick-log input[name="summary"]').first().fill('上锁后的回访记录');
  await page.locator('.quick-log button[type="submit"]').first().click();
  await expect(page.locator('ol.timeline')).toContainText('上锁后的回访记录');
  expect((await storedCustomerPages(page)).every((p) => p.startsWith('~'))).toBe(true);

  // Change the passphrase, lock now, and only the new one opens the book.
  await open(page, '#/settings');
  await card.locator('input[name="current_passphrase"]').fill('liuke-passphrase');
  await card.locator('input[name="new_passphrase"]').fill('second-passphrase');
  await card.locator('input[name="confirm_passphrase"]').fill('second-passphrase');
  await card.locator('form[name="change-lock"] button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('口令已修改');
  await card.locator('button[name="lock-now"]').click();
  await unlock(page, 'liuke-passphrase');
  await expect(page.locator('.lock-screen .form-error')).toContainText('口令不正确');
  await unlock(page, 'second-passphrase');
  await expect(page.locator('section.lock-settings')).toBeVisible();

  // Removing the lock needs the current passphrase, then the book is stored in the clear.
  await card.locator('input[name="current_passphrase"]').fill('liuke-passphrase');
  await card.locator('button[name="remove-lock"]').click();
  await expect(card.locator('.form-error')).toContainText('口令不正确');
  await card.locator('input[name="current_passphrase"]').fill('second-passphrase');
  await card.locator('button[name="remove-lock"]').click();
  await expect(page.locator('.notice.ok')).toContainText('口令已取消');
  await page.reload();
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  expect((await storedCustomerPages(page)).join('')).toContain(name);
  expect(await customerCount(page)).toBe(count);
  await open(page, '#/customers');
  expect(errors).toEqual([]);
});

test('a forgotten passphrase is explained, and the book can be erased to start over', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/settings');
  await setLock(page, 'forgotten-passphrase');
  await expect(page.locator('.notice.ok')).toContainText('口令已设置');
  await page.reload();
  await page.locator('.lock-screen summary').click();
  await expect(page.locator('.lock-screen .forgot')).toContainText('无法恢复');
  await expect(page.locator('.lock-screen .forgot')).toContainText('备份');
  page.once('dialog', (d) => d.dismiss());
  await page.locator('.lock-screen button[name="erase"]').click();
  await expect(page.locator('.lock-screen')).toBeVisible();
  page.once('dialog', (d) => d.accept());
  await page.locator('.lock-screen button[name="erase"]').click();
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  await open(page, '#/');
  await expect(page.locator('button[data-sample="s"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  expect(await customerCount(page)).toBe(0);
  expect(errors).toEqual([]);
});

test('a locked book locks again after 15 minutes without input, and input keeps it open', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.install();
  await loadSample(page);
  await open(page, '#/settings');
  await setLock(page, 'idle-passphrase');
  await expect(page.locator('.notice.ok')).toContainText('口令已设置');
  await expect(page.locator('.lock-settings .autolock input')).toHaveValue('15');

  // Ten minutes, a key press, ten more: still open, the clock restarted at the key.
  await page.clock.fastForward('10:00');
  await page.keyboard.press('Shift');
  await page.clock.fastForward('10:00');
  await expect(page.locator('section.lock-settings')).toBeVisible();
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  // Another six minutes without input: locked, the book gone from the page.
  await page.clock.fastForward('06:00');
  await expect(page.locator('.lock-screen h1')).toHaveText('留客已上锁');
  await unlock(page, 'idle-passphrase');
  await expect(page.locator('section.lock-settings')).toBeVisible();

  // A tablet that slept through the limit locks as soon as the page is shown again,
  // before any timer has run.
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 1_000);
  await page.clock.setSystemTime(now + 20 * 60_000);
  await page.waitForTimeout(500);
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.locator('.lock-screen')).toBeVisible();
  await page.clock.resume();
  await unlock(page, 'idle-passphrase');
  await expect(page.locator('section.lock-settings')).toBeVisible();

  // 0 turns it off.
  const minutes = page.locator('.lock-settings .autolock input');
  await minutes.fill('0');
  await minutes.dispatchEvent('change');
  await page.clock.fastForward('01:00:00');
  await expect(page.locator('.lock-screen')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Issue 15.1: before, the second tab reloaded after the change with the old key, showed an
// empty book without a word, and what it saved next was sealed under the old key — lost
// after the next reload.
test('a passphrase changed or removed in another tab sends this tab to the lock screen, and nothing is lost', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const aErrors = watchErrors(a);
  const bErrors = watchErrors(b);
  await loadSample(a);
  const count = await customerCount(a);
  await open(a, '#/settings');
  await setLock(a, 'first-passphrase');
  await expect(a.locator('.notice.ok')).toContainText('口令已设置');
  await open(b, '#/customers');
  await unlock(b, 'first-passphrase');
  await expect(b.locator('p.count')).toContainText(String(count));

  // Tab A changes the passphrase: tab B forgets its key and asks for the new one.
  const card = a.locator('section.lock-settings');
  await card.locator('input[name="current_passphrase"]').fill('first-passphrase');
  await card.locator('input[name="new_passphrase"]').fill('second-passphrase');
  await card.locator('input[name="confirm_passphrase"]').fill('second-passphrase');
  await card.locator('form[name="change-lock"] button[type="submit"]').click();
  await expect(a.locator('.notice.ok')).toContainText('口令已修改');
  await expect(b.locator('.lock-screen')).toBeVisible();
  await expect(b.locator('.notice.key-changed')).toContainText('另一个标签页修改');
  await expect(b.locator('table.customers')).toHaveCount(0);
  await unlock(b, 'first-passphrase');
  await expect(b.locator('.lock-screen .form-error')).toContainText('口令不正确');
  await unlock(b, 'second-passphrase');
  await expect(b.locator('.lock-screen')).toHaveCount(0);
  expect(await customerCount(b)).toBe(count);
  expect((await storedCustomerPages(b)).every((p) => p.startsWith('~'))).toBe(true);

  // Tab A removes the passphrase: tab B reads the book again in the clear, nothing lost.
  await open(a, '#/settings');
  await card.locator('input[name="current_passphrase"]').fill('second-passphrase');
  await card.locator('button[name="remove-lock"]').click();
  await expect(a.locator('.notice.ok')).toContainText('口令已取消');
  await expect(b.locator('.notice.key-changed')).toContainText('口令已在另一个标签页取消');
  await expect(b.locator('.lock-screen')).toHaveCount(0);
  expect(await customerCount(b)).toBe(count);
  await b.locator('table.customers td.name a').first().click();
  await b.locator('.quick-log textarea, .quick-log input[name="summary"]').first().fill('取消口令后的回访');
  await b.locator('.quick-log button[type="submit"]').first().click();
  await expect(b.locator('ol.timeline')).toContainText('取消口令后的回访');
  expect((await storedCustomerPages(b)).some((p) => p.startsWith('~'))).toBe(false);
  await b.reload();
  await expect(b.locator('ol.timeline')).toContainText('取消口令后的回访');
  await a.reload();
  expect(await customerCount(a)).toBe(count);
  expect([...aErrors, ...bErrors]).toEqual([]);
});

// Issue 15.7: before, a plain JSON page put into the customers store of a locked book
// appeared after unlocking with no warning.
test('a page put into a locked book from outside is refused and reported after unlocking', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const count = await customerCount(page);
  await open(page, '#/settings');
  await setLock(page, 'liuke-passphrase');
  await expect(page.locator('.notice.ok')).toContainText('口令已设置');
  await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('liuke');
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('customers', 'readwrite');
      tx.objectStore('customers').put('[{"id":1300,"name":"伪造的客户","since":"2026-01-01"}]', 5);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await unlock(page, 'liuke-passphrase');
  await expect(page.locator('.notice.tampered')).toContainText('有 1 页数据未加密');
  expect(await customerCount(page)).toBe(count);
  await page.locator('input[type="search"]').first().fill('伪造的客户');
  await expect(page.locator('table.customers td.name', { hasText: '伪造的客户' })).toHaveCount(0);
  await open(page, '#/data');
  await expect(page.locator('.unreadable-records .count')).toContainText('共 1 条');
  expect(errors).toEqual([]);
});

// Issue 15.8: before, the backup of a locked book was plain JSON with every name and phone
// number, and nothing said so.
test('a locked book backs up encrypted, restores on a fresh device with its passphrase, and a plain copy asks first', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const count = await customerCount(page);
  const name = (await page.locator('table.customers td.name a').first().innerText()).trim();
  await open(page, '#/settings');
  await setLock(page, 'backup-passphrase');
  await expect(page.locator('.notice.ok')).toContainText('口令已设置');

  await open(page, '#/data');
  await expect(page.locator('.sealed-hint')).toContainText('备份文件会加密');
  await expect(page.locator('#export-backup')).toHaveText('导出加密备份');
  const [sealed] = await Promise.all([page.waitForEvent('download'), page.locator('#export-backup').click()]);
  expect(sealed.suggestedFilename()).toMatch(/encrypted\.json$/);
  const file = await sealed.path();
  const text = await readFile(file, 'utf8');
  expect(JSON.parse(text).format).toBe('liuke-sealed-backup');
  expect(text).not.toContain(name);

  // A plain copy (and a CSV list) only after a warning.
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await page.locator('#export-plain-backup').click();
  expect(asked).toContain('任何拿到文件的人');
  page.once('dialog', (d) => d.accept());
  const [plain] = await Promise.all([page.waitForEvent('download'), page.locator('#export-plain-backup').click()]);
  expect(await readFile(await plain.path(), 'utf8')).toContain(name);
  asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await page.locator('button.export-list').click();
  expect(asked).toContain('CSV 文件不加密');

  const fresh = await browser.newContext({ locale: 'zh-CN' });
  const other = await fresh.newPage();
  const otherErrors = watchErrors(other);
  await open(other, '#/data');
  await other.locator('#restore-file').setInputFiles(file);
  const form = other.locator('form[name="open-backup"]');
  await expect(form).toContainText('加密备份');
  await form.locator('input[name="backup_passphrase"]').fill('wrong-passphrase');
  await form.locator('button[type="submit"]').click();
  await expect(other.locator('.backup .field-error')).toContainText('口令不正确');
  await form.locator('input[name="backup_passphrase"]').fill('backup-passphrase');
  other.once('dialog', (d) => d.accept());
  await form.locator('button[type="submit"]').click();
  await expect(other.locator('.notice.ok')).toContainText('备份已恢复');
  expect(await customerCount(other)).toBe(count);
  await fresh.close();
  expect([...errors, ...otherErrors]).toEqual([]);
});

// Issue 16.7: errors are kept as values and put in words when shown, so switching the
// language re-renders them (before, the Chinese text stayed after switching to English).
test('an error on screen follows a switch of language', async ({ page }) => {
  await loadSample(page);
  await open(page, '#/settings');
  await setLock(page, 'liuke-passphrase');
  await expect(page.locator('.notice.ok')).toContainText('口令已设置');
  await page.reload();
  await unlock(page, 'wrong-passphrase');
  await expect(page.locator('.lock-screen .form-error')).toContainText('口令不正确');
  await page.locator('.lang-switch button', { hasText: 'English' }).click();
  await expect(page.locator('.lock-screen .form-error')).toHaveText('Wrong passphrase. Nothing was changed.');
  await page.locator('.lang-switch button', { hasText: '简体中文' }).click();
  await expect(page.locator('.lock-screen .form-error')).toContainText('口令不正确');
});

// Issue 16.6: device preferences are versioned. The idle-lock minutes stored before
// versions move to the versioned shape; a stored value that does not read is said, not
// silently replaced by the default.
test('the idle-lock minutes kept on this device migrate, and an unreadable value is reported', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/settings');
  await page.evaluate(() => localStorage.setItem('liuke.autolock', '5'));
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(page.locator('.notice')).toHaveCount(0);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('liuke.autolock')))).toEqual({ version: 1, value: 5 });
  // Unlocked, the idle lock does not apply: nothing to say.
  await page.evaluate(() => localStorage.setItem('liuke.autolock', '"ten"'));
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(page.locator('.notice')).toHaveCount(0);
  // Locked, it is said once the book is open.
  await setLock(page, 'correct horse');
  await expect(page.locator('.notice.ok')).toBeVisible();
  await page.reload();
  await unlock(page, 'correct horse');
  await expect(page.locator('.notice.error')).toContainText('自动锁定时间无法读取');
  await expect(page.locator('.notice.error')).toContainText('15 分钟');
  // Reading it wrote nothing: the stored text waits for the user's next choice.
  expect(await page.evaluate(() => localStorage.getItem('liuke.autolock'))).toBe('"ten"');
  expect(errors).toEqual([]);
});
