/**
 * The browser host without the File System Access API (Firefox, older Chromium, locked-down
 * policies): 保存 hands the file to the browser as a download, 打开 uses a file input, and closing
 * the tab with unsaved changes triggers the browser's own prompt.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cellText, foreignRequests, gotoView, gridTexts, openPage, typeInto, waitForApp, withoutFileSystemAccess, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('浏览器版：没有文件系统访问接口时（下载保存、文件选择打开）', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'budget-e2e-files-'));
  let savedPath = '';

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
  });

  it('saves as a download, guards the tab, reopens through a file input', async () => {
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30201', 'total', '123456.78');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,714,312.67');
    const texts = await gridTexts(page, 't6');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=save]')]);
    expect(download.suggestedFilename()).toBe('重庆市渝北区大数据应用发展管理局2024年部门预算.budget');
    const path = join(dir, download.suggestedFilename());
    savedPath = path;
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await expect.poll(() => page.textContent('[data-testid=status-saved]')).toBe('已保存');

    // An unsaved change: reloading asks first (the browser's beforeunload prompt).
    await typeInto(page, 't6', '30205', 'total', '1');
    await page.waitForTimeout(1000); // journaled within a second (crash recovery)
    const prompts: string[] = [];
    page.on('dialog', (d) => {
      prompts.push(d.type());
      void d.accept();
    });
    await page.reload();
    await waitForApp(page);
    expect(prompts).toEqual(['beforeunload']);
    // Leaving anyway kept the unsaved edit as a recovery journal: offered back, here discarded.
    const recovery = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => recovery.textContent()).toContain('有 1 处修改尚未保存');
    await recovery.locator('button', { hasText: '放弃' }).click();

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action=open]')]);
    await chooser.setFiles(path);
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe(download.suggestedFilename());
    await gotoView(page, 't6');
    expect(await gridTexts(page, 't6')).toEqual(texts);
  });

  it('a file that is not a .budget: the reason as the storage layer words it; a workbook is offered for import', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures');
    // A .budget from an older version opens (migrated in memory).
    let [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action=open]')]);
    await chooser.setFiles(join(fixtures, 'budget-v1.budget'));
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe('budget-v1.budget');

    // Not a budget file at all: the BudgetFileError message, as is.
    const notBudget = join(dir, '说明.budget');
    writeFileSync(notBudget, '这不是数据库');
    [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action=open]')]);
    await chooser.setFiles(notBudget);
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => dialog.textContent()).toContain('无法打开“说明.budget”：不是部门预算文件（这是文本文件');
    await dialog.locator('button').click();
    expect(await page.textContent('[data-testid=status-file]')).toBe('budget-v1.budget');

    // A published workbook: 导入 makes a new, unsaved department-year and shows the import report.
    [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action=open]')]);
    await chooser.setFiles(join(fixtures, 'import/inconsistent.xlsx'));
    await expect.poll(() => dialog.textContent()).toContain('要把它导入为一个新的部门预算吗');
    await dialog.locator('button', { hasText: '导入' }).click();
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toContain('导入完成');
    expect(await dialog.textContent()).toContain('2 处印出的数字与按录入数计算的结果不一致');
    await dialog.locator('button').click();
    expect(await page.textContent('[data-testid=department]')).toBe('重庆市渝北区数字示范管理局');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('未保存');
  });

  it('新建 → 由上年文件结转: last year\'s amounts become 上年预算数', async () => {
    await page.click('[data-action=new]');
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await dialog.locator('button', { hasText: '不保存' }).click(); // the imported workbook above
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=new-file-dialog] [data-action=rollover]')]);
    await chooser.setFiles(savedPath);
    await expect.poll(() => dialog.textContent()).toContain('新建 2025 年度：重庆市渝北区大数据应用发展管理局（由 2024 年度文件结转）');
    await dialog.locator('button').click();
    expect(await page.textContent('[data-testid=status-saved]')).toBe('未保存');
    await gotoView(page, 't5');
    expect(await cellText(page, 't5', '2150550', 'prior')).toBe('912,794.88');
    expect(await cellText(page, 't5', '2150550', 'current')).toBe('');
  });

  it('requested nothing from any origin but its own', () => {
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
