/**
 * The thin edge (electron/main.ts) wired to a fake `electron` module: checks that the real wiring
 * registers the scheme, guards, IPC channels, window, menu and close guard as the plain modules expect.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const E = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const fsx = require('node:fs') as typeof import('node:fs');
  const osx = require('node:os') as typeof import('node:os');
  const px = require('node:path') as typeof import('node:path');
  const tmp = fsx.mkdtempSync(px.join(osx.tmpdir(), 'bw-electron-main-'));
  let nextId = 1;

  class FakeWebContents extends EventEmitter {
    id = nextId++;
    sent: unknown[][] = [];
    openHandler: unknown;
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isLoading() {
      return false;
    }
    setWindowOpenHandler(h: unknown) {
      this.openHandler = h;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static all: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    title = '';
    destroyed = false;
    loadedUrl = '';
    constructor(public options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.all.push(this);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
    setTitle(t: string) {
      this.title = t;
    }
    setDocumentEdited() {}
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) {
        this.destroyed = true;
        this.emit('closed');
      }
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    getAppPath: () => px.join(tmp, 'app'),
    getPath: (name: string) => px.join(tmp, name),
    getVersion: () => '0.1.0',
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const webRequest = { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() };
  const defaultSession = Object.assign(new EventEmitter(), {
    webRequest,
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
  });
  return {
    tmp,
    FakeBrowserWindow,
    app,
    defaultSession,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn(async () => ({})), showErrorBox: vi.fn() },
  };
});

vi.mock('electron', () => ({
  app: E.app,
  BrowserWindow: E.FakeBrowserWindow,
  dialog: E.dialog,
  ipcMain: E.ipcMain,
  Menu: E.Menu,
  protocol: E.protocol,
  session: { defaultSession: E.defaultSession },
}));

import { IPC_CHANNELS } from '../../shared/host/api';
import { CLOSE_REQUEST_CHANNEL, CONFIRM_CLOSE_CHANNEL, MENU_COMMAND_CHANNEL } from '../../electron/channels';

afterAll(() => fs.rmSync(E.tmp, { recursive: true, force: true }));

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handler = (channel: string) => E.ipcMain.handle.mock.calls.find((c) => c[0] === channel)![1] as Listener;
const win = () => E.FakeBrowserWindow.all[0]!;
const fromApp = () => ({ sender: win().webContents, senderFrame: { url: 'app://bundle/index.html', parent: null } });

beforeAll(async () => {
  await import('../../electron/main');
  await vi.waitFor(() => expect(E.Menu.setApplicationMenu).toHaveBeenCalled());
});

describe('main.ts wiring', () => {
  it('sets up before ready: scheme, sandbox, guards, single instance', () => {
    expect(E.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(E.app.enableSandbox).toHaveBeenCalled();
    expect(E.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(E.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('serves app:// and guards the session', () => {
    expect(E.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(E.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(E.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(E.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(E.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('registers exactly the IPC channels of the contract', () => {
    expect(E.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('opens one locked-down window on the app entry', () => {
    expect(E.FakeBrowserWindow.all).toHaveLength(1);
    expect(win().loadedUrl).toBe('app://bundle/index.html');
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    const menu = E.Menu.buildFromTemplate.mock.calls.at(-1)![0] as { label: string }[];
    expect(menu.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
  });

  it('refuses IPC from a foreign page', async () => {
    await expect(handler('recent:list')(fromApp(), null)).resolves.toEqual([]);
    const foreign = { sender: win().webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(handler('recent:list')(foreign, null)).rejects.toThrow(/不是来自本应用/);
  });

  it('a file given to a second instance is handed out and sent to the renderer', async () => {
    const file = path.join(E.tmp, '2025.budget');
    fs.writeFileSync(file, 'db');
    E.app.emit('second-instance', {}, ['/opt/bw/budget-workbench', file], E.tmp);
    expect(win().webContents.sent).toContainEqual([MENU_COMMAND_CHANNEL, 'open-recent', file]);
    const opened = (await handler('file:open-recent')(fromApp(), { path: file })) as { name: string; bytes: Uint8Array };
    expect(opened.name).toBe('2025.budget');
    expect(new TextDecoder().decode(opened.bytes)).toBe('db');
    // and the recent list (and so the menu) now has it
    await expect(handler('recent:list')(fromApp(), null)).resolves.toEqual([expect.objectContaining({ path: file })]);
  });

  it('asks the renderer before closing a dirty window and closes on its confirmation', async () => {
    await handler('app:set-dirty')(fromApp(), { dirty: true, title: '2025.budget' });
    expect(win().title).toBe('● 2025.budget - 部门预算公开工作台');
    win().close();
    expect(win().isDestroyed()).toBe(false);
    expect(win().webContents.sent).toContainEqual([CLOSE_REQUEST_CHANNEL]);

    const confirm = E.ipcMain.on.mock.calls.find((c) => c[0] === CONFIRM_CLOSE_CHANNEL)![1] as (e: unknown) => void;
    confirm({ sender: win().webContents, senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(win().isDestroyed()).toBe(false); // a foreign page cannot close the window
    confirm(fromApp());
    expect(win().isDestroyed()).toBe(true);
  });
});
