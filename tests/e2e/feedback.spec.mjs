// Issue 18, point 4: feedback where the eye is. Saved, undo and refusal notices used to
// render at the top of the page, often far above the screen on a tablet; a pool claim
// without a claimer said so only at the top of the pool page.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { open, loadSample, watchErrors } from './helpers.mjs';

/** Whether the element is wholly inside the viewport. */
async function onScreen(page, locator) {
  const box = await locator.boundingBox();
  const view = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
}

test.use({ viewport: { width: 820, height: 1180 } });

test('a save at the foot of a long customer page is reported on screen, announced, with its undo', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  await page.locator('table.customers td.name a').first().click();
  await expect(page.locator('ol.timeline li').first()).toBeVisible();
  // The last entry's edit form, at the foot of the page.
  const last = page.locator('ol.timeline > li').last();
  await last.getByRole('button', { name: '编辑' }).click();
  const save = last.locator('button[type="submit"]');
  await save.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
  await save.click();
  const notice = page.locator('.toasts[aria-live="polite"] .notice.ok');
  await expect(notice).toBeVisible();
  expect(await onScreen(page, notice)).toBe(true);
  // Its undo is reachable where it is.
  await notice.getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.notice.ok')).toContainText('已撤销');
  expect(await onScreen(page, page.locator('.notice.ok'))).toBe(true);
  expect(errors).toEqual([]);
});

test('claiming from far down the pool without a claimer brings the reason into view beside the picker', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  // The pool rules switched on, and the customers they return confirmed into the pool.
  await open(page, '#/settings');
  await page.locator('section.pool-settings input[name="pool_enabled"]').check();
  await expect(page.locator('.notice.ok')).toContainText('团队设置已保存');
  await open(page, '#/pool');
  await page.locator('section.pool-ask button[name="pool-confirm"]').click();
  await expect(page.locator('.notice.pool-recycled')).toBeVisible();
  const rows = page.locator('table.pool-list tbody tr');
  expect(await rows.count()).toBeGreaterThan(10);
  const claim = rows.last().getByRole('button', { name: '领取' });
  await claim.scrollIntoViewIfNeeded();
  const bar = page.locator('.claim-bar');
  expect(await onScreen(page, bar)).toBe(false);
  await claim.click();
  await expect(bar.locator('.form-error')).toHaveText('请先选择领取人。');
  expect(await onScreen(page, bar.locator('.form-error'))).toBe(true);
  expect(await onScreen(page, bar.locator('select'))).toBe(true);
  expect(errors).toEqual([]);
});

// Issue 18, point 3: logging is one tap away. The follow-up form started about 3,000 px
// down a customer's page, below eight cards; the agenda's "去记录" opened the page's top.
test('the log form is first on a customer page, and 去记录 on a survey entry opens the survey form', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  await page.locator('table.customers td.name a').first().click();
  await expect(page.locator('.quick-log')).toHaveAttribute('data-mode', 'interaction');
  expect(await onScreen(page, page.locator('.quick-log input[name="summary"]'))).toBe(true);
  expect(await onScreen(page, page.locator('.quick-log button[type="submit"]'))).toBe(true);

  await open(page, '#/agenda');
  const group = page.locator('section[data-section="overdue"] details.agenda-group[data-kind="survey_due"]');
  await group.locator('summary').click();
  const entry = group.locator('li.agenda-entry').first();
  const customer = (await entry.locator('.what a').first().innerText()).trim();
  await entry.getByRole('link', { name: '去记录' }).click();
  await expect(page).toHaveURL(/#\/customers\/\d+\/log\/surveys$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(customer);
  await expect(page.locator('.quick-log')).toHaveAttribute('data-mode', 'survey');
  expect(await onScreen(page, page.locator('.quick-log button[data-score="4"]'))).toBe(true);
  await page.locator('.quick-log button[data-score="4"]').click();
  await page.locator('.quick-log button[type="submit"]').click();
  await expect(page.locator('.notice.ok')).toBeVisible();
  await open(page, '#/agenda');
  await expect(page.locator('li.agenda-entry[data-kind="survey_due"]', { hasText: customer })).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Issue 18, point 6: pinyin. `njhl`, `nanjing` and `lgq` found nothing, and Chinese names
// sorted by code point (东莞, 中山, 九江 …).
test('customers are found by full pinyin or initials, and names and regions are in pinyin order', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  const names = page.locator('table.customers td.name a');
  const search = page.locator('input[name="search"]');
  await search.fill('nanjing');
  await expect(names.first()).toContainText('南京');
  const found = await names.allInnerTexts();
  expect(found.length).toBeGreaterThan(1);
  expect(found.every((n) => n.includes('南京'))).toBe(true);
  await search.fill('NJBFWJ');
  await expect(names).toHaveText(['南京宝丰五金有限公司']);
  await search.fill('');
  // Regions offered in pinyin order (by code point 华东 came before 华北).
  const regions = (await page.locator('select[name="region"] option').allInnerTexts()).slice(1);
  expect(regions.slice(0, 5)).toEqual(['东北', '华北', '华东', '华南', '华中']);
  // Names sorted in pinyin order: 东莞 (dong), 广州 (guang), 深圳 (shen), 中山 (zhong);
  // by code point 中山 came right after 东莞.
  await page.locator('select[name="region"]').selectOption('华南');
  const south = await names.allInnerTexts();
  const first = (city) => south.findIndex((n) => n.startsWith(city));
  const order = ['东莞', '广州', '深圳', '中山'].map(first);
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  // The risk register's search finds by pinyin too.
  await open(page, '#/risk');
  await page.locator('select[name="band"]').selectOption('');
  await page.locator('input[name="search"]').fill('njbfwj');
  await expect(page.locator('table.register-table tbody tr td.name a')).toHaveText(['南京宝丰五金有限公司']);
  expect(errors).toEqual([]);
});

// Issue 18, point 7: the customer list's filters and sort were lost on Back and reload.
test('the customer list keeps its search, filters and sort in the address, through Back and a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  await page.locator('input[name="search"]').fill('公司');
  await page.locator('select[name="region"]').selectOption('华东');
  await page.locator('select[name="tier"]').selectOption('B');
  const revenue = page.locator('table.customers th.num');
  await revenue.locator('button.sort').click();
  await expect(revenue).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/#\/customers\?q=%E5%85%AC%E5%8F%B8&tier=B&region=%E5%8D%8E%E4%B8%9C&sort=revenue&desc=1$/);
  const count = await page.locator('p.count').innerText();
  const names = await page.locator('table.customers td.name a').allInnerTexts();
  expect(names.length).toBeGreaterThan(1);

  const same = async () => {
    await expect(page.locator('input[name="search"]')).toHaveValue('公司');
    await expect(page.locator('select[name="region"]')).toHaveValue('华东');
    await expect(page.locator('select[name="tier"]')).toHaveValue('B');
    await expect(revenue).toHaveAttribute('aria-sort', 'descending');
    await expect(page.locator('p.count')).toHaveText(count);
    expect(await page.locator('table.customers td.name a').allInnerTexts()).toEqual(names);
  };
  await page.locator('table.customers td.name a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(names[0]);
  await page.goBack();
  await same();
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await same();

  // The risk register too: its search, band and owner.
  await open(page, '#/risk');
  await page.locator('select[name="band"]').selectOption('');
  await page.locator('input[name="search"]').fill('nanjing');
  await expect(page).toHaveURL(/#\/risk\?q=nanjing&band=all$/);
  const risky = await page.locator('table.register-table tbody tr td.name a').allInnerTexts();
  expect(risky.length).toBeGreaterThan(0);
  expect(risky.every((n) => n.includes('南京'))).toBe(true);
  await page.locator('table.register-table tbody tr td.name a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(risky[0]);
  await page.goBack();
  await expect(page.locator('input[name="search"]')).toHaveValue('nanjing');
  await expect(page.locator('select[name="band"]')).toHaveValue('');
  expect(await page.locator('table.register-table tbody tr td.name a').allInnerTexts()).toEqual(risky);
  await page.reload();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(page.locator('input[name="search"]')).toHaveValue('nanjing');
  expect(await page.locator('table.register-table tbody tr td.name a').allInnerTexts()).toEqual(risky);
  expect(errors).toEqual([]);
});

// Issue 18, point 10: touch and reading. On a tablet, small buttons were 36 px, links in
// lists 19 px tall; an empty search showed an empty table with no word.
test.describe('on a touch screen', () => {
  test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });

  test('every control is at least 44 px tall, and an empty search says so', async ({ page }) => {
    const errors = watchErrors(page);
    await loadSample(page);
    const short = async () => page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('main button, main a, main input, main select, nav a')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const label = el.closest('label');
        const height = Math.max(r.height, label ? label.getBoundingClientRect().height : 0);
        if (height < 44) out.push(`${el.tagName} "${(el.innerText || el.name || '').slice(0, 20)}" ${Math.round(height)} px`);
      }
      return out;
    });
    for (const hash of ['#/', '#/customers', '#/agenda', '#/risk', '#/staff', '#/rotation', '#/winback', '#/data', '#/settings']) {
      await open(page, hash);
      await expect(page.locator('main h1').first()).toBeVisible();
      expect(await short(), hash).toEqual([]);
    }
    await open(page, '#/customers');
    await page.locator('table.customers td.name a').first().click();
    await expect(page.locator('.quick-log')).toBeVisible();
    expect(await short(), 'customer').toEqual([]);
    // The customer list keeps one row height on touch (it is virtualized).
    await open(page, '#/customers');
    const heights = await page.locator('table.customers tr.row').evaluateAll((rows) => rows.slice(0, 5).map((r) => r.getBoundingClientRect().height));
    expect(new Set(heights)).toEqual(new Set([52]));
    await page.locator('input[name="search"]').fill('zzzz没有这个客户');
    await expect(page.locator('.empty-search')).toContainText('没有符合搜索和筛选条件的客户');
    await page.locator('.empty-search button[name="clear-filters"]').click();
    await expect(page.locator('input[name="search"]')).toHaveValue('');
    await expect(page.locator('.empty-search')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

// Issue 18, point 8: the risk register's 下一步 / 加入待办 column was off-screen at 820 and
// 1280 px; now each line is a card with every action in view.
for (const width of [820, 1280]) {
  test(`every register line's next step and 加入待办 are on screen at ${width} px, with no sideways scrolling`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height: 1000 });
    await loadSample(page);
    await open(page, '#/risk');
    const lines = page.locator('table.register-table tbody tr');
    await expect(lines.first()).toBeVisible();
    for (const i of [0, 1, 2]) {
      const add = lines.nth(i).locator('button.add-agenda');
      await add.scrollIntoViewIfNeeded();
      const box = await add.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await expect(lines.nth(i).locator('td.action')).toHaveAttribute('data-label', '下一步');
    }
    const wide = await page.evaluate(() => [...document.querySelectorAll('main .table-wrap')].map((w) => w.scrollWidth - w.clientWidth));
    expect(Math.max(0, ...wide)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await lines.first().locator('button.add-agenda').click();
    await expect(page.locator('.notice.ok')).toBeVisible();
    expect(errors).toEqual([]);
  });
}

// Issue 18, point 9 (part): a region typed as 华东区 beside the book's 华东 split the
// customer filters; the add form now offers the book's regions and industries and says
// when a typed one is a near-duplicate.
test('the customer form offers the book\'s regions and catches 华东区 beside 华东', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await open(page, '#/customers');
  await page.getByRole('button', { name: '添加客户' }).click();
  const form = page.locator('form.form');
  expect(await page.locator('datalist#known-regions option').count()).toBeGreaterThan(3);
  await expect(page.locator('datalist#known-regions option[value="华东"]')).toHaveCount(1);
  await expect(form.locator('input[name="region"]')).toHaveAttribute('list', 'known-regions');
  await form.locator('input[name="name"]').fill('镇江新区测试贸易有限公司');
  await form.locator('input[name="region"]').fill('华东区');
  const warning = form.locator('.near-duplicate');
  await expect(warning).toContainText('本册已有“华东”，是同一个吗？');
  await warning.getByRole('button', { name: '改用“华东”' }).click();
  await expect(form.locator('input[name="region"]')).toHaveValue('华东');
  await expect(warning).toHaveCount(0);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('镇江新区测试贸易有限公司');
  const facts = page.locator('dl.facts').first();
  await expect(facts).toContainText('华东');
  await expect(facts).not.toContainText('华东区');
  expect(errors).toEqual([]);
});

// Issue 18, point 11: complaints, payment plans and the forgotten-customer lists export as
// CSV for Excel, like the other lists.
test('complaints, payment plans and forgotten customers export as CSV files Excel reads in Chinese', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  const read = async (download) => {
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  };
  // An overdue instalment of ¥30,000 on the first customer.
  await open(page, '#/customers');
  const link = page.locator('table.customers td.name a').first();
  const name = (await link.innerText()).trim();
  await link.click();
  const plan = page.locator('section.payment-plan');
  await plan.locator('input[name="instalment_due"]').fill('2026-11-10');
  await plan.locator('input[name="instalment_amount"]').fill('30000');
  await plan.locator('button[name="add-instalment"]').click();
  await expect(plan.locator('li.instalment')).toHaveCount(1);

  await open(page, '#/data');
  const select = page.locator('select[name="export_kind"]');
  await select.selectOption('instalments');
  const [instalments] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-list').click()]);
  expect(instalments.suggestedFilename()).toBe('liuke-instalments-2026-11-22.csv');
  const rows = await read(instalments);
  expect(rows[0]).toBe('客户,到期日,金额,回款金额,未回款,最近回款日期,状态,备注');
  expect(rows.filter((r) => r.startsWith(`${name},2026-11-10,30000.00,0.00,30000.00,,已逾期`))).toHaveLength(1);

  await select.selectOption('complaints');
  const [complaints] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-list').click()]);
  const lines = await read(complaints);
  expect(lines[0].split(',')).toContain('状态');
  expect(lines.length).toBeGreaterThan(2);
  expect(lines.slice(1).every((l) => /已受理|调查中|已解决，待反馈|已反馈结果/.test(l))).toBe(true);

  await open(page, '#/forgotten');
  await page.locator('button.chip[data-days="90"]').click();
  const count = Number((await page.locator('p.count').innerText()).replace(/,/g, '').match(/\d+/)[0]);
  const [forgotten] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-csv').click()]);
  expect(forgotten.suggestedFilename()).toBe('liuke-forgotten-90d-2026-11-22.csv');
  const forgottenRows = await read(forgotten);
  expect(forgottenRows).toHaveLength(count + 1);
  // Days without follow-up, the next-to-last column (a name may hold a quoted comma).
  const days = forgottenRows.slice(1).map((r) => Number(r.split(',').at(-2)));
  expect(days.filter((d) => !(d > 90))).toEqual([]);
  expect(errors).toEqual([]);
});
