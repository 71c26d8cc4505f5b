import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => ({}));

import { IPC_CHANNELS } from '../../shared/host/api';
import { isExportFileName } from '../../shared/export/formats';
import { atomicWrite, readFileLimited } from '../../electron/files';
import {
  bareFileNameProblem,
  createHandlers,
  createSenderCheck,
  dispatch,
  IpcRefusal,
  PathAllowList,
  registerChannel,
  registerIpcHandlers,
  type HostDeps,
  type SenderInfo,
} from '../../electron/ipc';
import { RECENT_FILE_NAME, RecentStore } from '../../electron/recent';
import { createDocumentLock, createFileLocks, createJournalStore } from '../../electron/recovery';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-electron-ipc-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);

const APP_WINDOW_ID = 7;
const trusted: SenderInfo = { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
const isTrusted = createSenderCheck(() => [APP_WINDOW_ID]);

let n = 0;
function setup(limits?: HostDeps['limits']) {
  const dir = path.join(root, `case-${++n}`);
  const docs = path.join(dir, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  const openPaths: string[][] = [];
  const savePaths: (string | undefined)[] = [];
  /** Answers to the overwrite question: 1 = 覆盖, 0 = 取消. */
  const answers: number[] = [];
  const dialog = {
    showMessageBox: vi.fn(async (_options: unknown) => ({ response: answers.shift() ?? 0 })),
    showOpenDialog: vi.fn(async () => {
      const next = openPaths.shift();
      return next ? { canceled: false, filePaths: next } : { canceled: true, filePaths: [] };
    }),
    showSaveDialog: vi.fn(async () => {
      const p = savePaths.shift();
      return p ? { canceled: false, filePath: p } : { canceled: true, filePath: '' };
    }),
  };
  const files = {
    read: vi.fn((f: string, max: number) => readFileLimited(f, max)),
    write: vi.fn((f: string, b: Uint8Array, o: { backup: boolean }) => atomicWrite(f, b, o)),
  };
  const recent = new RecentStore({ file: path.join(dir, 'userData', RECENT_FILE_NAME) });
  const deps: HostDeps = {
    dialog,
    files,
    recent,
    allowed: new PathAllowList(),
    printPdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
    setDirty: vi.fn(),
    defaultDir: () => docs,
    journal: createJournalStore(path.join(dir, 'userData', 'recovery')),
    lock: createDocumentLock(createFileLocks()),
    limits,
  };
  const handlers = createHandlers(deps);
  const call = (channel: string, arg: unknown, event: SenderInfo = trusted) => dispatch(handlers, isTrusted, channel, event, [arg]);
  return { dir, docs, dialog, files, recent, deps, handlers, call, openPaths, savePaths, answers };
}

describe('registration', () => {
  it('registers exactly the channels of IPC_CHANNELS', () => {
    const { handlers } = setup();
    const ipcMain = { handle: vi.fn() };
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    expect(ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('registering a name twice throws', () => {
    const { handlers } = setup();
    const ipcMain = { handle: vi.fn() };
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    expect(() => registerIpcHandlers(ipcMain, handlers, isTrusted)).toThrow(/重复注册/);
    const other = { handle: vi.fn() };
    registerChannel(other, 'recent:list', async () => []);
    expect(() => registerChannel(other, 'recent:list', async () => [])).toThrow(/“recent:list”重复注册/);
  });

  it('refuses to register a channel outside the contract, or extra handlers', () => {
    const { handlers } = setup();
    expect(() => registerChannel({ handle: vi.fn() }, 'fs:delete', async () => null)).toThrow(/不在 IPC 约定中/);
    const extra = { ...handlers, 'shell:exec': async () => null } as unknown as typeof handlers;
    expect(() => registerIpcHandlers({ handle: vi.fn() }, extra, isTrusted)).toThrow(/shell:exec/);
  });

  it('the registered listener refuses a foreign sender', async () => {
    const { handlers } = setup();
    const ipcMain = { handle: vi.fn() };
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    const listener = ipcMain.handle.mock.calls.find((c) => c[0] === 'recent:list')![1];
    await expect(listener(trusted, null)).resolves.toEqual([]);
    const foreign = { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(listener(foreign, null)).rejects.toThrow(/不是来自本应用/);
  });
});

describe('dispatch', () => {
  it('refuses an unknown channel', async () => {
    const { call } = setup();
    await expect(call('fs:delete', { path: '/' })).rejects.toThrow(/未知的请求/);
    await expect(call('__proto__', null)).rejects.toBeInstanceOf(IpcRefusal);
  });

  it.each([
    ['a web page', { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a local file', { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['another app:// host', { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'app://other/index.html', parent: null } }],
    ['the print page', { sender: { id: APP_WINDOW_ID }, senderFrame: { url: `app://bundle/__print__/${'a'.repeat(32)}.html`, parent: null } }],
    ['a subframe', { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'app://bundle/index.html', parent: {} } }],
    ['a destroyed frame', { sender: { id: APP_WINDOW_ID }, senderFrame: null }],
    ['another window', { sender: { id: 99 }, senderFrame: { url: 'app://bundle/index.html', parent: null } }],
  ])('refuses a request from %s', async (_what, event) => {
    const { call, deps } = setup();
    await expect(call('app:set-dirty', { dirty: true, title: 'x' }, event as SenderInfo)).rejects.toThrow(/已拒绝：请求不是来自本应用的窗口/);
    expect(deps.setDirty).not.toHaveBeenCalled();
  });

  it('refuses more than one argument and unknown fields', async () => {
    const { handlers, call } = setup();
    await expect(dispatch(handlers, isTrusted, 'recent:list', trusted, [null, 'extra'])).rejects.toThrow(/只接受一个参数/);
    await expect(call('app:set-dirty', { dirty: true, title: 'x', evil: 1 })).rejects.toThrow(/未知字段“evil”/);
    await expect(call('app:set-dirty', 'dirty')).rejects.toThrow(/应为一个对象/);
    await expect(call('app:set-dirty', { dirty: 'yes', title: 'x' })).rejects.toThrow(/true 或 false/);
  });
});

describe('file:save', () => {
  it('refuses a path the main process never handed out, and writes nothing', async () => {
    const { call, docs, files } = setup();
    const target = path.join(docs, 'elsewhere.budget');
    await expect(call('file:save', { path: target, suggestedName: 'x.budget', bytes: bytes('x') })).rejects.toThrow(
      /不允许保存到“elsewhere\.budget”/,
    );
    await expect(call('file:save', { path: '/etc/passwd', suggestedName: 'x.budget', bytes: bytes('x') })).rejects.toThrow(/不允许保存/);
    await expect(call('file:save', { path: 'relative.budget', suggestedName: 'x.budget', bytes: bytes('x') })).rejects.toThrow(/完整路径/);
    expect(files.write).not.toHaveBeenCalled();
    expect(fs.existsSync(target)).toBe(false);
  });

  it('save-as goes through the dialog; later saves to that path are allowed and keep a .bak', async () => {
    const { call, docs, savePaths, dialog } = setup();
    const target = path.join(docs, '2025.budget');
    savePaths.push(target);
    await expect(call('file:save', { path: null, suggestedName: '2025.budget', bytes: bytes('v1') })).resolves.toEqual({
      name: '2025.budget',
      path: target,
    });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: path.join(docs, '2025.budget') }));
    await call('file:save', { path: target, suggestedName: '2025.budget', bytes: bytes('v2') });
    expect(fs.readFileSync(target, 'utf8')).toBe('v2');
    expect(fs.readFileSync(`${target}.bak`, 'utf8')).toBe('v1');
    // and it went into the recent list
    expect((await call('recent:list', null)) as unknown[]).toEqual([expect.objectContaining({ path: target })]);
  });

  it('a cancelled dialog returns null', async () => {
    const { call, files } = setup();
    await expect(call('file:save', { path: null, suggestedName: '2025', bytes: bytes('x') })).resolves.toBeNull();
    expect(files.write).not.toHaveBeenCalled();
  });

  it('adds .budget to a name typed without extension', async () => {
    const { call, docs, savePaths } = setup();
    savePaths.push(path.join(docs, '预算'));
    const res = (await call('file:save', { path: null, suggestedName: '预算', bytes: bytes('x') })) as { path: string };
    expect(res.path).toBe(path.join(docs, '预算.budget'));
  });

  it('does not replace an existing file the dialog never asked about (name typed without extension)', async () => {
    const { call, docs, savePaths, files } = setup();
    const existing = path.join(docs, '预算.budget');
    fs.writeFileSync(existing, 'earlier');
    savePaths.push(path.join(docs, '预算'));
    await expect(call('file:save', { path: null, suggestedName: '预算', bytes: bytes('x') })).rejects.toThrow(/“预算.budget”已存在/);
    expect(files.write).not.toHaveBeenCalled();
    expect(fs.readFileSync(existing, 'utf8')).toBe('earlier');
  });

  it('never writes budget bytes over a non-.budget file, even one picked in a dialog', async () => {
    const { call, docs, openPaths, files } = setup();
    const workbook = path.join(docs, '上年.xlsx');
    fs.writeFileSync(workbook, 'xlsx');
    openPaths.push([workbook]);
    await call('file:open-dialog', { extensions: ['xlsx'], title: '导入' });
    await expect(call('file:save', { path: workbook, suggestedName: 'x.budget', bytes: bytes('db') })).rejects.toThrow(/扩展名必须是 \.budget/);
    expect(files.write).not.toHaveBeenCalled();
    expect(fs.readFileSync(workbook, 'utf8')).toBe('xlsx');
  });

  it('allows a path from the recent list', async () => {
    const { call, docs, recent } = setup();
    const target = path.join(docs, 'old.budget');
    fs.writeFileSync(target, 'old');
    await recent.add(target);
    await call('file:save', { path: target, suggestedName: 'old.budget', bytes: bytes('new') });
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it.each([
    ['an array of numbers', [1, 2, 3]],
    ['an ArrayBuffer', new ArrayBuffer(3)],
    ['a string', 'abc'],
    ['another typed array', new Int8Array(3)],
    ['a plain object', { 0: 1, length: 1 }],
  ])('refuses %s as bytes', async (_what, value) => {
    const { call, savePaths, docs, dialog } = setup();
    savePaths.push(path.join(docs, 'a.budget'));
    await expect(call('file:save', { path: null, suggestedName: 'a.budget', bytes: value })).rejects.toThrow(/应为字节数据（Uint8Array）/);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses oversized payloads', async () => {
    const { call, dialog } = setup({ maxFileBytes: 1024, maxTitleChars: 200, maxHtmlChars: 100 });
    await expect(call('file:save', { path: null, suggestedName: 'a.budget', bytes: new Uint8Array(2048) })).rejects.toThrow(/数据过大/);
    await expect(call('file:open-dialog', { extensions: ['budget'], title: '长'.repeat(201) })).rejects.toThrow(/过长/);
    await expect(call('pdf:print', { html: 'x'.repeat(101), landscape: true })).rejects.toThrow(/过长/);
    await expect(call('file:open-recent', { path: `/${'a'.repeat(5000)}.budget` })).rejects.toThrow(/过长/);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses a suggested name with a folder part', async () => {
    const { call } = setup();
    await expect(call('file:save', { path: null, suggestedName: '../x.budget', bytes: bytes('x') })).rejects.toThrow(/建议的文件名不正确/);
  });
});

describe('file:open-dialog and file:open-recent', () => {
  it('opens a picked file, hands its path out, and lists it as recent', async () => {
    const { call, docs, openPaths } = setup();
    const f = path.join(docs, '2024.budget');
    fs.writeFileSync(f, 'db');
    openPaths.push([f]);
    const opened = (await call('file:open-dialog', { extensions: ['budget'], title: '打开' })) as { name: string; path: string; bytes: Uint8Array };
    expect(opened.name).toBe('2024.budget');
    expect(new TextDecoder().decode(opened.bytes)).toBe('db');
    await expect(call('file:save', { path: f, suggestedName: '2024.budget', bytes: bytes('db2') })).resolves.toEqual({ name: '2024.budget', path: f });
    await expect(call('file:open-recent', { path: f })).resolves.toMatchObject({ name: '2024.budget' });
  });

  it('refuses a picked file of another type (filters are only hints on some Linux dialogs)', async () => {
    const { call, docs, openPaths, files } = setup();
    const f = path.join(docs, 'notes.txt');
    fs.writeFileSync(f, 'x');
    openPaths.push([f]);
    await expect(call('file:open-dialog', { extensions: ['budget'], title: '打开' })).rejects.toThrow(/请选择部门预算文件/);
    expect(files.read).not.toHaveBeenCalled();
  });

  it('refuses bad extension lists', async () => {
    const { call } = setup();
    await expect(call('file:open-dialog', { extensions: [], title: '打开' })).rejects.toThrow(/扩展名/);
    await expect(call('file:open-dialog', { extensions: ['.budget'], title: '打开' })).rejects.toThrow(/不带点/);
    await expect(call('file:open-dialog', { extensions: ['*'], title: '打开' })).rejects.toThrow(/不带点/);
  });

  it('open-recent refuses a path never handed out', async () => {
    const { call, docs, files } = setup();
    const f = path.join(docs, 'secret.budget');
    fs.writeFileSync(f, 'x');
    await expect(call('file:open-recent', { path: f })).rejects.toThrow(/不允许打开“secret\.budget”/);
    expect(files.read).not.toHaveBeenCalled();
  });

  it('open-recent of a file that has gone reports it and drops it from the list', async () => {
    const { call, docs, deps, recent } = setup();
    const f = path.join(docs, 'gone.budget');
    deps.allowed.add(f);
    await expect(call('file:open-recent', { path: f })).rejects.toThrow(/“gone\.budget”.*不存在/);
    expect(await recent.list()).toEqual([]);
  });
});

describe('export:write', () => {
  it.each(['../x.xlsx', '..', 'a/b.xlsx', '/etc/passwd', 'a\\b.xlsx', '..\\x.xlsx', 'C:x.xlsx', 'c:\\x.xlsx', 'x.xlsx:stream', 'CON', 'nul.txt', 'x.', ' ', '', 'a\u0000b'])(
    'refuses the name %j before showing any dialog',
    async (name) => {
      const { call, dialog, files } = setup();
      await expect(call('export:write', { files: [{ name, bytes: bytes('x') }], title: '导出' })).rejects.toThrow(/文件名不正确/);
      expect(dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(files.write).not.toHaveBeenCalled();
    },
  );

  it('accepts ordinary Chinese names', () => {
    expect(bareFileNameProblem('表一 收支总表.xlsx')).toBeNull();
    expect(bareFileNameProblem('部门预算情况说明.pdf')).toBeNull();
  });

  const XLSX = '2024年重庆市渝北区大数据应用发展管理局部门预算公开表.xlsx';

  it('writes the files into the chosen folder', async () => {
    const { call, docs, openPaths, dialog } = setup();
    const out = path.join(docs, '导出');
    fs.mkdirSync(out);
    openPaths.push([out]);
    const res = await call('export:write', {
      files: [
        { name: XLSX, bytes: bytes('1') },
        { name: 'tables.json', bytes: bytes('{}') },
      ],
      title: '选择导出文件夹',
    });
    expect(res).toEqual({ dir: out, count: 2 });
    expect(fs.readdirSync(out).sort()).toEqual([XLSX, 'tables.json'].sort());
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it.each(['.bashrc', 'autorun.inf', 'x.exe', '表一.xlsx', 'tables.xlsx', '2024年部门预算公开表.exe', '2024年x部门预算公开表.xlsx.lnk', 'desktop.ini'])(
    'accepts only the names an export produces: refuses %j before any dialog',
    async (name) => {
      const { call, dialog, files } = setup();
      await expect(call('export:write', { files: [{ name, bytes: bytes('x') }], title: '导出' })).rejects.toThrow(`不接受导出文件名“${name}”`);
      expect(dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(files.write).not.toHaveBeenCalled();
    },
  );

  it('accepts every name the export and the narrative produce', () => {
    for (const name of [XLSX, XLSX.replace('.xlsx', '.html'), XLSX.replace('.xlsx', '.pdf'), 'tables.json', '2024年重庆市渝北区大数据应用发展管理局部门预算情况说明.docx', '2024年部门预算公开表情况说明.docx']) {
      expect(isExportFileName(name), name).toBe(true);
    }
  });

  it('asks before overwriting an existing file; 取消 writes nothing, 覆盖 replaces', async () => {
    const { call, docs, openPaths, dialog, answers } = setup();
    const out = path.join(docs, '导出');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'tables.json'), 'old');
    const files = [
      { name: XLSX, bytes: bytes('1') },
      { name: 'tables.json', bytes: bytes('{}') },
    ];
    openPaths.push([out]);
    answers.push(0);
    await expect(call('export:write', { files, title: '导出' })).resolves.toBeNull();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(vi.mocked(dialog.showMessageBox).mock.calls[0][0]).toMatchObject({
      message: '文件夹“导出”中已有“tables.json”，要用这次导出的文件覆盖吗？',
      buttons: ['取消', '覆盖'],
      cancelId: 0,
    });
    expect(fs.readdirSync(out)).toEqual(['tables.json']);
    expect(fs.readFileSync(path.join(out, 'tables.json'), 'utf8')).toBe('old');
    openPaths.push([out]);
    answers.push(1);
    await expect(call('export:write', { files, title: '导出' })).resolves.toEqual({ dir: out, count: 2 });
    expect(fs.readFileSync(path.join(out, 'tables.json'), 'utf8')).toBe('{}');
  });

  it('refuses duplicate names, non-byte contents and too much data', async () => {
    const { call } = setup({ maxExportBytes: 10, maxExportFiles: 3 });
    const html = XLSX.replace('.xlsx', '.html');
    await expect(
      call('export:write', { files: [{ name: XLSX, bytes: bytes('1') }, { name: XLSX, bytes: bytes('2') }], title: '' }),
    ).rejects.toThrow(/重复/);
    await expect(call('export:write', { files: [{ name: XLSX, bytes: [1, 2] }], title: '' })).rejects.toThrow(/Uint8Array/);
    await expect(
      call('export:write', { files: [{ name: XLSX, bytes: new Uint8Array(6) }, { name: html, bytes: new Uint8Array(6) }], title: '' }),
    ).rejects.toThrow(/数据过大/);
    await expect(
      call('export:write', { files: [XLSX, html, XLSX.replace('.xlsx', '.pdf'), 'tables.json'].map((name) => ({ name, bytes: bytes('') })), title: '' }),
    ).rejects.toThrow(/最多导出 3 个/);
    await expect(call('export:write', { files: [], title: '' })).rejects.toThrow(/没有要导出的文件/);
  });
});

describe('pdf:print, recent:list, app:set-dirty', () => {
  it('passes validated arguments on', async () => {
    const { call, deps } = setup();
    await expect(call('pdf:print', { html: '<p>表一</p>', landscape: true })).resolves.toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(deps.printPdf).toHaveBeenCalledWith('<p>表一</p>', true);
    await expect(call('pdf:print', { html: '<p/>', landscape: 'yes' })).rejects.toThrow(/横向/);
    await expect(call('recent:list', null)).resolves.toEqual([]);
    await expect(call('recent:list', { all: true })).rejects.toThrow(/不需要参数/);
    await expect(call('app:set-dirty', { dirty: true, title: '2025.budget' })).resolves.toBeNull();
    expect(deps.setDirty).toHaveBeenCalledWith(true, '2025.budget');
  });

  it('wraps unexpected failures in a Chinese message', async () => {
    const { call, deps } = setup();
    vi.mocked(deps.printPdf).mockRejectedValueOnce(new Error('GPU process gone'));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(call('pdf:print', { html: '<p/>', landscape: false })).rejects.toThrow(/^操作失败：GPU process gone$/);
    spy.mockRestore();
  });
});

describe('PathAllowList', () => {
  it('normalises paths, case-insensitively on Windows only', () => {
    const posix = new PathAllowList('linux');
    posix.add('/a/b/../c.budget');
    expect(posix.has('/a/c.budget')).toBe(true);
    expect(posix.has('/A/c.budget')).toBe(false);
    const win = new PathAllowList('win32');
    win.add('/Docs/A.budget');
    expect(win.has('/docs/a.BUDGET')).toBe(true);
  });
});

beforeEach(() => vi.clearAllMocks());
