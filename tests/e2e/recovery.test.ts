/**
 * Crash recovery in the browser edition (issue 11): every accepted edit is journaled in IndexedDB
 * within a second. A tab closed without its unload handler (as a crash or a killed browser leaves
 * it) is offered back on the next start in the same profile: 恢复 restores exactly that state,
 * 放弃 drops it, and a clean save leaves nothing to offer.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cellText, gotoView, mockFilePickers, openPage, typeInto, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('浏览器版：意外关闭后恢复未保存的修改', () => {
  const profile = mkdtempSync(join(tmpdir(), 'budget-e2e-recovery-'));
  let chrome: LaunchedChromium | null = null;
  const errors: string[] = [];

  /** The app in a new browser on the same profile (user-data-dir), as after a restart. */
  async function start(): Promise<Watched> {
    await chrome?.close();
    chrome = await launchChromium({ viewport: { width: 1366, height: 768 }, profile });
    const w = await openPage(chrome.context, baseUrl);
    w.errors = errors;
    await w.page.goto(baseUrl);
    await waitForApp(w.page);
    return w;
  }

  const dialog = (w: Watched) => w.page.locator('[data-testid=confirm-dialog]');

  beforeAll(async () => undefined);
  afterAll(async () => {
    await chrome?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('closed without its unload handler 3 s after an edit: the next start offers 恢复 and restores the edit', async () => {
    let w = await start();
    await gotoView(w.page, 't6');
    await typeInto(w.page, 't6', '30201', 'total', '123456.78');
    await typeInto(w.page, 't6', '30205', 'total', '2000');
    const total = await cellText(w.page, 't6', 'total', 'total');
    expect(total).not.toBe('2,685,855.89'); // the sample's
    await w.page.waitForTimeout(3000);
    await w.page.close({ runBeforeUnload: false });

    w = await start();
    const d = dialog(w);
    await expect.poll(() => d.textContent()).toContain('上次没有正常关闭，有 2 处修改尚未保存');
    expect(await d.textContent()).toMatch(/最后一次修改于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await d.locator('button', { hasText: '恢复' }).click();
    await expect.poll(() => w.page.textContent('[data-testid=status-saved]')).toBe('未保存');
    await gotoView(w.page, 't6');
    expect(await cellText(w.page, 't6', '30201', 'total')).toBe('123,456.78');
    expect(await cellText(w.page, 't6', '30205', 'total')).toBe('2,000.00');
    expect(await cellText(w.page, 't6', 'total', 'total')).toBe(total);

    // Still unsaved, still journaled: a second crash loses nothing either, and the count goes on.
    await typeInto(w.page, 't6', '30205', 'total', '3000');
    await w.page.waitForTimeout(1500);
    await w.page.close({ runBeforeUnload: false });
    w = await start();
    await expect.poll(() => dialog(w).textContent()).toContain('有 3 处修改尚未保存');

    // 放弃: the journal is gone; the next start opens the sample as usual.
    await dialog(w).locator('button', { hasText: '放弃' }).click();
    await gotoView(w.page, 't6');
    expect(await cellText(w.page, 't6', '30205', 'total')).not.toBe('3,000.00');
    await w.page.close({ runBeforeUnload: false });
    w = await start();
    await w.page.waitForTimeout(1000);
    expect(await dialog(w).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a clean save clears the journal: nothing is offered after a crash', async () => {
    let w = await start();
    const files = new Map<string, Buffer>();
    await mockFilePickers(w.page, files, '已保存.budget');
    await w.page.reload();
    await waitForApp(w.page);
    await gotoView(w.page, 't6');
    await typeInto(w.page, 't6', '30201', 'total', '1');
    await w.page.waitForTimeout(1500);
    await w.page.click('[data-action=save]');
    await expect.poll(() => w.page.textContent('[data-testid=status-saved]')).toBe('已保存');
    expect(files.has('已保存.budget')).toBe(true);
    await w.page.waitForTimeout(500);
    await w.page.close({ runBeforeUnload: false });
    w = await start();
    await w.page.waitForTimeout(1000);
    expect(await dialog(w).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('two tabs: a journal of a tab that is still open is not offered to the other', async () => {
    const w = await start();
    await gotoView(w.page, 't6');
    await typeInto(w.page, 't6', '30201', 'total', '7');
    await w.page.waitForTimeout(1500);
    const other = await openPage(chrome!.context, baseUrl);
    await other.page.goto(baseUrl);
    await waitForApp(other.page);
    await other.page.waitForTimeout(1000);
    expect(await dialog(other).count()).toBe(0);
    expect([...errors, ...other.errors]).toEqual([]);
  });
});
