/**
 * The desktop edition's renderer over the real main-process handlers (electron/ipc.ts with
 * electron/recovery.ts on real files), Electron itself replaced by a bridge: window.budgetHost is
 * the preload's PreloadBridge, each invoke goes to Node through playwright, bytes as base64.
 * Crash recovery (the recovery file under the user-data directory) and the lock file beside the
 * .budget, end to end.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { cellText, gotoView, openPage, typeInto, waitForApp, type Watched } from './support/page';
import { atomicWrite, readFileLimited } from '../../electron/files';
import { createHandlers, dispatch, PathAllowList } from '../../electron/ipc';
import { RECENT_FILE_NAME, RecentStore } from '../../electron/recent';
import { createDocumentLock, createFileLocks, createJournalStore, RECOVERY_DIR_NAME, type Me } from '../../electron/recovery';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { budgetFromBytes, budgetToBytes } from '../../shared/storage';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';

const baseUrl = inject('baseUrl');

const B64 = '__b64';
const encode = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? { [B64]: Buffer.from(x).toString('base64') } : x));
const decode = (s: string) => JSON.parse(s, (_k, x) => (x && typeof x === 'object' && B64 in x ? new Uint8Array(Buffer.from(x[B64], 'base64')) : x));

describe.skipIf(!baseUrl)('桌面版：恢复文件与锁文件（主进程处理函数，Electron 以桥接代替）', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-e2e-desktop-'));
  const userData = path.join(root, 'userData');
  const file = path.join(root, '办公室.budget');
  let chrome: LaunchedChromium;

  afterAll(async () => {
    await chrome?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** One run of the desktop app on a PC: main-process handlers, and a window on them. */
  async function startApp(me: Me, alive: (pid: number) => boolean, open: string[] = []): Promise<Watched> {
    const queue = [...open];
    const handlers = createHandlers({
      dialog: {
        showOpenDialog: async () => {
          const p = queue.shift();
          return p ? { canceled: false, filePaths: [p] } : { canceled: true, filePaths: [] };
        },
        showSaveDialog: async () => ({ canceled: true, filePath: '' }),
        showMessageBox: async () => ({ response: 0 }),
      },
      files: { read: (f, max) => readFileLimited(f, max), write: (f, b, o) => atomicWrite(f, b, o) },
      recent: new RecentStore({ file: path.join(userData, `${me.host}-${RECENT_FILE_NAME}`) }),
      allowed: new PathAllowList(),
      printPdf: async () => new Uint8Array(),
      setDirty: () => undefined,
      defaultDir: () => root,
      journal: createJournalStore(path.join(userData, me.host, RECOVERY_DIR_NAME)),
      lock: createDocumentLock(createFileLocks(me, alive)),
    });
    chrome ??= await launchChromium({ viewport: { width: 1366, height: 768 } });
    const w = await openPage(chrome.context, baseUrl);
    const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
    await w.page.exposeFunction('__ipc', async (channel: string, arg: string) => {
      try {
        return { ok: encode(await dispatch(handlers, () => true, channel, trusted, [decode(arg)])) };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    });
    await w.page.addInitScript(`(() => {
      const B64 = ${JSON.stringify(B64)};
      const toB64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s); };
      const fromB64 = (b64) => { const s = atob(b64); const u8 = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i); return u8; };
      const enc = (v) => JSON.stringify(v === undefined ? null : v, (_k, x) => (x instanceof Uint8Array ? { [B64]: toB64(x) } : x));
      const dec = (s) => JSON.parse(s, (_k, x) => (x && typeof x === 'object' && B64 in x ? fromB64(x[B64]) : x));
      window.budgetHost = {
        async invoke(channel, arg) {
          const r = await window.__ipc(channel, enc(arg));
          if (r.error) throw new Error(r.error);
          return dec(r.ok);
        },
        onCloseRequest() {},
        confirmClose() {},
        onMenuCommand() {},
      };
    })()`);
    await w.page.goto(baseUrl);
    await waitForApp(w.page);
    return w;
  }

  const dialog = (p: Page) => p.locator('[data-testid=confirm-dialog]');
  const pcA: Me = { user: '张三', host: 'PC-A', pid: 1001 };

  it('killed 3 s after an edit: the next start offers 恢复; it restores the edit into the same file, and 保存 writes it there', async () => {
    const sql = await loadSqlJsNode();
    fs.writeFileSync(file, budgetToBytes(sql, yubeiBigData2024()));
    let w = await startApp(pcA, () => true, [file]);
    await w.page.click('[data-action=open]');
    await expect.poll(() => w.page.textContent('[data-testid=status-file]')).toBe('办公室.budget');
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
    await gotoView(w.page, 't6');
    await typeInto(w.page, 't6', '30201', 'total', '123456.78');
    await w.page.waitForTimeout(3000);
    await w.page.close({ runBeforeUnload: false }); // the process dies: its lock file stays

    w = await startApp({ ...pcA, pid: 1002 }, (pid) => pid === 1002);
    await expect.poll(() => dialog(w.page).textContent()).toContain('“办公室.budget”上次没有正常关闭，有 1 处修改尚未保存');
    await dialog(w.page).locator('button', { hasText: '恢复' }).click();
    await expect.poll(() => w.page.textContent('[data-testid=status-saved]')).toBe('未保存');
    expect(await w.page.textContent('[data-testid=status-file]')).toBe('办公室.budget');
    await gotoView(w.page, 't6');
    expect(await cellText(w.page, 't6', '30201', 'total')).toBe('123,456.78');
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: 1002 }); // the stale lock taken over

    await w.page.click('[data-action=save]');
    await expect.poll(() => w.page.textContent('[data-testid=status-saved]')).toBe('已保存');
    const saved = budgetFromBytes(sql, fs.readFileSync(file), 'x').budget;
    expect(saved.econLines.find((l) => l.scheme === 'department' && l.kind === 'basic' && l.code === '30201')?.amount).toBe(12_345_678);
    await expect.poll(() => fs.readdirSync(path.join(userData, 'PC-A', RECOVERY_DIR_NAME))).toEqual([]);
    expect([...w.errors]).toEqual([]);
  });

  it('another PC opening the file is told who has it and may open it read-only; 保存 never writes to it', async () => {
    const before = fs.readFileSync(file);
    const w = await startApp({ user: '李四', host: 'PC-B', pid: 2001 }, () => true, [file]);
    await w.page.click('[data-action=open]');
    const d = dialog(w.page);
    await expect.poll(() => d.textContent()).toMatch(/“办公室\.budget”正由张三（PC-A）打开编辑，自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起。/);
    await d.locator('button', { hasText: '只读打开' }).click();
    await expect.poll(() => w.page.textContent('[data-testid=status-file]')).toBe('办公室.budget（只读）');
    await gotoView(w.page, 't6');
    expect(await cellText(w.page, 't6', '30201', 'total')).toBe('123,456.78');
    await typeInto(w.page, 't6', '30205', 'total', '1');
    await w.page.click('[data-action=save]'); // a save-as dialog (cancelled here), never the locked file
    await w.page.waitForTimeout(500);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ host: 'PC-A' });
    expect([...w.errors]).toEqual([]);
  });
});
