import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']]) {
  for (const width of [820, 1280]) {
    const ctx = await browser.newContext({ locale, viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto('http://127.0.0.1:4190/?today=2026-11-22#/settings');
    await page.locator('main .loading').waitFor({ state: 'detached' }).catch(() => {});
    await page.locator('section.pool-settings input[name="pool_enabled"]').check();
    await page.locator('.notice.ok').waitFor();
    await page.locator('.notice.ok').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/settings-${lang}-${width}.png` });
    await ctx.close();
  }
}
await browser.close();
