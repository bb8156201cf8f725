// Issue 17.1: connecting a device to the team's database (Settings → 团队同步). The check
// names each fault a user can meet — with the real answers of a CouchDB-compatible server
// (PouchDB Server) — and the password is kept only when the user says so, sealed when
// the passphrase lock is on.
import { test, expect } from '@playwright/test';
import { open, loadSample, watchErrors } from './helpers.mjs';
import { COUCH } from './playwright.config.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A request to the sync server as its administrator (the test server is an admin party). */
async function couch(method, path, body) {
  const response = await fetch(COUCH + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The stored connection as the browser holds it on disk, or undefined. */
async function storedConnection(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('liuke');
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction('sync').objectStore('sync').get('connection');
      get.onsuccess = () => { db.close(); resolve(get.result); };
      get.onerror = () => reject(get.error);
    };
    request.onerror = () => reject(request.error);
  }));
}

/** Errors other than the failed requests the checks make on purpose. */
function unexpected(errors) {
  return errors.filter((e) => !/Failed to load resource|CORS|ERR_CONNECTION_REFUSED|net::/.test(e));
}

async function fill(card, { server, database, user, password }) {
  if (server !== undefined) await card.locator('input[name="server"]').fill(server);
  if (database !== undefined) await card.locator('input[name="database"]').fill(database);
  if (user !== undefined) await card.locator('input[name="user"]').fill(user);
  if (password !== undefined) await card.locator('input[name="password"]').fill(password);
}

async function checkSays(card, text) {
  await card.locator('button[name="test-connection"]').click();
  await expect(card.locator('.sync-check, .form-error').first()).toContainText(text);
}

test.beforeAll(async () => {
  await couch('DELETE', '/liuke-team');
  expect((await couch('PUT', '/liuke-team')).status).toBe(201);
  await couch('PUT', '/liuke-team/doc-1', { note: 'one document' });
  // li-lei manages the team books of these journeys (journey (d) has a rep).
  const user = await couch('PUT', '/_users/org.couchdb.user:li-lei', {
    name: 'li-lei', password: 'tea-leaf-7', roles: ['liuke-manager'], type: 'user',
  });
  expect([201, 409]).toContain(user.status);
});

test('the connection check names each fault, in Chinese, from the server\'s real answers', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/settings');
  const card = page.locator('section.team-sync');
  await expect(card.locator('h2')).toHaveText('团队同步');

  // Settings that cannot be used are refused beside their field, before anything is sent.
  await fill(card, { server: 'couch.example.com', database: 'liuke-team', user: 'li-lei', password: 'x' });
  await checkSays(card, '服务器地址应以 https:// 开头');
  await fill(card, { server: 'http://192.168.1.20:5984' });
  await checkSays(card, '必须使用 https://');
  await fill(card, { server: COUCH, database: 'Team' });
  await checkSays(card, '数据库名须以小写字母开头');

  // Nothing listens there.
  await fill(card, { server: 'http://127.0.0.1:9', database: 'liuke-team' });
  await checkSays(card, '连接不上 http://127.0.0.1:9');

  await fill(card, { server: COUCH, password: 'wrong' });
  await checkSays(card, '用户名或密码不对');
  await fill(card, { password: 'tea-leaf-7', database: 'liuke-nothing-here' });
  await checkSays(card, '服务器上没有数据库 liuke-nothing-here');
  await fill(card, { database: 'liuke-team' });
  await checkSays(card, '连接成功：已以 li-lei 登录，数据库 liuke-team 中有 1 份文档');

  // The database's security lists other members only.
  await couch('PUT', '/liuke-team/_security', { members: { names: ['someone-else'], roles: [] } });
  try {
    await checkSays(card, 'li-lei 不是数据库 liuke-team 的成员');
  } finally {
    await couch('PUT', '/liuke-team/_security', {});
  }

  // The server runs but allows another site only.
  await couch('PUT', '/_config/cors/origins', 'https://elsewhere.example');
  try {
    await checkSays(card, '未开启 CORS');
    await expect(card.locator('.sync-check')).toContainText('127.0.0.1');
  } finally {
    await couch('PUT', '/_config/cors/origins', '*');
  }
  await checkSays(card, '连接成功');
  expect(unexpected(errors)).toEqual([]);
});

test('the connection is kept; the password only when asked, and sealed under the lock', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '#/settings');
  const card = page.locator('section.team-sync');
  await fill(card, { server: COUCH + '/', database: 'liuke-team', user: 'li-lei', password: 'tea-leaf-7' });
  await card.locator('form[name="team-sync"] button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('团队同步设置已保存');
  // Nothing to undo: this is not a change of the book.
  await expect(page.locator('.notice.ok button')).toHaveCount(0);
  let stored = JSON.parse(await storedConnection(page));
  expect(stored).toEqual({ server: COUCH, database: 'liuke-team', user: 'li-lei' });

  // After a reload the settings are there; without a kept password, the check has none.
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(card.locator('.sync-current')).toContainText(`li-lei · liuke-team · ${COUCH}`);
  await expect(card.locator('input[name="server"]')).toHaveValue(COUCH);
  await checkSays(card, '用户名或密码不对');

  // Kept on the device: in the clear without a lock (the form says so) …
  await expect(card).toContainText('未设口令锁：保存的密码以明文留在本设备的浏览器中');
  await fill(card, { password: 'tea-leaf-7' });
  await card.locator('input[name="keep_password"]').check();
  await card.locator('form[name="team-sync"] button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('团队同步设置已保存');
  stored = JSON.parse(await storedConnection(page));
  expect(stored.password).toBe('tea-leaf-7');
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(card.locator('input[name="keep_password"]')).toBeChecked();
  await checkSays(card, '连接成功');

  // … and sealed once the passphrase lock is set; opened again after unlocking.
  const lock = page.locator('section.lock-settings');
  await lock.locator('input[name="new_passphrase"]').fill('correct horse 42');
  await lock.locator('input[name="confirm_passphrase"]').fill('correct horse 42');
  await lock.locator('form[name="set-lock"] button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible();
  await expect(card).toContainText('口令锁已开启：保存的密码与客户簿一起加密');
  const sealed = await storedConnection(page);
  expect(sealed).not.toContain('tea-leaf-7');
  expect(sealed).not.toContain('li-lei');
  await page.reload();
  await page.locator('.lock-screen input[name="passphrase"]').fill('correct horse 42');
  await page.locator('.lock-screen button[type="submit"]').click();
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await expect(card.locator('.sync-current')).toContainText('li-lei · liuke-team');
  await checkSays(card, '连接成功');

  // Disconnecting forgets the server and the password on this device.
  page.once('dialog', (dialog) => dialog.accept());
  await card.locator('button[name="forget-connection"]').click();
  await expect(page.locator('.notice.ok')).toContainText('已断开团队数据库');
  await expect(card.locator('.sync-current')).toHaveCount(0);
  expect(await storedConnection(page)).toBeUndefined();
  expect(unexpected(errors)).toEqual([]);
});

/** Connects a device to the team database and keeps the password. */
async function connect(page, database, user = 'li-lei', password = 'tea-leaf-7') {
  await open(page, '#/settings');
  const card = page.locator('section.team-sync');
  await fill(card, { server: COUCH, database, user, password });
  await card.locator('input[name="keep_password"]').check();
  await card.locator('form[name="team-sync"] button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('团队同步设置已保存');
}

/** Syncs once from the settings and returns what it said. */
async function syncNow(page) {
  await open(page, '#/settings');
  const card = page.locator('section.team-sync');
  await card.locator('button[name="sync-now"]').click();
  const result = card.locator('.sync-result:not(.hint)');
  await expect(result).toContainText('同步完成', { timeout: 60_000 });
  return result.innerText();
}

/** The header's word on sync. */
function badge(page) {
  return page.locator('header .sync-badge');
}

/** A fresh team database and two devices (fresh browsers) on it. */
async function twoDevices(browser, database) {
  await couch('DELETE', `/${database}`);
  expect((await couch('PUT', `/${database}`)).status).toBe(201);
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [a, b] = [await contexts[0].newPage(), await contexts[1].newPage()];
  return { contexts, a, b, errors: [watchErrors(a), watchErrors(b)] };
}

async function addStaff(page, name) {
  await open(page, '#/staff');
  await page.getByRole('button', { name: '添加员工' }).click();
  await page.locator('form input[name="name"]').fill(name);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.notice.ok')).toBeVisible();
}

async function addCustomer(page, name) {
  await open(page, '#/customers');
  await page.getByRole('button', { name: '添加客户' }).click();
  await page.locator('form input[name="name"]').fill(name);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function docIds(database) {
  const all = await couch('GET', `/${database}/_all_docs`);
  return all.body.rows.map((r) => r.id);
}

test('journey (a): a device joins with its own book; a customer and a visit reach the other device, and its change comes back live', async ({ browser }) => {
  const { contexts, a, b, errors } = await twoDevices(browser, 'liuke-team-a');
  // Device A keeps its own small book, then joins the team database.
  await addStaff(a, '王芳');
  await expect(badge(a)).toHaveCount(0);
  await connect(a, 'liuke-team-a');
  expect(await syncNow(a)).toContain('发出');
  await expect(badge(a)).toHaveText(/已同步/);
  let ids = await docIds('liuke-team-a');
  expect(ids).toContain('device:1');
  expect(ids.some((id) => id.startsWith('staff:'))).toBe(true);

  // After joining, a customer and a visit made on A go out by themselves.
  await addCustomer(a, '南京华联商贸有限公司');
  await a.locator('button[data-log="interaction"]').click();
  await a.locator('.quick-log button[data-kind="visit"]').click();
  await a.locator('.quick-log select[name="staff"]').selectOption({ label: '王芳' });
  await a.locator('.quick-log input[name="summary"]').fill('上门拜访，商谈明年框架协议');
  await a.locator('.quick-log button[type="submit"]').click();
  await expect(a.locator('.notice.ok')).toContainText('跟进记录已保存');
  const customerUrl = a.url();
  await expect.poll(async () => (await docIds('liuke-team-a')).filter((id) => id.startsWith('interaction:')).length).toBe(1);
  await expect(badge(a)).toHaveText(/已同步/);

  // Device B, a fresh browser, joins and sees both.
  await connect(b, 'liuke-team-a');
  expect(await syncNow(b)).toMatch(/收到 [1-9]/);
  await open(b, '#/customers');
  await b.locator('table.customers').getByRole('link', { name: '南京华联商贸有限公司' }).click();
  await expect(b.getByRole('heading', { level: 1, name: '南京华联商贸有限公司' })).toBeVisible();
  const visit = b.locator('ol.timeline li.interactions').first();
  await expect(visit).toContainText('上门拜访，商谈明年框架协议');
  await expect(visit).toContainText('王芳');
  // Who made it, on which device, when: li-lei on A, the first device to join.
  await expect(visit.locator('.entry-made')).toHaveText(/^li-lei · 设备 1 · \d{4}-\d\d-\d\d \d\d:\d\d$/);
  // The same record on both devices: the address names the same id.
  expect(b.url().split('#')[1]).toBe(customerUrl.split('#')[1]);

  // B's change reaches A while A looks at its staff list, with no button pressed.
  await open(a, '#/staff');
  await addStaff(b, '李强');
  await expect(a.locator('table.list tbody')).toContainText('李强', { timeout: 10_000 });
  await a.reload();
  await expect(a.locator('table.list tbody')).toContainText('李强');
  await expect(a.locator('table.list tbody')).toContainText('王芳');
  // Nothing was written twice: one document per record.
  ids = await docIds('liuke-team-a');
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => id.startsWith('staff:'))).toHaveLength(2);
  expect(ids.filter((id) => id.startsWith('customer:'))).toHaveLength(1);
  expect(ids.filter((id) => id.startsWith('device:'))).toHaveLength(2);

  // Clearing would replace the team's book: refused, with what to do instead.
  await open(a, '#/data');
  await a.getByRole('button', { name: '清空客户名册' }).click();
  await expect(a.locator('.notice.error')).toContainText('本客户簿与团队共用');
  await open(a, '#/customers');
  await expect(a.locator('table.customers tbody tr.row')).toHaveCount(1);
  // Leaving the team on A: asked first; then no more sync on A, and the book stays.
  await open(a, '#/settings');
  a.once('dialog', (dialog) => dialog.accept());
  await a.locator('button[name="forget-connection"]').click();
  await expect(a.locator('.notice.ok')).toContainText('已断开团队数据库');
  await expect(badge(a)).toHaveCount(0);
  await open(a, '#/customers');
  await expect(a.locator('table.customers')).toContainText('南京华联商贸有限公司');
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('a change made offline waits, is counted in the header, and goes out when the network returns', async ({ browser }) => {
  const { contexts, a, b, errors } = await twoDevices(browser, 'liuke-team-offline');
  await connect(a, 'liuke-team-offline');
  await syncNow(a);
  await connect(b, 'liuke-team-offline');
  await syncNow(b);
  await expect(badge(b)).toHaveText(/已同步/);

  await contexts[0].setOffline(true);
  await expect(badge(a)).toHaveText('离线');
  await addCustomer(a, '无锡新区五金');
  await expect(badge(a)).toHaveText('离线 · 1 项待发送');
  // Typing is never held up: the customer is saved and shown at once.
  await open(a, '#/customers');
  await expect(a.locator('table.customers')).toContainText('无锡新区五金');
  expect((await docIds('liuke-team-offline')).some((id) => id.startsWith('customer:'))).toBe(false);

  await contexts[0].setOffline(false);
  await expect(badge(a)).toHaveText(/已同步/, { timeout: 15_000 });
  await open(b, '#/customers');
  await expect(b.locator('table.customers')).toContainText('无锡新区五金', { timeout: 10_000 });
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('journey (e): the team database recreated empty gets everything again from a device', async ({ browser }) => {
  const { contexts, a, b, errors } = await twoDevices(browser, 'liuke-team-e');
  await addStaff(a, '王芳');
  await addCustomer(a, '常州天宁贸易');
  await connect(a, 'liuke-team-e');
  await syncNow(a);
  await connect(b, 'liuke-team-e');
  await syncNow(b);
  await addCustomer(b, '镇江丹徒物流');
  await expect.poll(async () => (await docIds('liuke-team-e')).filter((id) => id.startsWith('customer:')).length).toBe(2);
  const before = (await docIds('liuke-team-e')).sort();

  // Restored on the server from a backup older than any of it.
  await couch('DELETE', '/liuke-team-e');
  await couch('PUT', '/liuke-team-e');
  // The devices notice on their own and send everything again; nothing twice. (A long
  // poll open on the deleted database may get no answer from PouchDB Server: the
  // device then notices when that request times out, after 30 s.)
  await expect.poll(async () => (await docIds('liuke-team-e')).sort(), { timeout: 60_000 }).toEqual(before);
  await expect(badge(a)).toHaveText(/已同步/, { timeout: 15_000 });
  await expect(badge(b)).toHaveText(/已同步/, { timeout: 15_000 });
  // And the team works on: a change on A reaches B.
  await addCustomer(a, '扬州广陵商行');
  await open(b, '#/customers');
  // (B's long poll may be one of those left unanswered: then B hears after 30 s.)
  await expect(b.locator('table.customers')).toContainText('扬州广陵商行', { timeout: 45_000 });
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('journey (g): a password changed on the server stops the sync with a question, keeps every unsent change, and the new password sends them', async ({ browser }) => {
  const { contexts, a, errors } = await twoDevices(browser, 'liuke-team-g');
  const account = '/_users/org.couchdb.user:zhang-wei';
  const old = await couch('GET', account);
  if (old.status === 200) await couch('DELETE', `${account}?rev=${old.body._rev}`);
  expect((await couch('PUT', account, { name: 'zhang-wei', password: 'old-pass-1', roles: [], type: 'user' })).status).toBe(201);
  await connect(a, 'liuke-team-g', 'zhang-wei', 'old-pass-1');
  await syncNow(a);
  await expect(badge(a)).toHaveText(/已同步/);

  // The administrator changes the password on the server (the account's session ends).
  const current = await couch('GET', account);
  expect((await couch('PUT', account, { ...current.body, password: 'new-pass-2' })).status).toBe(201);
  await addCustomer(a, '泰州海陵建材');
  await expect(badge(a)).toHaveText('同步需要密码', { timeout: 15_000 });
  // The refused password is not tried again and again; the change waits.
  await a.waitForTimeout(1_500);
  expect((await docIds('liuke-team-g')).some((id) => id.startsWith('customer:'))).toBe(false);
  await open(a, '#/settings');
  const card = a.locator('section.team-sync');
  await expect(card.locator('.sync-last-error')).toContainText('用户名或密码不对');

  // The new password, typed and used once, sends what waited and is kept in its place.
  await fill(card, { password: 'new-pass-2' });
  await card.locator('button[name="sync-now"]').click();
  await expect(card.locator('.sync-result:not(.hint)')).toContainText('同步完成', { timeout: 30_000 });
  expect((await docIds('liuke-team-g')).some((id) => id.startsWith('customer:'))).toBe(true);
  await expect(badge(a)).toHaveText(/已同步/, { timeout: 15_000 });
  expect(JSON.parse(await storedConnection(a)).password).toBe('new-pass-2');
  // And the next change goes out by itself.
  await addCustomer(a, '宿迁宿城纺织');
  await expect.poll(async () => (await docIds('liuke-team-g')).filter((id) => id.startsWith('customer:')).length).toBe(2);
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

async function editCustomer(page, url, fields) {
  await page.goto(url);
  await page.locator('.page-head').getByRole('button', { name: '编辑' }).click();
  const form = page.locator('form', { hasText: '编辑客户资料' });
  for (const [name, value] of Object.entries(fields)) await form.locator(`input[name="${name}"]`).fill(value);
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toContainText('客户已保存');
}

/** Two devices joined to a fresh team database, both holding one customer made on A. */
async function oneCustomerOnTwo(browser, database, name) {
  const devices = await twoDevices(browser, database);
  await connect(devices.a, database);
  await syncNow(devices.a);
  await addCustomer(devices.a, name);
  const url = devices.a.url();
  await connect(devices.b, database);
  await syncNow(devices.b);
  return { ...devices, url };
}

/** Both devices offline while `edits` runs; online again after. */
async function apart(contexts, edits) {
  for (const c of contexts) await c.setOffline(true);
  await edits();
  for (const c of contexts) await c.setOffline(false);
}

test('journey (b): both devices offline edit different fields of one customer; both end with both edits and no conflict', async ({ browser }) => {
  const { contexts, a, b, errors, url } = await oneCustomerOnTwo(browser, 'liuke-team-b', '盐城亭湖机电');
  await b.goto(url);
  await expect(b.getByRole('heading', { level: 1, name: '盐城亭湖机电' })).toBeVisible();

  await apart(contexts, async () => {
    await editCustomer(a, url, { region: '华东' });
    await editCustomer(b, url, { notes: '只接受月结' });
  });

  for (const page of [a, b]) {
    await page.goto(url);
    await expect(page.locator('p.notes')).toHaveText('只接受月结', { timeout: 20_000 });
    await expect(page.locator('.facts').first()).toContainText('华东', { timeout: 20_000 });
  }
  const id = 'customer:' + url.split('/').pop();
  await expect.poll(async () => {
    const doc = await couch('GET', `/liuke-team-b/${id}?conflicts=true`);
    return [doc.body.region, doc.body.notes, doc.body._conflicts ?? []];
  }, { timeout: 20_000 }).toEqual(['华东', '只接受月结', []]);
  await expect(badge(a)).toHaveText(/已同步/);
  await expect(badge(b)).toHaveText(/已同步/);
  // The merge is logged on the device that made it (both may have), naming the record
  // and the field taken from the other device.
  const logged = [];
  for (const page of [a, b]) {
    await open(page, '#/settings');
    logged.push(...await page.locator('.merge-log li').allInnerTexts());
  }
  expect(logged.length).toBeGreaterThan(0);
  for (const line of logged) expect(line).toMatch(/客户 盐城亭湖机电[\s\S]*已自动合并；取自另一台设备的：(地区|备注)$/);
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('journey (b): the same field changed on both devices is a conflict on both, settled once on one, settled everywhere', async ({ browser }) => {
  const { contexts, a, b, errors, url } = await oneCustomerOnTwo(browser, 'liuke-team-b2', '淮安清江浦粮油');

  await apart(contexts, async () => {
    await editCustomer(a, url, { notes: '周三上门送样' });
    await editCustomer(b, url, { notes: '周五电话回访' });
  });

  // Both devices show the same version, marked, and count the conflict in the header.
  for (const page of [a, b]) {
    await expect(page.locator('header .sync-badge.conflicts')).toHaveText('1 处冲突', { timeout: 20_000 });
    await page.goto(url);
    await expect(page.locator('.conflict-mark')).toContainText('尚未处理');
  }
  await expect.poll(async () => a.locator('p.notes').innerText()).toBe(await b.locator('p.notes').innerText());
  const shown = await a.locator('p.notes').innerText();
  const other = shown === '周三上门送样' ? '周五电话回访' : '周三上门送样';

  // Settled on A: the other version is kept.
  await a.locator('.conflict-mark a').click();
  const card = a.locator('article.conflict');
  await expect(card.locator('h2')).toHaveText('客户 · 淮安清江浦粮油');
  const row = card.locator('tr[data-field="notes"]');
  await expect(row.locator('td').nth(0)).toHaveText(shown);
  await expect(row.locator('td').nth(1)).toHaveText(other);
  // Each version says who made it on which device: the same user on A and on B.
  const made = await card.locator('thead .made-by').allInnerTexts();
  expect(made).toHaveLength(2);
  for (const line of made) expect(line).toMatch(/^li-lei · 设备 [12] · \d{4}-\d\d-\d\d \d\d:\d\d$/);
  expect(made[0]).not.toBe(made[1]);
  await card.locator('button[name="take-1"]').click();
  await card.locator('button[name="resolve"]').click();
  await expect(a.locator('.notice.ok')).toContainText('冲突已处理');
  await expect(a.locator('.conflict-none')).toBeVisible();
  await expect(a.locator('header .sync-badge.conflicts')).toHaveCount(0);

  // Settled on B too, and on the server; it stays settled after a reload.
  await expect(b.locator('header .sync-badge.conflicts')).toHaveCount(0, { timeout: 20_000 });
  await b.goto(url);
  await expect(b.locator('p.notes')).toHaveText(other);
  await b.reload();
  await expect(b.locator('p.notes')).toHaveText(other);
  await expect(b.locator('.conflict-mark')).toHaveCount(0);
  await expect(b.locator('header .sync-badge.conflicts')).toHaveCount(0);
  const id = 'customer:' + url.split('/').pop();
  await expect.poll(async () => {
    const doc = await couch('GET', `/liuke-team-b2/${id}?conflicts=true`);
    return [doc.body.notes, doc.body._conflicts ?? []];
  }, { timeout: 20_000 }).toEqual([other, []]);
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('journey (c): a customer deleted on one device while edited on another is shown on both, not dropped; deleted again, it is gone everywhere', async ({ browser }) => {
  const { contexts, a, b, errors, url } = await oneCustomerOnTwo(browser, 'liuke-team-c', '连云港海州水产');

  await apart(contexts, async () => {
    await a.goto(url);
    a.once('dialog', (dialog) => dialog.accept());
    await a.locator('.page-head').getByRole('button', { name: '删除' }).click();
    await expect(a.locator('.notice.ok')).toBeVisible();
    await editCustomer(b, url, { notes: '下周签约' });
  });

  // The edit is not dropped: the customer is back on A, with its edit, marked on both.
  for (const page of [a, b]) {
    await expect(page.locator('header .sync-badge.conflicts')).toHaveText('1 处冲突', { timeout: 20_000 });
    await page.goto(url);
    await expect(page.locator('p.notes')).toHaveText('下周签约');
    await expect(page.locator('.conflict-mark')).toBeVisible();
  }
  await open(a, '#/conflicts');
  const card = a.locator('article.conflict');
  await expect(card.locator('.conflict-deleted')).toContainText('被删除');
  await expect(card.locator('button[name="resolve"]')).toHaveText('保留这条记录');

  // A deletes it again: gone on both, and no conflict anywhere.
  await card.locator('button[name="delete-record"]').click();
  await expect(a.locator('.notice.ok')).toContainText('记录已删除');
  await expect(a.locator('.conflict-none')).toBeVisible();
  await expect(b.locator('header .sync-badge.conflicts')).toHaveCount(0, { timeout: 20_000 });
  await open(b, '#/customers');
  await expect(b.locator('table.customers')).not.toContainText('连云港海州水产', { timeout: 20_000 });
  await b.reload();
  await expect(b.locator('main .loading')).toHaveCount(0);
  await expect(b.locator('table.customers')).not.toContainText('连云港海州水产');
  await expect(b.locator('header .sync-badge.conflicts')).toHaveCount(0);
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('journey (h): a device with its own book chooses, with the counts shown, to merge it (nothing overwritten) or to start from the team\'s', async ({ browser }) => {
  const { contexts, a, b, errors } = await twoDevices(browser, 'liuke-team-h');
  const third = await browser.newContext();
  const c = await third.newPage();
  errors.push(watchErrors(c));
  await addCustomer(a, '苏州工业园精密');
  await connect(a, 'liuke-team-h');
  // The team database is empty: the first device's book becomes the team's, no question.
  expect(await syncNow(a)).toContain('发出');

  await addCustomer(b, '南通崇川纺机');
  await connect(b, 'liuke-team-h');
  const card = b.locator('section.team-sync');
  await card.locator('button[name="sync-now"]').click();
  const choice = card.locator('.sync-join');
  await expect(choice).toContainText('1 位客户');
  await expect(choice).toContainText('团队数据库中也已有');
  await expect(card.locator('.sync-last-error')).toHaveCount(0);
  await choice.locator('button[name="join-merge"]').click();
  await expect(card.locator('.sync-result:not(.hint)')).toContainText('同步完成', { timeout: 30_000 });
  for (const page of [b, a]) {
    await open(page, '#/customers');
    await expect(page.locator('table.customers')).toContainText('苏州工业园精密', { timeout: 15_000 });
    await expect(page.locator('table.customers')).toContainText('南通崇川纺机', { timeout: 15_000 });
  }

  await addCustomer(c, '泰兴黄桥烧饼坊');
  await connect(c, 'liuke-team-h');
  const cCard = c.locator('section.team-sync');
  await cCard.locator('button[name="sync-now"]').click();
  c.once('dialog', (dialog) => dialog.accept());
  await cCard.locator('.sync-join button[name="join-team"]').click();
  await expect(cCard.locator('.sync-result:not(.hint)')).toContainText('同步完成', { timeout: 30_000 });
  await open(c, '#/customers');
  await expect(c.locator('table.customers tbody tr.row')).toHaveCount(2);
  await expect(c.locator('table.customers')).toContainText('南通崇川纺机');
  await expect(c.locator('table.customers')).not.toContainText('泰兴黄桥烧饼坊');
  const ids = await docIds('liuke-team-h');
  expect(ids.filter((id) => id.startsWith('customer:'))).toHaveLength(2);
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const x of [...contexts, third]) await x.close();
});

test('journey (f): a page closed in the middle of its first sync resumes when opened again, nothing lost and nothing twice', async ({ browser }) => {
  const { contexts, a, errors } = await twoDevices(browser, 'liuke-team-f');
  await loadSample(a);
  await connect(a, 'liuke-team-f');
  // Each batch takes a while, as on a slow network, so the page closes mid-way.
  const slow = async (route) => { await new Promise((r) => setTimeout(r, 300)); await route.continue().catch(() => {}); };
  await contexts[0].route('**/liuke-team-f/_bulk_docs', slow);
  await a.locator('section.team-sync button[name="sync-now"]').click();
  // Closed while the sample book (thousands of documents) is on its way.
  await expect.poll(async () => (await couch('GET', '/liuke-team-f')).body.doc_count, { timeout: 60_000 })
    .toBeGreaterThan(300);
  await a.close();
  const cut = (await couch('GET', '/liuke-team-f')).body.doc_count;
  await contexts[0].unroute('**/liuke-team-f/_bulk_docs', slow);

  // Opened again: the sync goes on by itself from where it was.
  const again = await contexts[0].newPage();
  errors.push(watchErrors(again));
  await open(again, '#/customers');
  await expect(badge(again)).toHaveText(/已同步/, { timeout: 90_000 });
  const info = (await couch('GET', '/liuke-team-f')).body;
  expect(info.doc_count).toBeGreaterThan(cut);
  const all = await couch('GET', '/liuke-team-f/_all_docs');
  const ids = all.body.rows.map((r) => r.id);
  // Every record once, each at its first version: nothing was written twice.
  expect(new Set(ids).size).toBe(ids.length);
  expect(all.body.rows.every((r) => r.value.rev.startsWith('1-'))).toBe(true);
  const customers = ids.filter((id) => id.startsWith('customer:')).length;
  const shown = Number((await again.locator('p.count').innerText()).replace(/,/g, '').match(/\d+/g).pop());
  expect(customers).toBe(shown);
  expect(ids).toContain('settings:team');
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});

test('the script that prepares a team database: its members, its rules on every write, and CORS for the app', async ({ page }) => {
  const errors = watchErrors(page);
  await couch('DELETE', '/liuke-team-prepared');
  await open(page, '#/settings');
  const origin = new URL(page.url()).origin;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    const said = execFileSync('node', ['scripts/prepare-team-db.mjs', '--server', COUCH, '--database', 'liuke-team-prepared',
      '--members', 'li-lei', '--origin', origin], { cwd: root, encoding: 'utf8' });
    expect(said).toContain('created the database liuke-team-prepared');
    expect(said).toContain('installed the rules');
    // Again: nothing to do twice.
    const again = execFileSync('node', ['scripts/prepare-team-db.mjs', '--server', COUCH, '--database', 'liuke-team-prepared',
      '--members', 'li-lei'], { cwd: root, encoding: 'utf8' });
    expect(again).toContain('the rules are there already');
    expect((await couch('GET', '/liuke-team-prepared/_security')).body.members.names).toEqual(['li-lei']);

    // The app, on the allowed site, works with it as a member.
    await addCustomer(page, '宜兴丁蜀紫砂');
    await connect(page, 'liuke-team-prepared');
    expect(await syncNow(page)).toContain('发出');
    expect((await docIds('liuke-team-prepared')).some((id) => id.startsWith('customer:'))).toBe(true);
    // Anything that is not a document of the app is refused by the server itself.
    const forged = await couch('PUT', '/liuke-team-prepared/customer:7', { id: 8, name: '伪造' });
    expect(forged.status).toBe(403);
    expect(forged.body.reason).toContain('names id 8');
    expect((await couch('PUT', '/liuke-team-prepared/notes:1', {})).status).toBe(403);
  } finally {
    await couch('PUT', '/_config/cors/origins', '*');
  }
  expect(unexpected(errors)).toEqual([]);
});

/** Creates (or resets) a user of the test server with its roles. */
async function account(name, password, roles) {
  const path = `/_users/org.couchdb.user:${name}`;
  const old = await couch('GET', path);
  const rev = old.status === 200 ? { _rev: old.body._rev } : {};
  const put = await couch('PUT', path, { ...rev, name, password, roles, type: 'user' });
  expect(put.status).toBe(201);
}

test('journey (d): a rep\'s forbidden change is refused by the server with the reason on its record, the rest syncs; on the device the rep cannot make it', async ({ browser }) => {
  const db = 'liuke-team-d';
  await couch('DELETE', `/${db}`);
  // 王芳 manages the team; 赵敏 is a rep who was a manager until today.
  await account('wang-fang', 'plum-blossom-9', []);
  await account('zhao-min', 'pine-needle-4', ['liuke-manager']);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const said = execFileSync('node', ['scripts/prepare-team-db.mjs', '--server', COUCH, '--database', db,
    '--members', 'zhao-min', '--managers', 'wang-fang'], { cwd: root, encoding: 'utf8' });
  expect(said).toContain('wang-fang is a manager');
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [m, r] = [await contexts[0].newPage(), await contexts[1].newPage()];
  const errors = [watchErrors(m), watchErrors(r)];

  await addStaff(m, '王芳');
  await addCustomer(m, '常州武进精密');
  await addStaff(m, '赵敏');
  await connect(m, db, 'wang-fang', 'plum-blossom-9');
  expect(await syncNow(m)).toContain('发出');
  await connect(r, db, 'zhao-min', 'pine-needle-4');
  expect(await syncNow(r)).toMatch(/收到 [1-9]/);
  // Who am I: 赵敏, and the role as the server says it.
  const who = r.locator('form[name="who-am-i"]');
  await who.locator('select[name="staff"]').selectOption({ label: '赵敏' });
  await who.locator('button[name="save-me"]').click();
  await expect(r.locator('.notice.ok')).toContainText('已记录您的身份');
  await expect(who.locator('.sync-role')).toContainText('主管');
  // Her agenda is hers to begin with; her customers are one choice away.
  await open(r, '#/agenda');
  await expect(r.locator('select[name="person"] option:checked')).toHaveText('赵敏');
  await open(r, '#/customers');
  await expect(r.locator('select[name="owner"] option', { hasText: '我的客户' })).toHaveCount(1);

  // Offline, still a manager on this device, 赵敏 deletes the customer and adds a colleague.
  await contexts[1].setOffline(true);
  await open(r, '#/customers');
  await r.locator('table.customers').getByRole('link', { name: '常州武进精密' }).click();
  r.once('dialog', (dialog) => dialog.accept());
  await r.locator('.page-head button.danger').click();
  // This notice, not the one still showing from the save before; then the page goes back
  // to the list before the next page is opened.
  await expect(r.locator('.notice.ok')).toContainText('客户已删除');
  await expect(r).toHaveURL(/#\/customers$/);
  await addStaff(r, '周杰');
  // Meanwhile the team takes the manager's role away from 赵敏.
  await account('zhao-min', 'pine-needle-4', []);
  await contexts[1].setOffline(false);

  // The server refuses the deletion and takes the rest: the customer is back on 赵敏's
  // device, saying why; 周杰 reaches 王芳; the customer was never gone there.
  await open(r, '#/customers');
  const back = r.locator('table.customers').getByRole('link', { name: '常州武进精密' });
  await expect(back).toBeVisible({ timeout: 20_000 });
  await back.click();
  await expect(r.locator('.refusal-mark')).toContainText('只有主管可以删除客户');
  await open(m, '#/staff');
  await expect(m.locator('table.list tbody')).toContainText('周杰', { timeout: 20_000 });
  await open(m, '#/customers');
  await expect(m.locator('table.customers')).toContainText('常州武进精密');
  const id = (await couch('GET', `/${db}/_all_docs`)).body.rows.map((row) => row.id).find((x) => x.startsWith('customer:'));
  expect((await couch('GET', `/${db}/${id}`)).status).toBe(200);
  // Not sent again: nothing waits on 赵敏's device.
  await expect(badge(r)).toHaveText(/已同步/);

  // Now a rep on the device too: deleting is not offered, and the reason is given.
  await r.reload();
  await expect(r.locator('.page-head button.danger')).toBeDisabled({ timeout: 20_000 });
  await expect(r.locator('.page-head button.danger')).toHaveAttribute('title', '只有主管可以删除客户。');
  // Giving the customer to a colleague is a manager's: refused before anything is saved.
  await r.locator('.page-head').getByRole('button', { name: '编辑' }).click();
  const form = r.locator('form').filter({ has: r.locator('select[name="owner"]') });
  await form.locator('select[name="owner"]').selectOption({ label: '王芳' });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('.field-error')).toContainText('只有主管可以更换客户的负责人');
  // Leaving the refused form asks first (issue 18.5): yes.
  r.once('dialog', (d) => d.accept());
  await open(r, '#/settings');
  await expect(r.locator('form[name="who-am-i"] .sync-role')).toContainText('客户经理');
  // The refused change is listed with its reason; the team's settings are a manager's.
  await expect(r.locator('.refusal-list li')).toHaveCount(1);
  await expect(r.locator('.refusal-list li')).toContainText('常州武进精密');
  await expect(r.locator('.refusal-list li')).toContainText('只有主管可以删除客户');
  await expect(r.locator('.forbidden-hint')).toHaveText('只有主管可以修改团队设置。');
  await expect(r.locator('fieldset.team-settings input').first()).toBeDisabled();
  // A rep adds a customer of her own: hers from the start, taken by the server, signed
  // with her name.
  await open(r, '#/customers');
  await r.getByRole('button', { name: '添加客户' }).click();
  await r.locator('form input[name="name"]').fill('溧阳天目湖茶业');
  await expect(r.locator('form select[name="owner"] option:checked')).toHaveText('赵敏');
  await r.getByRole('button', { name: '保存' }).click();
  await expect(r.getByRole('heading', { level: 1, name: '溧阳天目湖茶业' })).toBeVisible();
  await expect.poll(async () => {
    const all = await couch('GET', `/${db}/_all_docs?include_docs=true`);
    const owned = all.body.rows.map((row) => row.doc).filter((doc) => doc._id.startsWith('relationship:'));
    return owned.map((doc) => doc.changed?.by);
  }, { timeout: 20_000 }).toEqual(['zhao-min']);
  await expect(badge(r)).toHaveText(/已同步/);
  await open(m, '#/customers');
  await expect(m.locator('table.customers')).toContainText('溧阳天目湖茶业', { timeout: 20_000 });
  await expect(m.locator('table.customers tr', { hasText: '溧阳天目湖茶业' })).toContainText('赵敏');
  for (const e of errors) expect(unexpected(e)).toEqual([]);
  for (const c of contexts) await c.close();
});
