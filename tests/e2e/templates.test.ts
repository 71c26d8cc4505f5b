/**
 * 新建 asks for the table set: a new file under 财预〔2016〕143号's nine tables shows 表1…表9 in the
 * navigation and the overview, takes an amount in 表5, and its totals follow in 表1 and 表3.
 * Screenshots of the dialog and of 表5 go to test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { openPage, screenshot, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('新建：选择公开表样', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium({ viewport: { width: 1366, height: 768 } });
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  it('offers both sets, the 渝北 set first', async () => {
    await page.click('[data-action=new]');
    const form = page.locator('[data-testid=new-file-dialog]');
    const options = await form.locator('select[data-field=template] option').allTextContents();
    expect(options).toEqual(['重庆市渝北区 部门预算公开（十七张表）', '财政部 部门预算公开最低要求（财预〔2016〕143号，九张表）']);
    expect(await form.locator('select[data-field=template]').inputValue()).toBe('chongqing-yubei-2024');
    await form.locator('input').first().fill('某某市某某局');
    await form.locator('input').nth(1).fill('2025');
    await form.locator('select[data-field=template]').selectOption('mof-143-2016');
    await screenshot(page, form, 'new-file-template.png');
    await form.locator('button.primary').click();
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe('某某市某某局 2025');
  });

  it('the new file has the nine national tables, and a typed amount reaches its totals', async () => {
    const nav = await page.locator('nav [data-view]').evaluateAll((els) => els.map((e) => e.getAttribute('data-view')));
    expect(nav.filter((v) => /^n\d$/.test(v ?? ''))).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9']);
    await page.click('nav [data-view="n7"]');
    const cellSel = '.grid-host[data-table="n7"] .ag-row[row-id="amounts"] .ag-cell[col-id="current:reception"]';
    await page.click(cellSel);
    await page.keyboard.type('2000');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.textContent('.grid-host[data-table="n7"] .ag-row[row-id="amounts"] .ag-cell[col-id="current:total"]'))?.trim()).toBe('2,000.00');
    await page.click('nav [data-view="overview"]');
    await expect.poll(() => page.textContent('[data-figure="“三公”经费"]')).toContain('2,000.00');
    expect(await page.textContent('[data-testid=overview] h2')).toBe('9 张表');
    await screenshot(page, page.locator('[data-testid=overview]'), 'new-file-national-overview.png');
    expect(w.errors).toEqual([]);
  });
});
