/**
 * The 情况说明 view in Chromium: a pasted narrative is checked as it is typed, against the data and
 * within itself — a count that does not match its list (STR-13) shows beside the text, with the
 * seed's own findings. Screenshot at 1366×768: test-results/e2e/narrative-edited.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { openPage, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('情况说明：手工修改的文本也核对文中数字之间的关系', () => {
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

  it('shows a text-only finding beside the pasted text', async () => {
    await page.click('nav [data-view="narrative"]');
    await page.waitForSelector('[data-testid=narrative-view]');
    await page.click('[data-action=mode-edited]');
    const seed = readFileSync(join(__dirname, '../fixtures/seed-narrative.txt'), 'utf8').replace('单位内设2个科室', '单位内设3个科室');
    await page.fill('[data-testid=narrative-textarea]', seed);
    const side = page.locator('.edited aside');
    await expect.poll(() => side.textContent(), { timeout: 15000 }).toContain('单位构成：写内设科室3个，列出的名称有2个');
    const text = (await side.textContent()) ?? '';
    expect(text).toContain('STR-13');
    expect(text).toContain('产业发展');
    expect(text).toContain('并核对文中数字前后是否一致');
    mkdirSync(join(process.cwd(), 'test-results/e2e'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), 'test-results/e2e/narrative-edited.png') });
    expect(w.errors).toEqual([]);
  });
});


describe.skipIf(!baseUrl)('导入工作簿时从上年情况说明填入文字', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium();
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    // The <input type=file> path, so playwright can hand over both files.
    await page.addInitScript('delete window.showOpenFilePicker;');
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  it('imports a workbook and fills 职能职责, 单位构成, 联系方式 from the chosen narrative, listed in the report', async () => {
    const fixtures = join(__dirname, '../fixtures');
    let [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action=open]')]);
    await chooser.setFiles(join(fixtures, 'import/realistic.xlsx'));
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => dialog.textContent()).toContain('要把它导入为一个新的部门预算吗');
    await page.screenshot({ path: join(process.cwd(), 'test-results/e2e/import-with-narrative.png') });
    [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.locator('button', { hasText: '同时从上年情况说明填入文字' }).click()]);
    await chooser.setFiles(join(fixtures, 'seed-narrative.txt'));
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toContain('导入完成');
    const report = (await dialog.textContent()) ?? '';
    expect(report).toContain('从上年情况说明“seed-narrative.txt”（2024年）填入：职能职责（6段）；单位构成（1段）；联系人（彭松）；联系电话（023-81924861）');
    expect(report).toContain('未填入：增减原因：每年不同，不沿用');
    await dialog.locator('button').click();
    await page.click('nav [data-view="narrative"]');
    await page.waitForSelector('[data-testid=narrative-generated]');
    expect(await page.textContent('[data-testid=narrative-generated]')).toContain('区大数据发展局单位内设2个科室');
    expect(w.errors).toEqual([]);
  });
});
