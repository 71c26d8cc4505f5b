/**
 * The window's 导出 under another table set: the dialog offers the sets of shared/tables/registry.ts
 * (the budget's own first chosen), lists the chosen set's tables, and the workbook it writes has that
 * set's sheets with the same money as `export --template mof-143-2016` on the command line.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { foreignRequests, openPage, waitForApp, withoutFileSystemAccess, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('导出：按另一套公开表样', () => {
  const downloads = mkdtempSync(join(tmpdir(), 'budget-export-template-'));
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium();
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await withoutFileSystemAccess(page);
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  const dialog = () => page.locator('[role=dialog][aria-labelledby=export-title]');

  it('the overview shows the sample\'s figures (read by role from its own set)', async () => {
    const figures = await page.locator('[data-testid=overview] .figure').evaluateAll((els) => els.map((e) => [e.querySelector('.flabel')!.textContent, e.querySelector('.fvalue')!.textContent]));
    expect(figures).toEqual([
      ['收入合计', '6,095,655.89'],
      ['支出合计', '6,095,655.89'],
      ['基本支出', '2,685,855.89'],
      ['项目支出', '3,409,800.00'],
      ['“三公”经费', '42,000.00'],
    ]);
  });

  it('offers every set, the file\'s own chosen, and lists the chosen set\'s tables', async () => {
    await page.click('[data-action=export]');
    const select = dialog().locator('[data-testid=export-template]');
    expect(await select.inputValue()).toBe('chongqing-yubei-2024');
    expect(await select.locator('option').allTextContents()).toEqual([
      '重庆市渝北区 部门预算公开（十七张表）（17 张表）（本文件的表样）',
      '财政部 部门预算公开最低要求（财预〔2016〕143号，九张表）（9 张表）',
    ]);
    expect(await dialog().locator('.tables .no').allTextContents()).toHaveLength(17);
    await select.selectOption('mof-143-2016');
    await expect.poll(() => dialog().locator('.tables .no').allTextContents()).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    expect(await dialog().locator('.count').textContent()).toBe('已选 9 / 9 张');
  });

  it('writes the workbook under the national set: 目录 + 表1…表9, the same money', async () => {
    for (const label of ['网页（.html）', 'PDF（.pdf）']) await dialog().locator('label', { hasText: label }).locator('input').uncheck();
    const docx = dialog().locator('label', { hasText: '部门预算情况说明 Word 文件（.docx）' }).locator('input');
    if (await docx.count()) await docx.uncheck();
    const got: string[] = [];
    const saving: Promise<void>[] = [];
    page.on('download', (d) => {
      saving.push((async () => {
        const path = join(downloads, d.suggestedFilename());
        await d.saveAs(path);
        got.push(path);
      })());
    });
    await dialog().locator('button.primary').click();
    await expect.poll(() => dialog().textContent(), { timeout: 30_000 }).toContain('已导出 1 个文件');
    await expect.poll(() => got.length).toBe(1);
    await Promise.all(saving);
    expect(got[0].endsWith('2024年重庆市渝北区大数据应用发展管理局部门预算公开表.xlsx')).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(got[0]) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['目录', '表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    const at = (sheet: string, address: string) => wb.getWorksheet(sheet)!.getCell(address).value;
    expect([at('表1', 'A17'), at('表1', 'B17'), at('表1', 'D17')]).toEqual(['收入总计', 6095655.89, 6095655.89]);
    expect([at('表3', 'A5'), at('表3', 'C5'), at('表3', 'D5'), at('表3', 'E5')]).toEqual(['合计', 6095655.89, 2685855.89, 3409800]);
    expect([at('表7', 'A6'), at('表7', 'C6'), at('表7', 'F6')]).toEqual([42000, 40000, 2000]);
    expect(at('目录', 'C9')).toBe('2024年一般公共预算“三公”经费支出表');
  });

  it('leaves the document under its own set, and requested nothing beyond its own origin', async () => {
    await dialog().locator('button', { hasText: '完成' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.locator('nav [data-view="t17"]').textContent()).toContain('表十七');
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
