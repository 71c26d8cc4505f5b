/**
 * The workbench in Chromium, as an officer uses it (issue 4, "Done when"): open the sample; type in
 * 表六 and see totals and the XT-07 marks in 表六 and 表五; undo; paste a 3×1 block; add a 项 row in
 * 表五 through the code picker; save, reload, reopen and find the same numbers. Screenshots of 表五,
 * 表六 and a 表十七 block go to test-results/e2e/. Every request the page makes is recorded and must
 * stay on the app's own origin.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import {
  cell,
  cellText,
  copyText,
  foreignRequests,
  gotoView,
  gridTexts,
  mockFilePickers,
  openPage,
  pasteText,
  screenshot,
  typeInto,
  waitForApp,
  type Watched,
} from './support/page';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { budgetFromBytes } from '../../shared/storage';

const baseUrl = inject('baseUrl');
const SAVE_NAME = 'e2e-渝北区大数据局2024.budget';

describe.skipIf(!baseUrl)('部门预算公开工作台（浏览器版，Chromium）', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    chrome = await launchChromium();
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await mockFilePickers(page, files, SAVE_NAME);
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  it('opens the built-in sample (示例：重庆市渝北区大数据应用发展管理局 2024)', async () => {
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe('示例：重庆市渝北区大数据应用发展管理局 2024');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('已保存');
    expect(await page.textContent('[data-testid=department]')).toBe('重庆市渝北区大数据应用发展管理局');
    expect(await page.textContent('[data-figure="支出合计"]')).toContain('6,095,655.89');
    expect(await page.textContent('[data-testid=status-counts]')).toContain('错误 0');
  });

  it('表六: typing 30201 办公费 updates 表六 totals and marks XT-07 in 表六 and 表五', async () => {
    await gotoView(page, 't6');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('95,000.00');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,685,855.89');
    expect(await cellText(page, 't6', 'total', 'public')).toBe('606,424.48');

    await typeInto(page, 't6', '30201', 'total', '100000');

    expect(await cellText(page, 't6', '30201', 'total')).toBe('100,000.00');
    expect(await cellText(page, 't6', '30201', 'public')).toBe('100,000.00');
    expect(await cellText(page, 't6', '302', 'total')).toBe('611,424.48');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,690,855.89');
    expect(await cellText(page, 't6', 'total', 'public')).toBe('611,424.48');
    expect(await cellText(page, 't6', 'total', 'personnel')).toBe('2,079,431.41');
    // Enter moved the focus down, like a spreadsheet.
    await expect.poll(() => cell(page, 't6', '30205', 'total').getAttribute('class')).toContain('ag-cell-focus');

    // The broken rule marks the 表六 total, says why with the numbers, and counts as an error.
    expect(await cell(page, 't6', 'total', 'total').getAttribute('class')).toContain('mark-error');
    const problem = page.locator('.view[data-view=t6] [data-rule="XT-07"]');
    await expect.poll(() => problem.textContent()).toContain('表六合计 2,690,855.89 元与表五基本支出合计 2,685,855.89 元不一致，相差 5,000.00 元');
    expect(await page.textContent('[data-testid=status-counts]')).toContain('错误 1');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('未保存');

    // The message on hover.
    await cell(page, 't6', 'total', 'total').hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent(), { timeout: 5000 }).toContain('2,690,855.89');
    await screenshot(page, page.locator('.view[data-view=t6] .printed'), 't6-表六-XT-07.png');

    // Clicking the problem's 表五 link opens 表五 with the marked cell focused.
    await problem.locator('button.place', { hasText: '表五' }).click();
    await page.waitForSelector('.view[data-view=t5] .ag-row');
    const t5total = cell(page, 't5', 'total', 'basic');
    expect(await t5total.textContent()).toBe('2,685,855.89');
    expect(await t5total.getAttribute('class')).toContain('mark-error');
    await expect.poll(() => t5total.getAttribute('class')).toContain('ag-cell-focus');
  });

  it('undo clears the mark and puts the numbers back', async () => {
    await page.keyboard.press('Control+z');
    // Undo goes back to where the change was made.
    await page.waitForSelector('.view[data-view=t6] .ag-row');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('95,000.00');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,685,855.89');
    expect(await cellText(page, 't6', 'total', 'public')).toBe('606,424.48');
    expect(await page.locator('.grid-host[data-table=t6] .mark-error').count()).toBe(0);
    expect(await page.textContent('[data-testid=status-counts]')).toContain('错误 0');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('已保存');
    await gotoView(page, 't5');
    expect(await page.locator('.grid-host[data-table=t5] .mark-error').count()).toBe(0);
    // Redo and undo again: the step is kept.
    await page.click('[data-action=redo]');
    await page.waitForSelector('.view[data-view=t6] .ag-row');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('100,000.00');
    await page.click('[data-action=undo]');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('95,000.00');
  });

  it('a rejected entry keeps the old value, says why and stores nothing', async () => {
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30205', 'total', '7千元');
    await expect.poll(() => page.locator('[data-testid=toast]').last().textContent()).toContain('“7千元”不是金额');
    expect(await cellText(page, 't6', '30205', 'total')).toBe('7,000.00');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('已保存');
    expect(await page.isDisabled('[data-action=undo]')).toBe(true);
  });

  it('pastes a 3×1 block copied from Excel into 表六 as one undo step, and copies a block out', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30201', 'total').click();
    await pasteText(page, '96,000.00\r\n7100\r\n43,200.00\r\n');
    await expect.poll(() => cellText(page, 't6', '30201', 'total')).toBe('96,000.00');
    expect(await cellText(page, 't6', '30205', 'total')).toBe('7,100.00');
    expect(await cellText(page, 't6', '30206', 'total')).toBe('43,200.00');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,687,155.89');
    expect(await page.locator('.grid-host[data-table=t6] .in-block').count()).toBe(3);

    // One undo step for the whole block.
    await page.keyboard.press('Control+z');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('95,000.00');
    expect(await cellText(page, 't6', '30205', 'total')).toBe('7,000.00');
    expect(await cellText(page, 't6', '30206', 'total')).toBe('43,000.00');
    await page.keyboard.press('Control+y');
    expect(await cellText(page, 't6', '30206', 'total')).toBe('43,200.00');

    // A bad value anywhere: nothing is pasted, and the message names the cell.
    await cell(page, 't6', '30201', 'total').click();
    // (A value landing on a computed cell is skipped and counted, as in issue 11; undone here.)
    await pasteText(page, '1\tabc\r\n');
    await expect.poll(() => page.locator('[data-testid=toast] > span').last().textContent()).toBe('已粘贴 1 个单元格；1 个由系统计算的单元格未粘贴，其中 1 个与粘贴值不同');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('1.00');
    await page.keyboard.press('Control+z');
    await expect.poll(() => cellText(page, 't6', '30201', 'total')).toBe('96,000.00');
    await cell(page, 't6', '30201', 'total').click();
    await pasteText(page, '1\r\nabc\r\n');
    await expect.poll(() => page.locator('[data-testid=toast]').last().textContent()).toContain('“30205 水费”的“2024年基本支出·总计”：“abc”不是金额');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('96,000.00');

    // Copy out: Shift+↓ twice and Shift+→ twice select a 3×3 block.
    await cell(page, 't6', '30201', 'total').click();
    for (const k of ['Shift+ArrowDown', 'Shift+ArrowDown', 'Shift+ArrowRight', 'Shift+ArrowRight']) await page.keyboard.press(k);
    expect(await copyText(page)).toBe('96,000.00\t\t96,000.00\r\n7,100.00\t\t7,100.00\r\n43,200.00\t\t43,200.00\r\n');
  });

  it('Ctrl+C / Ctrl+V go through the system clipboard', async () => {
    await chrome.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await gotoView(page, 't6');
    await cell(page, 't6', '30201', 'total').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('96,000.00\r\n7,100.00\r\n');
    await cell(page, 't6', '30207', 'total').click();
    await page.keyboard.press('Control+v');
    await expect.poll(() => cellText(page, 't6', '30207', 'total')).toBe('96,000.00');
    expect(await cellText(page, 't6', '30209', 'total')).toBe('7,100.00');
    await page.keyboard.press('Control+z');
    expect(await cellText(page, 't6', '30207', 'total')).toBe('19,420.00');
    expect(await cellText(page, 't6', '30209', 'total')).toBe('109,500.00');
  });

  it('adds a 项 row in 表五 through the code picker (typing 事业运行; 2150550 is found)', async () => {
    await gotoView(page, 't5');
    await page.click('.view[data-view=t5] [data-action=add-row]');
    const picker = page.locator('[data-testid=code-picker]');
    const query = picker.locator('input.query');
    // By code prefix …
    await query.fill('2150550');
    await expect.poll(() => picker.locator('.item').first().getAttribute('data-code')).toBe('2150550');
    // … and by name: 事业运行 lists 2150550 first (the department's own 款), marked as already there.
    await query.fill('事业运行');
    await expect.poll(() => picker.locator('.item').first().getAttribute('data-code')).toBe('2150550');
    const existing = picker.locator('.item[data-code="2150550"]');
    expect(await existing.textContent()).toContain('已在本表');
    expect(await existing.textContent()).toContain('工业和信息产业监管');
    expect(await picker.locator('.item').count()).toBeGreaterThan(10);
    // Picking it again for 基本支出 is refused with a reason.
    await existing.click();
    await expect.poll(() => picker.locator('.warning').textContent()).toContain('已在本表中');
    // Take the first 事业运行 the table does not have yet.
    const code = await picker.locator('.item:not(.taken)').first().getAttribute('data-code');
    expect(code).toMatch(/^\d{5}50$/);
    await picker.locator(`.item[data-code="${code}"]`).click();
    await expect.poll(() => picker.count()).toBe(0);

    const c = code!;
    await expect.poll(() => cellText(page, 't5', c, 'name')).toBe('事业运行');
    expect(await cell(page, 't5', c, 'name').getAttribute('class')).toContain('indent-3');
    expect(await page.locator(`.grid-host[data-table=t5] .ag-row[row-id="${c.slice(0, 5)}"]`).getAttribute('class')).toContain('r-segment');
    expect(await page.locator(`.grid-host[data-table=t5] .ag-row[row-id="${c.slice(0, 3)}"]`).count()).toBe(1);

    // The new line takes amounts like any other.
    await typeInto(page, 't5', c, 'basic', '12,345.60');
    expect(await cellText(page, 't5', c, 'basic')).toBe('12,345.60');
    expect(await cellText(page, 't5', c, 'current')).toBe('12,345.60');
    expect(await cellText(page, 't5', 'total', 'basic')).toBe('2,698,201.49');
    await screenshot(page, page.locator('.view[data-view=t5] .printed'), 't5-表五.png');
  });

  it('saves, reloads the page, reopens the file: the same numbers', async () => {
    await gotoView(page, 't17');
    await screenshot(page, page.locator('[data-block="t17:p1"]'), 't17-表十七-p1.png');
    await gotoView(page, 't6');
    await screenshot(page, page.locator('.view[data-view=t6] .printed'), 't6-表六.png');
    const t6 = await gridTexts(page, 't6');
    await gotoView(page, 't5');
    const t5 = await gridTexts(page, 't5');
    expect(await page.textContent('[data-testid=status-saved]')).toBe('未保存');

    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe(SAVE_NAME);
    expect(await page.textContent('[data-testid=status-saved]')).toBe('已保存');
    expect(await page.evaluate('window.__e2ePickerCalls')).toEqual([['save', '重庆市渝北区大数据应用发展管理局2024年部门预算.budget']]);

    // The bytes are a .budget file (SQLite) holding what was typed.
    const bytes = files.get(SAVE_NAME)!;
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const { budget } = budgetFromBytes(await loadSqlJsNode(), new Uint8Array(bytes), SAVE_NAME);
    expect(budget.econLines.find((l) => l.scheme === 'department' && l.kind === 'basic' && l.code === '30201')?.amount).toBe(9_600_000);

    await page.reload();
    await waitForApp(page);
    expect(await page.textContent('[data-testid=status-file]')).toBe('示例：重庆市渝北区大数据应用发展管理局 2024');
    await page.click('[data-action=open]');
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe(SAVE_NAME);
    expect(await page.textContent('[data-testid=status-saved]')).toBe('已保存');
    await gotoView(page, 't6');
    expect(await gridTexts(page, 't6')).toEqual(t6);
    await gotoView(page, 't5');
    expect(await gridTexts(page, 't5')).toEqual(t5);
  });

  it('asks before discarding unsaved changes (新建)', async () => {
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30207', 'total', '20000');
    await page.click('[data-action=new]');
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => dialog.textContent()).toContain('有未保存的修改');
    await dialog.locator('button', { hasText: '取消' }).click();
    expect(await page.textContent('[data-testid=status-file]')).toBe(SAVE_NAME);
    expect(await cellText(page, 't6', '30207', 'total')).toBe('20,000.00');

    await page.click('[data-action=new]');
    await dialog.locator('button', { hasText: '不保存' }).click();
    const form = page.locator('[data-testid=new-file-dialog]');
    await form.locator('input').first().fill('重庆市渝北区测试局');
    await form.locator('input').nth(1).fill('2025');
    await form.locator('button.primary').click();
    await expect.poll(() => page.textContent('[data-testid=department]')).toBe('重庆市渝北区测试局');
    expect(await page.textContent('[data-testid=status-file]')).toBe('重庆市渝北区测试局 2025');
    expect(await page.textContent('[data-figure="支出合计"]')).toContain('0.00');
  });

  it('requested nothing from any origin but its own, with no page errors', () => {
    expect(w.requests.length).toBeGreaterThan(3);
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(w.errors).toEqual([]);
  });
});
