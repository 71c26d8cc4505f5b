/**
 * The grid habits officers bring from Excel and WPS, one test each, at 1366×768 on the built-in
 * sample: the numbers that end up in the cells (and in the totals computed from what was stored).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cell, cellText, copyText, declineRecovery, foreignRequests, gotoView, mockFilePickers, openPage, pasteText, shownAtCentre, waitForApp, type Watched } from './support/page';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { budgetToBytes } from '../../shared/storage';

const baseUrl = inject('baseUrl');
const VIEWPORT = { width: 1366, height: 768 };

describe.skipIf(!baseUrl)('表格操作习惯（与 Excel、WPS 一致），1366×768', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium({ viewport: VIEWPORT });
    await chrome.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    // Last year's file, for 新建年度 (the open picker hands it over).
    const files = new Map([['2024.budget', Buffer.from(budgetToBytes(await loadSqlJsNode(), yubeiBigData2024()))]]);
    await mockFilePickers(page, files, '2025.budget');
  });

  beforeEach(async () => {
    await page.goto(baseUrl);
    await waitForApp(page);
    await declineRecovery(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  const t6 = (row: string, col = 'total') => cellText(page, 't6', row, col);
  const lastToast = () => page.locator('[data-testid=toast] > span').last().textContent();
  const editor = () => page.locator('.cell-editor-input');
  const focused = (table: string) =>
    page.evaluate(`(() => {
      const c = document.querySelector('.grid-host[data-table="${table}"] .ag-cell-focus');
      return c ? c.closest('.ag-row').getAttribute('row-id') + '/' + c.getAttribute('col-id') : '';
    })()`);
  const inBlock = (table: string) => page.locator(`.grid-host[data-table="${table}"] .ag-cell.in-block`).count();

  /** Whether a cell lies wholly inside its grid's visible body (not cut at an edge). */
  async function wholeInGrid(table: string, loc: Locator): Promise<boolean> {
    const box = (await loc.boundingBox())!;
    const view = (await page.locator(`.grid-host[data-table="${table}"] .ag-grid-viewport`).boundingBox())!;
    return box.x >= view.x - 1 && box.x + box.width <= view.x + view.width + 1;
  }

  it('typing over a cell (输入 mode): ↓ commits the value and moves, → too', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'total').click();
    await page.keyboard.type('100');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('200');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30101')).toBe('100.00');
    expect(await t6('30102')).toBe('200.00');
    // 人员经费 and 合计 are computed from what was stored.
    expect(await t6('30101', 'personnel')).toBe('100.00');
    expect(await t6('total')).toBe('2,056,551.89');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.type('5');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => t6('30205')).toBe('5.00');
    expect(await focused('t6')).toBe('30205/personnel');
    // F2 while typing switches to 编辑 mode: ← moves the caret.
    await cell(page, 't6', '30206', 'total').click();
    await page.keyboard.type('12');
    await page.keyboard.press('F2');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30206')).toBe('132.00');
  });

  it('F2 (编辑 mode): ← → move the caret, ↑ ↓ commit and move; a double-click too', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('F2');
    await expect.poll(() => editor().inputValue()).toBe('7000');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('1');
    expect(await editor().inputValue()).toBe('17000');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => t6('30205')).toBe('17,000.00');
    expect(await focused('t6')).toBe('30206/total');

    await cell(page, 't6', '30101', 'total').dblclick();
    await expect.poll(() => editor().inputValue()).toBe('428316');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('9');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => t6('30101')).toBe('4,283,196.00');
    expect(await focused('t6')).toBe('301/total');
  });

  it('Tab / Shift+Tab commit and move, on a new 表十七 indicator row too (name, then weight)', async () => {
    await gotoView(page, 't17');
    const block = page.locator('[data-block="t17:p1"]');
    const before = await page.locator('.grid-host[data-table="t17:p1"] .ag-row[row-id^="ind:"]').count();
    await block.locator('button', { hasText: '添加指标' }).click();
    const row = `ind:${before}`;
    await expect.poll(() => focused('t17:p1')).toBe(`${row}/c1`);
    await page.keyboard.type('Uptime');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('%');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => cellText(page, 't17:p1', row, 'c1')).toBe('Uptime');
    expect(await cellText(page, 't17:p1', row, 'c2')).toBe('10');
    expect(await cellText(page, 't17:p1', row, 'c3')).toBe('%');
    await expect.poll(() => focused('t17:p1')).toBe(`${row}/c2`);
  });

  it('Enter commits and moves down', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30201', 'total').click();
    await page.keyboard.type('1234.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30201')).toBe('1,234.50');
    expect(await focused('t6')).toBe('30205/total');
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30205')).toBe('8.00');
    expect(await focused('t6')).toBe('30206/total');
  });

  it('a pasted block over computed cells: input cells taken, computed ones skipped and counted, one undo step', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'total').click();
    // The officer's sheet: 总计 and 人员经费 (their own formula, one of them off by one).
    await pasteText(page, '100\t100\r\n200\t200\r\n300\t301\r\n');
    await expect.poll(lastToast).toBe('已粘贴 3 个单元格；3 个由系统计算的单元格未粘贴，其中 1 个与粘贴值不同');
    expect([await t6('30101'), await t6('30102'), await t6('30103')]).toEqual(['100.00', '200.00', '300.00']);
    expect(await t6('30103', 'personnel')).toBe('300.00');
    await page.keyboard.press('Control+z');
    await expect.poll(() => t6('30101')).toBe('428,316.00');
    expect([await t6('30102'), await t6('30103')]).toEqual(['201,288.00', '413,009.00']);
    expect(await page.isDisabled('[data-action=undo]')).toBe(true);

    // A value that is not an amount: nothing is pasted, the cell is named.
    await cell(page, 't6', '30101', 'total').click();
    await pasteText(page, '1\r\n12,34\r\n');
    await expect.poll(lastToast).toContain('粘贴未完成：“30102 津贴补贴”的“2024年基本支出·总计”：');
    expect(await lastToast()).toContain('没有任何单元格被修改');
    expect(await t6('30101')).toBe('428,316.00');
  });

  it('text with line breaks and no tab pasted into one text cell (项目概况) stays in that cell', async () => {
    await gotoView(page, 't17');
    const basis = await cellText(page, 't17:p1', 'basis', 'c1');
    const goal = await cellText(page, 't17:p1', 'goal', 'c1');
    await cell(page, 't17:p1', 'summary', 'c1').click();
    await pasteText(page, '第一段：建设政务云。\r\n第二段：数据治理。\r\n第三段：安全运维。\r\n');
    await expect.poll(() => cellText(page, 't17:p1', 'summary', 'c1')).toBe('第一段：建设政务云。\n第二段：数据治理。\n第三段：安全运维。');
    expect(await cellText(page, 't17:p1', 'basis', 'c1')).toBe(basis);
    expect(await cellText(page, 't17:p1', 'goal', 'c1')).toBe(goal);
  });

  it('mouse drag selects a block (copied as it is shown)', async () => {
    await gotoView(page, 't6');
    const from = (await cell(page, 't6', '30101', 'total').boundingBox())!;
    const to = (await cell(page, 't6', '30103', 'personnel').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + 10, to.y + 10, { steps: 6 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 2 });
    await page.mouse.up();
    await expect.poll(() => inBlock('t6')).toBe(6);
    expect(await copyText(page)).toBe('428,316.00\t428,316.00\r\n201,288.00\t201,288.00\r\n413,009.00\t413,009.00\r\n');
  });

  it('Delete and Backspace clear a block (computed cells untouched), one undo step', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'total').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Delete');
    await expect.poll(() => t6('30101')).toBe('');
    expect(await t6('30102')).toBe('');
    expect(await t6('30103')).toBe('413,009.00');
    await page.keyboard.press('Control+z');
    await expect.poll(() => t6('30101')).toBe('428,316.00');
    expect(await t6('30102')).toBe('201,288.00');
    await cell(page, 't6', '30201', 'total').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Backspace');
    await expect.poll(() => t6('30201')).toBe('');
    expect(await t6('30205')).toBe('');
    // Delete on one cell clears it.
    await cell(page, 't6', '30206', 'total').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => t6('30206')).toBe('');
    expect(await t6('302')).toBe('461,424.48');
  });

  it('Ctrl+C / Ctrl+V and Ctrl+X / Ctrl+V through the clipboard', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'total').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('428,316.00\r\n201,288.00\r\n');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('Control+v');
    await expect.poll(() => t6('30205')).toBe('428,316.00');
    expect(await t6('30206')).toBe('201,288.00');

    await cell(page, 't6', '30201', 'total').click();
    const moved = await t6('30201');
    await page.keyboard.press('Control+x');
    await expect.poll(() => t6('30201')).toBe('');
    await cell(page, 't6', '30207', 'total').click();
    await page.keyboard.press('Control+v');
    await expect.poll(() => t6('30207')).toBe(moved);
  });

  it('Ctrl+D fills the top value down the block', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'total').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+d');
    await expect.poll(() => t6('30103')).toBe('428,316.00');
    expect(await t6('30102')).toBe('428,316.00');
    expect(await lastToast()).toBe('已填充 2 个单元格');
  });

  it('Ctrl+A selects all cells of the grid', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'total').click();
    await page.keyboard.press('Control+a');
    const rows = (await page.$$eval('.grid-host[data-table=t6] .ag-row[row-id]', (els) => new Set(els.map((e) => e.getAttribute('row-id'))).size));
    expect(rows).toBe(32);
    await expect.poll(() => inBlock('t6')).toBe(rows * 5);
    const copied = await copyText(page);
    expect(copied.split('\r\n').filter(Boolean)).toHaveLength(rows);
    expect(copied.startsWith('合计\t\t2,685,855.89\t2,079,431.41\t606,424.48\r\n')).toBe(true);
  });

  it('Ctrl+Home and Ctrl+End go to the first and the last cell', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => focused('t6')).toBe('31204/public');
    await page.keyboard.press('Control+Home');
    await expect.poll(() => focused('t6')).toBe('total/code');
  });

  it('Shift+click extends the selection to a block', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30101', 'name').click();
    await cell(page, 't6', '30102', 'total').click({ modifiers: ['Shift'] });
    await expect.poll(() => inBlock('t6')).toBe(4);
    expect(await copyText(page)).toBe('基本工资\t428,316.00\r\n津贴补贴\t201,288.00\r\n');
  });

  it('a right-click menu: 复制, 剪切, 粘贴, 插入行, 删除行', async () => {
    await gotoView(page, 't6');
    const menu = page.locator('[data-testid=grid-menu]');
    await cell(page, 't6', '30101', 'total').click({ button: 'right' });
    expect(await menu.locator('button').allTextContents()).toEqual(['复制Ctrl+C', '剪切Ctrl+X', '粘贴Ctrl+V', '插入行', '删除行']);
    await menu.locator('button', { hasText: '复制' }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('428,316.00\r\n');
    await cell(page, 't6', '30205', 'total').click({ button: 'right' });
    await menu.locator('button', { hasText: '粘贴' }).click();
    await expect.poll(() => t6('30205')).toBe('428,316.00');
    await cell(page, 't6', '30206', 'total').click({ button: 'right' });
    await menu.locator('button', { hasText: '剪切' }).click();
    await expect.poll(() => t6('30206')).toBe('');

    await cell(page, 't6', '30211', 'name').click({ button: 'right' });
    await menu.locator('button', { hasText: '删除行' }).click();
    await expect.poll(() => page.locator('[data-testid=confirm-dialog]').textContent()).toContain('确定删除表六中的“30211 差旅费”吗？');
    await page.locator('[data-testid=confirm-dialog] button', { hasText: '取消' }).click();
    await cell(page, 't6', '30211', 'name').click({ button: 'right' });
    await menu.locator('button', { hasText: '插入行' }).click();
    await expect.poll(() => page.locator('[data-testid=code-picker]').count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('a printable key on a selected cell starts editing with that key', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('7');
    await expect.poll(() => editor().inputValue()).toBe('7');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30205')).toBe('75.00');
  });

  it('an input method composition on a selected text cell starts editing with the composed text', async () => {
    await gotoView(page, 't17');
    await cell(page, 't17:p1', 'ind:0', 'c1').click();
    const cdp = await chrome.context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'yunziyuan', selectionStart: 9, selectionEnd: 9 });
    await cdp.send('Input.insertText', { text: '云资源' });
    await expect.poll(() => editor().inputValue()).toBe('云资源');
    await cdp.send('Input.insertText', { text: '利用率' });
    await page.keyboard.press('Enter');
    await expect.poll(() => cellText(page, 't17:p1', 'ind:0', 'c1')).toBe('云资源利用率');
    await cdp.detach();
  });

  it('F2 on 12,345.00 then typing 9 is taken: the editor shows the number as typed', async () => {
    await gotoView(page, 't6');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.type('12345');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30205')).toBe('12,345.00');
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('F2');
    await page.keyboard.type('9');
    await page.keyboard.press('Enter');
    await expect.poll(() => t6('30205')).toBe('123,459.00');
    // Opening and closing without a change is no edit.
    await cell(page, 't6', '30205', 'total').click();
    await page.keyboard.press('F2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+z');
    await expect.poll(() => t6('30205')).toBe('12,345.00');
  });

  it('header rows stay in view and 科目编码/科目名称 stay frozen while 表六 scrolls to its bottom', async () => {
    await gotoView(page, 't6');
    const body = page.locator('.grid-host[data-table=t6] .ag-grid-viewport');
    // Long enough to scroll inside its grid at 768 px.
    await expect.poll(() => body.evaluate((el) => el.scrollHeight > el.clientHeight + 50)).toBe(true);
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = cell(page, 't6', '31204', 'public');
    await expect.poll(() => shownAtCentre(page, last)).toBe(true);
    for (const col of ['code', 'name', 'total', 'personnel', 'public']) {
      expect(await shownAtCentre(page, page.locator(`.grid-host[data-table=t6] .ag-header-cell[col-id="${col}"]`)), col).toBe(true);
    }
    expect(await shownAtCentre(page, cell(page, 't6', '31204', 'code'))).toBe(true);
    expect(await shownAtCentre(page, cell(page, 't6', '31204', 'name'))).toBe(true);
    await page.screenshot({ path: shot('t6-bottom-1366x768.png') });
  });

  it('at 1366×768 every column of 表五 is reachable, its header cells in view', async () => {
    await gotoView(page, 't5');
    const headers = await page.$$eval('.grid-host[data-table=t5] .ag-header-cell[col-id]', (els) => els.map((e) => e.getAttribute('col-id')!));
    expect(headers).toEqual(['code', 'name', 'prior', 'current', 'basic', 'project', 'change']);
    const first = await page.$eval('.grid-host[data-table=t5] .ag-row[row-index="0"]', (e) => e.getAttribute('row-id')!);
    await cell(page, 't5', first, 'code').click();
    for (const col of headers) {
      await expect.poll(() => shownAtCentre(page, cell(page, 't5', first, col)), { message: col }).toBe(true);
      expect(await shownAtCentre(page, page.locator(`.grid-host[data-table=t5] .ag-header-cell[col-id="${col}"]`)), col).toBe(true);
      await page.keyboard.press('ArrowRight');
    }
  });

  it('at 1366×768 a rolled-over 表五 has every column reachable, with its problems folded or open', async () => {
    await page.click('[data-action=new]');
    await page.click('[data-testid=new-file-dialog] [data-action=rollover]');
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => dialog.textContent()).toContain('新建 2025 年度');
    await dialog.locator('button').click();
    await gotoView(page, 't5');
    const headers = await page.$$eval('.grid-host[data-table=t5] .ag-header-cell[col-id]', (els) => els.map((e) => e.getAttribute('col-id')!));
    const side = page.locator('.view[data-view=t5] [data-testid=side-problems]');
    expect(await side.count()).toBe(0);
    const reachAll = async () => {
      await cell(page, 't5', '2150550', 'code').click();
      for (const col of headers) {
        await expect.poll(() => shownAtCentre(page, cell(page, 't5', '2150550', col)), { message: col }).toBe(true);
        expect(await wholeInGrid('t5', cell(page, 't5', '2150550', col)), col).toBe(true);
        expect(await shownAtCentre(page, page.locator(`.grid-host[data-table=t5] .ag-header-cell[col-id="${col}"]`)), col).toBe(true);
        await page.keyboard.press('ArrowRight');
      }
    };
    await reachAll();
    expect(await cellText(page, 't5', '2150550', 'prior')).toBe('912,794.88');
    // Opened, the panel sits beside the grid, which shrinks and scrolls: 项目支出 and 增幅 still reachable.
    await page.click('.view[data-view=t5] [data-action=toggle-problems]');
    await expect.poll(() => side.count()).toBe(1);
    await reachAll();
    await page.screenshot({ path: shot('t5-rollover-problems-1366x768.png') });
    await page.click('.view[data-view=t5] [data-action=toggle-problems]');
  });

  it('at 1366×768 the problems beside a table are folded away and toggled by the officer, the table still whole', async () => {
    await gotoView(page, 't17');
    const side = page.locator('.view[data-view=t17] [data-testid=side-problems]');
    const toggle = page.locator('.view[data-view=t17] [data-action=toggle-problems]');
    expect(await side.count()).toBe(0);
    expect(await toggle.textContent()).toContain('警告 4');
    await toggle.click();
    await expect.poll(() => side.count()).toBe(1);
    expect(await shownAtCentre(page, side.locator(':scope > h3'))).toBe(true);
    // The grid shrinks beside the panel: 是否核心指标 is still in view.
    await expect.poll(() => shownAtCentre(page, cell(page, 't17:p1', 'indicators', 'c6'))).toBe(true);
    await page.screenshot({ path: shot('t17-problems-1366x768.png') });
    // The choice holds on another table.
    await gotoView(page, 't13');
    expect(await page.locator('.view[data-view=t13] [data-testid=side-problems]').count()).toBe(1);
    await page.click('.view[data-view=t13] [data-action=toggle-problems]');
    await expect.poll(() => page.locator('.view[data-view=t13] [data-testid=side-problems]').count()).toBe(0);
  });

  it('指标性质 and 是否核心指标 are closed lists: >= is refused naming the printed heading, never c4', async () => {
    await gotoView(page, 't17');
    await cell(page, 't17:p1', 'ind:0', 'c4').click();
    await page.keyboard.type('>=');
    await page.keyboard.press('Enter');
    await expect.poll(lastToast).toBe('未录入“绩效指标 1（务平台一期工程服务）”的“指标性质”：“指标性质”只能填 ≥、≤、=、>、<、定性 之一，不能填“>=”');
    expect(await cellText(page, 't17:p1', 'ind:0', 'c4')).toBe('≤');
    // The editor offers the list; 计量单位 gets suggestions.
    await cell(page, 't17:p1', 'ind:0', 'c4').click();
    await page.keyboard.press('F2');
    const options = await page.$$eval('.cell-editor datalist option', (els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toEqual(['≥', '≤', '=', '>', '<', '定性']);
    await page.keyboard.press('Escape');
    await cell(page, 't17:p1', 'ind:0', 'c3').click();
    await page.keyboard.press('F2');
    const units = await page.$$eval('.cell-editor datalist option', (els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(units).toEqual(expect.arrayContaining(['%', '个', '万元', '人次']));
    // A suggestion, not a closed list: any unit is taken.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('万元/年');
    await page.keyboard.press('Enter');
    await expect.poll(() => cellText(page, 't17:p1', 'ind:0', 'c3')).toBe('万元/年');
    await cell(page, 't17:p1', 'ind:0', 'c6').click();
    await page.keyboard.type('Y');
    await page.keyboard.press('Enter');
    await expect.poll(lastToast).toContain('“是否核心指标”只能填 是、否 之一，不能填“Y”');
    expect(await lastToast()).not.toMatch(/c\d/);
  });

  it('the code picker finds 行政运行 by pinyin initials (xzyx)', async () => {
    await gotoView(page, 't3');
    await page.click('.view[data-view=t3] [data-action=add-row]');
    const picker = page.locator('[data-testid=code-picker]');
    await picker.locator('input.query').fill('xzyx');
    await expect.poll(() => picker.locator('.item').count()).toBeGreaterThan(3);
    const first = picker.locator('.item').first();
    expect(await first.textContent()).toContain('行政运行');
    expect(await first.getAttribute('data-code')).toMatch(/^\d{5}01$/);
    // A second word narrows by the parents, in pinyin too: 工业和信息产业监管 › 行政运行.
    await picker.locator('input.query').fill('gyhxx xzyx');
    await expect.poll(() => picker.locator('.item').first().getAttribute('data-code')).toBe('2150501');
    expect(await picker.locator('.item').count()).toBe(1);
  });

  it('requested nothing from any origin but its own, with no page errors', () => {
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});

function shot(name: string): string {
  return `${process.cwd()}/test-results/e2e/${name}`;
}
