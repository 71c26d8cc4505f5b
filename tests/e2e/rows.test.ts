/**
 * Rows beyond the function tables: an economic 款 in 表六 (and a code missing from the catalog,
 * allowed after a warning), deleting with a confirmation that names the row, a project with its
 * 表十七 block, indicators, Chinese text typed into the form cells; undo walks back across tables.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cell, cellText, foreignRequests, gotoView, openPage, typeInto, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('行的添加与删除', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium();
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  const picker = () => page.locator('[data-testid=code-picker]');
  const lastToast = () => page.locator('[data-testid=toast]').last().textContent();

  it('表六: adds 30215 会议费 by name, then deletes it after a confirmation naming it', async () => {
    await gotoView(page, 't6');
    await page.click('.view[data-view=t6] [data-action=add-row]');
    await picker().locator('input.query').fill('会议');
    await expect.poll(() => picker().locator('.item').first().getAttribute('data-code')).toBe('30215');
    await page.keyboard.press('Enter');
    await expect.poll(() => cellText(page, 't6', '30215', 'name')).toBe('会议费');
    await typeInto(page, 't6', '30215', 'total', '3000');
    expect(await cellText(page, 't6', '30215', 'public')).toBe('3,000.00');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,688,855.89');

    await cell(page, 't6', '30215', 'name').click();
    await page.click('.view[data-view=t6] [data-action=delete-row]');
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => dialog.textContent()).toContain('确定删除表六中的“30215 会议费”吗？');
    await dialog.locator('button', { hasText: '删除' }).click();
    await expect.poll(() => page.locator('.grid-host[data-table=t6] .ag-row[row-id="30215"]').count()).toBe(0);
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,685,855.89');

    // A sum row cannot be deleted.
    await cell(page, 't6', '302', 'name').click();
    await page.click('.view[data-view=t6] [data-action=delete-row]');
    await expect.poll(lastToast).toContain('类行是其下各款的合计');
  });

  it('a code missing from the catalog is allowed after a warning, with the name the officer gives', async () => {
    await page.click('.view[data-view=t6] [data-action=add-row]');
    await picker().locator('input.query').fill('30298');
    await picker().locator('.unknown input').fill('数据服务费');
    await picker().locator('.unknown button').click();
    await expect.poll(() => picker().locator('.warning').textContent()).toContain('目录中没有科目 30298');
    await picker().locator('.unknown button').click();
    await expect.poll(() => cellText(page, 't6', '30298', 'name')).toBe('数据服务费');
    expect(await lastToast()).toContain('目录中没有此科目');
  });

  it('表十七: a new project block, an indicator typed in Chinese, then undo across tables', async () => {
    await gotoView(page, 't17');
    await page.click('.view[data-view=t17] [data-action=add-row]');
    const dialog = page.locator('[data-testid=project-dialog]');
    await dialog.locator('input').first().fill('政务云扩容');
    await dialog.locator('button.primary').click();
    await expect.poll(() => page.locator('[data-block="t17:p7"]').count()).toBe(1);
    expect(await cellText(page, 't17:p7', 'name', 'c1')).toBe('政务云扩容');

    await page.locator('[data-block="t17:p7"] button', { hasText: '添加指标' }).click();
    await expect.poll(() => page.locator('.grid-host[data-table="t17:p7"] .ag-row[row-id="ind:0"]').count()).toBe(1);
    // Enter opens a text cell's editor; what is typed (here through the IME path) is kept.
    await cell(page, 't17:p7', 'ind:0', 'c1').click();
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('云资源利用率');
    await page.keyboard.press('Enter');
    await expect.poll(() => cellText(page, 't17:p7', 'ind:0', 'c1')).toBe('云资源利用率');

    // The amount goes in 表十三; the block's 当年预算 follows.
    await gotoView(page, 't13');
    await typeInto(page, 't13', 'p7', 'gpb', '80000');
    expect(await cellText(page, 't13', 'p7', 'total')).toBe('80,000.00');
    await gotoView(page, 't17');
    expect(await cellText(page, 't17:p7', 'budget', 'c1')).toBe('80,000.00');

    // Undo goes back to where each change was made: 表十三, then 表十七.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getAttribute('nav .entry.active', 'data-view')).toBe('t13');
    expect(await cellText(page, 't13', 'p7', 'gpb')).toBe('');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getAttribute('nav .entry.active', 'data-view')).toBe('t17');
    await expect.poll(() => cellText(page, 't17:p7', 'ind:0', 'c1')).toBe('');
  });

  it('表十五: 下移 moves the selected indicator one place down, the grid follows it, undo moves it back', async () => {
    await gotoView(page, 't15');
    const first = await cellText(page, 't15', 'ind:0', 'c1');
    const second = await cellText(page, 't15', 'ind:1', 'c1');
    expect(first).not.toBe(second);
    await cell(page, 't15', 'ind:0', 'c1').click();
    await page.click('.view[data-view=t15] [data-action=move-down]');
    await expect.poll(() => cellText(page, 't15', 'ind:1', 'c1')).toBe(first);
    expect(await cellText(page, 't15', 'ind:0', 'c1')).toBe(second);
    expect(await lastToast()).toContain('已下移一行绩效指标');
    await page.keyboard.press('Control+z');
    await expect.poll(() => cellText(page, 't15', 'ind:0', 'c1')).toBe(first);
    expect(await cellText(page, 't15', 'ind:1', 'c1')).toBe(second);
  });

  it('requested nothing from any origin but its own, with no page errors', () => {
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
