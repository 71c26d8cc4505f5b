/**
 * Keeping the officer's files safe in the browser edition (File System Access API). The pickers
 * are replaced by a small in-page file system of folders, so two files may share a name, a write
 * can be held back (a slow disk) or fail (a full disk), and every file's bytes can be read back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cell, cellText, foreignRequests, gotoView, openPage, typeInto, waitForApp, type Watched } from './support/page';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { budgetFromBytes, budgetToBytes } from '../../shared/storage';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';

const baseUrl = inject('baseUrl');

/** In-page files: path → bytes; 打开 takes the next path from `openQueue`, 另存为 writes `saveAs`. */
const FS_MOCK = `(() => {
  const st = (window.__fs = { files: {}, openQueue: [], saveAs: '', gate: null, fail: null, writes: [] });
  const handle = (path) => ({
    kind: 'file',
    name: path.split('/').pop(),
    async getFile() { return new File([st.files[path]], path.split('/').pop()); },
    async createWritable() {
      const parts = [];
      return {
        async write(d) { parts.push(d instanceof Blob ? new Uint8Array(await d.arrayBuffer()) : new Uint8Array(d)); },
        async close() {
          if (st.gate) await st.gate;
          if (st.fail) throw new DOMException('The operation failed.', st.fail);
          const n = parts.reduce((a, p) => a + p.length, 0); const all = new Uint8Array(n); let o = 0;
          for (const p of parts) { all.set(p, o); o += p.length; }
          st.files[path] = all; st.writes.push(path);
        },
        async abort() {},
      };
    },
  });
  window.showOpenFilePicker = async () => [handle(st.openQueue.shift())];
  window.showSaveFilePicker = async () => handle(st.saveAs);
})()`;

describe.skipIf(!baseUrl)('浏览器版：保存与打开不损坏已有文件', () => {
  let chrome: LaunchedChromium;
  let w: Watched;
  let page: Page;
  let sample: Uint8Array;
  let newer: Uint8Array;

  const b64 = (u8: Uint8Array) => Buffer.from(u8).toString('base64');

  async function putFile(path: string, bytes: Uint8Array): Promise<void> {
    await page.evaluate(
      ([p, b]) => {
        const s = atob(b);
        const u8 = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
        (window as unknown as { __fs: { files: Record<string, Uint8Array> } }).__fs.files[p] = u8;
      },
      [path, b64(bytes)] as const,
    );
  }

  async function getFile(path: string): Promise<Uint8Array> {
    const s = await page.evaluate((p) => {
      const u8 = (window as unknown as { __fs: { files: Record<string, Uint8Array> } }).__fs.files[p];
      let out = '';
      for (let i = 0; i < u8.length; i += 0x8000) out += String.fromCharCode(...u8.subarray(i, i + 0x8000));
      return btoa(out);
    }, path);
    return new Uint8Array(Buffer.from(s, 'base64'));
  }

  const fs = (js: string) => page.evaluate(`(() => { const st = window.__fs; ${js} })()`);

  async function office(path: string): Promise<number | undefined> {
    const { budget } = budgetFromBytes(await loadSqlJsNode(), await getFile(path), path);
    return budget.econLines.find((l) => l.scheme === 'department' && l.kind === 'basic' && l.code === '30201')?.amount;
  }

  async function openNext(path: string): Promise<void> {
    await fs(`st.openQueue.push(${JSON.stringify(path)});`);
    await page.click('[data-action=open]');
  }

  const status = (id: string) => page.textContent(`[data-testid=status-${id}]`);
  const dialog = () => page.locator('[data-testid=confirm-dialog]');

  beforeAll(async () => {
    const sql = await loadSqlJsNode();
    sample = budgetToBytes(sql, yubeiBigData2024());
    const db = new sql.Database(sample);
    db.exec('PRAGMA user_version = 99');
    newer = db.export();
    db.close();
    chrome = await launchChromium();
    w = await openPage(chrome.context, baseUrl);
    page = w.page;
    await page.addInitScript(FS_MOCK);
  });

  beforeEach(async () => {
    // A fresh page for each case: the sample, no document-to-file memory.
    await page.goto(baseUrl);
    await waitForApp(page);
  });

  afterAll(async () => {
    await chrome?.close();
  });

  it('a same-named file that cannot be opened never becomes the place 保存 writes to', async () => {
    await putFile('2025/部门预算.budget', sample);
    await putFile('2024/部门预算.budget', newer);
    await openNext('2025/部门预算.budget');
    await expect.poll(() => status('file')).toBe('部门预算.budget');
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30201', 'total', '100000');

    // Another 部门预算.budget, made by a newer workbench: refused, naming the file; the open one stays.
    await openNext('2024/部门预算.budget');
    await dialog().locator('button', { hasText: '不保存' }).click();
    await expect.poll(() => dialog().textContent()).toContain('无法打开“部门预算.budget”：此文件由更新版本的工作台创建');
    await dialog().locator('button').click();
    expect(await cellText(page, 't6', '30201', 'total')).toBe('100,000.00');
    expect(await status('saved')).toBe('未保存');

    // 保存 writes the document back where it came from, and nowhere else.
    await page.keyboard.press('Control+s');
    await expect.poll(() => status('saved')).toBe('已保存');
    expect(await fs('return st.writes;')).toEqual(['2025/部门预算.budget']);
    expect(await office('2025/部门预算.budget')).toBe(10_000_000);
    expect(Buffer.from(await getFile('2024/部门预算.budget')).equals(Buffer.from(newer))).toBe(true);
  });

  it('Ctrl+S while a cell is being edited saves what was typed', async () => {
    await putFile('a/预算.budget', sample);
    await openNext('a/预算.budget');
    await expect.poll(() => status('file')).toBe('预算.budget');
    await gotoView(page, 't6');
    await cell(page, 't6', '30201', 'total').click();
    await page.keyboard.type('123456');
    await page.keyboard.press('Control+s');
    await expect.poll(() => fs('return st.writes.length;')).toBe(1);
    expect(await office('a/预算.budget')).toBe(12_345_600);
    await expect.poll(() => status('saved')).toBe('已保存');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('123,456.00');
    const toasts = await page.locator('[data-testid=toast]').allTextContents();
    expect(toasts.join('\n')).not.toContain('尚未保存');
  });

  it('a failed write keeps the work and the file, and says why in Chinese naming the file', async () => {
    await putFile('a/预算.budget', sample);
    await openNext('a/预算.budget');
    await expect.poll(() => status('file')).toBe('预算.budget');
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30201', 'total', '100000');
    await fs(`st.fail = 'QuotaExceededError';`);
    await page.keyboard.press('Control+s');
    await expect.poll(() => dialog().textContent()).toContain('“预算.budget”');
    const text = (await dialog().textContent()) ?? '';
    expect(text).toContain('磁盘空间不足');
    expect(text).not.toMatch(/operation failed/i);
    await dialog().locator('button').click();
    expect(await status('saved')).toBe('未保存');
    expect(await cellText(page, 't6', '30201', 'total')).toBe('100,000.00');
    expect(Buffer.from(await getFile('a/预算.budget')).equals(Buffer.from(sample))).toBe(true);

    await fs(`st.fail = null;`);
    await page.keyboard.press('Control+s');
    await expect.poll(() => status('saved')).toBe('已保存');
    expect(await office('a/预算.budget')).toBe(10_000_000);
  });

  it('opening another file while a save is still being written waits for it (the saved name stays with its document)', async () => {
    await putFile('a/甲.budget', sample);
    await putFile('b/乙.budget', sample);
    await openNext('a/甲.budget');
    await expect.poll(() => status('file')).toBe('甲.budget');
    // A slow disk: the write of 甲 is held back while 乙 is picked.
    await fs(`st.release = null; st.gate = new Promise((r) => (st.release = r));`);
    await page.keyboard.press('Control+s');
    await openNext('b/乙.budget');
    await page.waitForTimeout(200);
    await fs(`st.gate = null; st.release();`);
    await expect.poll(() => status('file')).toBe('乙.budget');
    await page.waitForTimeout(200);
    expect(await status('file')).toBe('乙.budget');

    // 乙 is saved to 乙, never over 甲.
    await gotoView(page, 't6');
    await typeInto(page, 't6', '30201', 'total', '100000');
    await page.keyboard.press('Control+s');
    await expect.poll(() => status('saved')).toBe('已保存');
    expect(await fs('return st.writes;')).toEqual(['a/甲.budget', 'b/乙.budget']);
    expect(await office('a/甲.budget')).toBe(9_500_000);
    expect(await office('b/乙.budget')).toBe(10_000_000);
  });

  it('另存为 onto a name that is not a .budget (an existing workbook) writes nothing and says so', async () => {
    const workbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    await putFile('x/公开表.xlsx', workbook);
    await fs(`st.saveAs = 'x/公开表.xlsx';`);
    await page.keyboard.press('Control+s'); // the built-in sample has no file yet: a save-as
    await expect.poll(() => dialog().textContent()).toContain('“公开表.xlsx”不是部门预算文件名');
    await dialog().locator('button').click();
    expect(await fs('return st.writes;')).toEqual([]);
    expect(Buffer.from(await getFile('x/公开表.xlsx')).equals(Buffer.from(workbook))).toBe(true);
  });

  it('requested nothing from any origin but its own, with no page errors', () => {
    expect(foreignRequests(w.requests, baseUrl)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
