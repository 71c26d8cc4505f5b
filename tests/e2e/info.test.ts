/**
 * 单位与基本信息 (issue 11): a blank 新建 is taken, in the window alone, to a file on which the
 * command line's `check` finds nothing; a value that cannot be taken is refused with the reason and
 * the field shows what is stored.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { mockFilePickers, openPage, screenshot, waitForApp, type Watched } from './support/page';

const baseUrl = inject('baseUrl');
const bin = resolve(import.meta.dirname, '../../cli/bin.mjs');

describe.skipIf(!baseUrl)('单位与基本信息：空白新建的部门在窗口中补全到检查无问题', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;
  const files = new Map<string, Buffer>();
  const dir = mkdtempSync(join(tmpdir(), 'budget-e2e-info-'));

  beforeAll(async () => {
    chrome = await launchChromium({ viewport: { width: 1366, height: 768 } });
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await mockFilePickers(page, files, '测试局2025年部门预算.budget');
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Types into a field of the view and leaves it (a change event commits it). */
  async function fill(selector: string, value: string): Promise<void> {
    await page.fill(`[data-testid=info-view] ${selector}`, value);
    await page.press(`[data-testid=info-view] ${selector}`, 'Tab');
  }

  it('新建 → 单位与基本信息 → 保存: `check` reports no findings', async () => {
    await page.click('[data-action=new]');
    const nd = page.locator('[data-testid=new-file-dialog]');
    await nd.locator('input').nth(0).fill('重庆市渝北区测试局');
    await nd.locator('input').nth(1).fill('2025');
    await nd.locator('button.primary').click();
    // The overview says what is missing and leads there.
    await expect.poll(() => page.textContent('[data-testid=missing-info]')).toContain('尚未填写：部门代码、本级单位、表十六、表十七编制单位、批复日期、公开日期、上年机关运行经费、联系方式、职能职责、单位构成。');
    await page.click('[data-action=open-info]');
    await page.waitForSelector('[data-testid=info-view]');
    expect(await page.textContent('[data-testid=units]')).toContain('尚未填写单位');

    await fill('[data-field=departmentCode]', '888');
    // The next code is offered from the department code.
    expect(await page.inputValue('[data-field=new-code]')).toBe('888001');
    await page.fill('[data-field=new-name]', '重庆市渝北区测试局（本级）');
    await page.click('[data-action=add-unit]');
    await page.waitForSelector('[data-unit="888001"]');
    expect(await page.isChecked('[data-unit="888001"] input[type=radio]')).toBe(true);
    await page.fill('[data-field=new-name]', '重庆市渝北区测试服务中心');
    await page.selectOption('[data-field=new-kind]', 'institution');
    expect(await page.inputValue('[data-field=new-code]')).toBe('888002');
    await page.click('[data-action=add-unit]');
    await page.waitForSelector('[data-unit="888002"]');
    await page.click('[data-action=fill-compiling-unit]');
    expect(await page.inputValue('[data-field=compilingUnit]')).toBe('888001-重庆市渝北区测试局（本级）');

    await fill('[data-field=approvalDate]', '2025-01-20');
    await fill('[data-field=publishDate]', '2025-02-05');
    await fill('[data-field=priorOperatingCost]', '0');
    await fill('[data-field=contactName]', '王五');
    await fill('[data-field=contactPhone]', '023-67800000');
    await fill('[data-field=functions]', '负责全区测试工作。');
    await fill('[data-field=composition]', '本部门由本级和1个下属事业单位构成。');

    await page.click('nav [data-view=problems]');
    await expect.poll(() => page.textContent('.problems-view [data-testid=problems]')).toContain('没有发现问题：所有检查都通过了。');
    await page.click('nav [data-view=overview]');
    expect(await page.locator('[data-testid=missing-info]').count()).toBe(0);
    await page.click('nav [data-view=info]');
    await screenshot(page, page.locator('[data-testid=info-view]'), 'info-单位与基本信息.png');

    await page.click('[data-action=save]');
    await expect.poll(() => files.has('测试局2025年部门预算.budget')).toBe(true);
    const file = join(dir, 'blank.budget');
    writeFileSync(file, files.get('测试局2025年部门预算.budget')!);
    const r = spawnSync(process.execPath, [bin, 'check', file, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: unknown[]; counts: Record<string, number> };
    expect(out.findings).toEqual([]);
  });

  it('a value that cannot be taken: the reason in Chinese, the stored value back in the field, undo restores an edit', async () => {
    await fill('[data-unit="888002"] [data-field=code]', '88800A');
    await page.locator('[data-testid=toast]', { hasText: '未修改“单位888002的单位代码”：单位代码“88800A”应为3至12位数字（如 801001）' }).waitFor();
    expect(await page.inputValue('[data-unit="888002"] [data-field=code]')).toBe('888002');
    await fill('[data-field=approvalDate]', '');
    await fill('[data-unit="888002"] [data-field=name]', '重庆市渝北区测试中心');
    await page.click('[data-action=undo]');
    expect(await page.inputValue('[data-unit="888002"] [data-field=name]')).toBe('重庆市渝北区测试服务中心');
    // 本级 moves with one click, and back with undo.
    await page.check('[data-unit="888002"] input[type=radio]');
    expect(await page.isChecked('[data-unit="888001"] input[type=radio]')).toBe(false);
    await page.click('[data-action=undo]');
    expect(await page.isChecked('[data-unit="888001"] input[type=radio]')).toBe(true);
    expect(w.errors).toEqual([]);
  });
});
