/**
 * What an officer types into an amount cell: anything that is not an amount is refused with a
 * message naming the row and the column, and nothing is stored (no undo step, still 已保存).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cell, cellText, foreignRequests, gotoView, openPage, pasteText, typeInto, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('录入金额：错误的输入不被保存，提示指明单元格', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium();
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await page.goto(baseUrl);
    await waitForApp(page);
    await gotoView(page, 't6');
  });

  afterAll(async () => {
    await chrome?.close();
  });

  const lastToast = () => page.locator('[data-testid=toast]').last().textContent();

  it.each([
    ['abc', '“abc”不是金额'],
    ['1.234', '超过两位小数'],
    ['1e5', '不接受科学计数法'],
    ['-5', '预算金额不能为负数'],
    ['1,23', '千分位逗号位置不对'],
  ])('typing %s is refused, naming 30205 水费 and its column', async (typed, reason) => {
    await typeInto(page, 't6', '30205', 'total', typed);
    await expect.poll(lastToast).toContain(reason);
    expect(await lastToast()).toContain('“30205 水费”的“2024年基本支出·总计”');
    expect(await cellText(page, 't6', '30205', 'total')).toBe('7,000.00');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('已保存');
    expect(await page.isDisabled('[data-action=undo]')).toBe(true);
  });

  it('full-width digits from a Chinese input method are an amount', async () => {
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('７１００．５');
    await page.keyboard.press('Enter');
    await expect.poll(() => cellText(page, 't6', '30205', 'total')).toBe('7,100.50');
    await page.click('[data-action=undo]');
    expect(await cellText(page, 't6', '30205', 'total')).toBe('7,000.00');
  });

  it('a paste block larger than the table changes nothing', async () => {
    await cell(page, 't6', '30201', 'total').click();
    await pasteText(page, Array.from({ length: 400 }, () => '1').join('\r\n'));
    await expect.poll(lastToast).toContain('超出了表格范围，没有任何单元格被修改');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('95,000.00');
    expect(await page.isDisabled('[data-action=undo]')).toBe(true);
  });

  it('requested nothing from any origin but its own, with no page errors', () => {
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
