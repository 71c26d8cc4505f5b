/**
 * The workbench on a small screen (1280×720): a wide table scrolls sideways inside its grid with
 * 科目编码/科目名称 frozen, so its last column is reachable and the row it belongs to stays named;
 * the title and 单位 line stay in view; an empty table's 备注 shows; the problems beside a table
 * are in view however wide the table is.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cell, gotoView, openPage, shownAtCentre, typeInto, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');
const VIEWPORT = { width: 1280, height: 720 };

describe.skipIf(!baseUrl)('小屏幕（1280×720）上的宽表', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium({ viewport: VIEWPORT });
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  it('表二 (14 columns): the last column is reachable by keyboard, with 科目编码 and 科目名称 still in view', async () => {
    await gotoView(page, 't2');
    const headers = await page.$$eval('.grid-host[data-table=t2] .ag-header-cell[col-id]', (els) => els.map((e) => e.getAttribute('col-id')!));
    expect(headers.length).toBe(14);
    const last = headers[headers.length - 1];
    // The table is wider than the view …
    const host = page.locator('.grid-host[data-table=t2]');
    const hostBox = (await host.boundingBox())!;
    expect(hostBox.x + hostBox.width).toBeLessThanOrEqual(VIEWPORT.width);
    // … and the title and 单位 line are in view above it.
    expect(await shownAtCentre(page, page.locator('.view[data-view=t2] .title'))).toBe(true);
    expect(await shownAtCentre(page, page.locator('.view[data-view=t2] .lines span').nth(1))).toBe(true);

    await cell(page, 't2', '2150501', 'code').click();
    for (let i = 1; i < headers.length; i++) await page.keyboard.press('ArrowRight');
    const lastCell = cell(page, 't2', '2150501', last);
    await expect.poll(() => lastCell.getAttribute('class')).toContain('ag-cell-focus');
    await expect.poll(() => shownAtCentre(page, lastCell)).toBe(true);
    expect(await shownAtCentre(page, page.locator('.grid-host[data-table=t2] .ag-header-cell[col-id="' + last + '"]'))).toBe(true);
    // The row is still named: its code and name are frozen on the left.
    expect(await shownAtCentre(page, cell(page, 't2', '2150501', 'code'))).toBe(true);
    expect(await shownAtCentre(page, cell(page, 't2', '2150501', 'name'))).toBe(true);
    expect(await cell(page, 't2', '2150501', 'name').textContent()).toBe('行政运行');
  });

  it('表十 (12 columns): the 2023 公务接待费 column is reachable and shows its amount', async () => {
    await gotoView(page, 't10');
    const target = cell(page, 't10', 'amounts', 'prior:reception');
    await cell(page, 't10', 'amounts', 'current:total').click();
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => target.getAttribute('class')).toContain('ag-cell-focus');
    await expect.poll(() => shownAtCentre(page, target)).toBe(true);
    expect((await target.textContent())?.trim()).toBe('2,000.00');
  });

  it('an empty table (表十一) shows its 备注 under the grid', async () => {
    await gotoView(page, 't11');
    const note = page.locator('.view[data-view=t11] [data-testid=table-note]');
    expect(await note.textContent()).toBe('备注：本部门无政府性基金收支，故此表无数据。');
    expect(await shownAtCentre(page, note)).toBe(true);
  });

  it('the problems of a wide table are in view beside it (表十七), and of a marked cell (表六)', async () => {
    await gotoView(page, 't17');
    const side = page.locator('.view[data-view=t17] [data-testid=side-problems]');
    // On a small window the panel starts folded; the officer opens it (the choice holds).
    expect(await side.count()).toBe(0);
    await page.click('.view[data-view=t17] [data-action=toggle-problems]');
    const box = (await side.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(await shownAtCentre(page, side.locator(':scope > h3'))).toBe(true);

    await gotoView(page, 't6');
    await typeInto(page, 't6', '30201', 'total', '100000');
    const problem = page.locator('.view[data-view=t6] [data-testid=side-problems] [data-rule="XT-07"]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await shownAtCentre(page, problem)).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => problem.count()).toBe(0);
  });

  it('no page errors', () => {
    expect(w.errors).toEqual([]);
  });
});

/** Whether `inner` lies wholly inside `outer` (1px of rounding allowed). */
function inside(inner: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }): boolean {
  return (
    inner.x >= outer.x - 1 &&
    inner.y >= outer.y - 1 &&
    inner.x + inner.width <= outer.x + outer.width + 1 &&
    inner.y + inner.height <= outer.y + outer.height + 1
  );
}

describe.skipIf(!baseUrl)('表十五–表十七 fitted to the view (1440×900, the problems panel beside)', () => {
  const WIDE = { width: 1440, height: 900 };
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchChromium({ viewport: WIDE });
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  it('表十七: all seven columns are in view without scrolling sideways, and the long 项目概况 wraps unclipped', async () => {
    await gotoView(page, 't17');
    const table = (await page.$$eval('.view[data-view=t17] [data-block]', (els) => els.map((e) => e.getAttribute('data-block')!)))[0];
    expect(table).toBeTruthy();
    const host = page.locator(`.grid-host[data-table="${table}"]`);
    await expect.poll(() => page.locator('.view[data-view=t17] [data-testid=side-problems]').count()).toBe(1);

    // The 是否核心指标 header cell is wholly inside the grid's visible area, and in the window.
    const core = cell(page, table, 'indicators', 'c6');
    expect((await core.textContent())?.trim()).toBe('是否核心指标');
    const coreBox = (await core.boundingBox())!;
    const viewport = host.locator('.ag-grid-viewport');
    const visible = (await viewport.boundingBox())!;
    expect(inside(coreBox, visible)).toBe(true);
    expect(coreBox.x + coreBox.width).toBeLessThanOrEqual(WIDE.width);
    // Nothing to scroll sideways.
    const sideways = await viewport.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(sideways).toBeLessThanOrEqual(1);

    // A long 项目概况 is wrapped, all of it shown (not cut at the bottom or the right).
    const summary = cell(page, table, 'summary', 'c1');
    expect(((await summary.textContent()) ?? '').trim().length).toBeGreaterThan(60);
    const fit = await summary.evaluate((el) => ({ sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth }));
    expect(fit.sh).toBeLessThanOrEqual(fit.ch + 1);
    expect(fit.sw).toBeLessThanOrEqual(fit.cw + 1);
  });

  it('表十七 re-fits when the window narrows to 1280×720 and widens again', async () => {
    await gotoView(page, 't17');
    const table = (await page.$$eval('.view[data-view=t17] [data-block]', (els) => els.map((e) => e.getAttribute('data-block')!)))[0];
    const host = page.locator(`.grid-host[data-table="${table}"]`);
    const core = cell(page, table, 'indicators', 'c6');
    const inView = async () => inside((await core.boundingBox())!, (await host.locator('.ag-grid-viewport').boundingBox())!);
    const summaryFits = () => cell(page, table, 'summary', 'c1').evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
    try {
      await page.setViewportSize({ width: 1280, height: 720 });
      await expect.poll(inView).toBe(true);
      await expect.poll(summaryFits).toBe(true);
    } finally {
      await page.setViewportSize(WIDE);
    }
    await expect.poll(inView).toBe(true);
    await expect.poll(summaryFits).toBe(true);
  });

  it('no page errors', () => {
    expect(w.errors).toEqual([]);
  });
});
