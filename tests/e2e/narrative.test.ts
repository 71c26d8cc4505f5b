/**
 * The 情况说明 view in Chromium: a pasted narrative is checked as it is typed, against the data and
 * within itself — a count that does not match its list (STR-11) shows beside the text, with the
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
    expect(text).toContain('STR-11');
    expect(text).toContain('产业发展');
    expect(text).toContain('并核对文中数字前后是否一致');
    mkdirSync(join(process.cwd(), 'test-results/e2e'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), 'test-results/e2e/narrative-edited.png') });
    expect(w.errors).toEqual([]);
  });
});

