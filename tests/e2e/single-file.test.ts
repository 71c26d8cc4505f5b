/**
 * The single-file browser edition (`npm run build:web` → release/budget-workbench.html) opened from
 * file://, as from a USB stick: it reaches the built-in sample, takes an edit, saves it as a download
 * (the fallback where the File System Access API is missing), reopens it through a file input,
 * exports a workbook, and never makes a request beyond the file itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, type LaunchedChromium } from './support/chromium';
import { cellText, gotoView, gridTexts, openPage, typeInto, waitForApp, withoutFileSystemAccess, type Watched } from './support/page';
import { SINGLE_FILE_NAME } from '../../vite.config';
import { newerThanChromium109 } from '../helpers/css-chromium';

const root = resolve(import.meta.dirname, '../..');

describe.skipIf(!chromiumAvailable())('单文件浏览器版：从 file:// 打开', () => {
  const out = mkdtempSync(join(tmpdir(), 'budget-single-file-'));
  const downloads = mkdtempSync(join(tmpdir(), 'budget-single-file-dl-'));
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;
  let url = '';

  beforeAll(async () => {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      mode: 'single-file',
      logLevel: 'error',
      build: { outDir: out, rolldownOptions: { checks: { bundlerTimings: false } } },
    });
    url = pathToFileURL(join(out, SINGLE_FILE_NAME)).href;
    chrome = await launchChromium();
    w = await openPage(chrome.context, url);
    page = w.page;
    await withoutFileSystemAccess(page);
    await page.goto(url);
    await waitForApp(page);
  }, 180_000);

  afterAll(async () => {
    await chrome?.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  });

  it('is one file: scripts, styles and the sql.js wasm inside, the inline script allowed by its hash', () => {
    expect(readdirSync(out)).toEqual([SINGLE_FILE_NAME]);
    const html = readFileSync(join(out, SINGLE_FILE_NAME), 'utf8');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    expect(html).toContain('data:application/wasm;base64,AGFzbQ'); // "\0asm"
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'/);
  });

  it('opens the sample, edits, saves as a download, reopens the saved file', async () => {
    expect(await page.textContent('[data-testid=department]')).toBe('重庆市渝北区大数据应用发展管理局');
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30201', 'total', '123456.78');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,714,312.67');
    const texts = await gridTexts(page, 't6');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=save]')]);
    const saved = join(downloads, download.suggestedFilename());
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await expect.poll(() => page.textContent('[data-testid=status-saved]')).toBe('已保存');

    await page.reload();
    await waitForApp(page);
    await gotoView(page, 't6');
    expect(await cellText(page, 't6', 'total', 'total')).toBe('2,685,855.89'); // the sample again

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action=open]')]);
    await chooser.setFiles(saved);
    await expect.poll(() => page.textContent('[data-testid=status-file]')).toBe(download.suggestedFilename());
    await gotoView(page, 't6');
    expect(await gridTexts(page, 't6')).toEqual(texts);
  });

  it('uses no CSS that Chromium 109 (the last on Windows 7) lacks, but what ag-grid generates at run time (README)', async () => {
    await gotoView(page, 't6');
    const sheets = (await page.evaluate(
      `[...document.querySelectorAll('style')].map((s) => s.textContent || '').concat([...document.adoptedStyleSheets].map((sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\\n')))`,
    )) as string[];
    expect(sheets.join('\n')).toContain('.ag-root-wrapper'); // ag-grid's injected CSS is among them
    const found = sheets.map((css) => newerThanChromium109(css));
    // Nested rules (Chromium 112+): only ag-grid's block of theme variables for another colour mode (dark), unused here.
    const nested = found.flatMap((f) => f.nested);
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.filter((selector) => !selector.includes('[data-ag-theme-mode]'))).toEqual([]);
    // color-mix() (Chromium 111+): in ag-grid's theme variables, and in at most the 7 declarations that mix variables.
    const mixed = found.flatMap((f) => f.colorMix);
    expect(mixed.filter((p) => p.startsWith('--') && !p.startsWith('--ag-'))).toEqual([]);
    expect(mixed.filter((p) => !p.startsWith('--')).length).toBeLessThanOrEqual(7);
  });

  it('exports the workbook and the narrative as downloads (exceljs and docx inlined too)', async () => {
    await page.click('[data-action=export]');
    const dialog = page.locator('[role=dialog][aria-labelledby=export-title]');
    for (const label of ['网页（.html）', 'PDF（.pdf）']) await dialog.locator('label', { hasText: label }).locator('input').uncheck();
    await dialog.locator('label', { hasText: '部门预算情况说明 Word 文件（.docx）' }).locator('input').check();
    const got: { name: string; bytes: Buffer }[] = [];
    const all: Promise<void>[] = [];
    page.on('download', (d) => {
      all.push((async () => {
        const path = join(downloads, d.suggestedFilename());
        await d.saveAs(path);
        got.push({ name: d.suggestedFilename(), bytes: readFileSync(path) });
      })());
    });
    await dialog.locator('button.primary').click();
    await expect.poll(() => dialog.textContent(), { timeout: 30_000 }).toContain('已导出 2 个文件');
    await expect.poll(() => got.length).toBe(2);
    await Promise.all(all);
    const byName = new Map(got.map((g) => [g.name, g.bytes]));
    const xlsx = byName.get('2024年重庆市渝北区大数据应用发展管理局部门预算公开表.xlsx');
    expect(xlsx?.subarray(0, 2).toString('latin1')).toBe('PK');
    const docx = [...byName].find(([n]) => n.endsWith('.docx'));
    expect(docx?.[1].subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('has IndexedDB from file:// (recent files and crash recovery keep their records there)', async () => {
    const stored = await page.evaluate(`new Promise((resolve, reject) => {
      const req = indexedDB.open('single-file-probe', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('s');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction('s', 'readwrite');
        tx.objectStore('s').put('保存的记录', 'k');
        tx.oncomplete = () => {
          const get = req.result.transaction('s').objectStore('s').get('k');
          get.onsuccess = () => resolve(get.result);
        };
      };
    })`);
    expect(stored).toBe('保存的记录');
  });

  it('made no request but for the file itself, and no error', () => {
    const beyond = w.requests.filter((u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(beyond).toEqual([]);
    expect(w.requests).toContain(url);
    expect(w.errors).toEqual([]);
  });
});
