import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real electron package cannot load here; the preload only needs contextBridge and ipcRenderer.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => null),
      send: vi.fn(),
      on: vi.fn((channel: string, l: (event: unknown, ...args: unknown[]) => void) => void listeners.set(channel, l)),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

import { IPC_CHANNELS, type PreloadBridge } from '../../shared/host/api';
import { CLOSE_REQUEST_CHANNEL, CONFIRM_CLOSE_CHANNEL, MENU_COMMAND_CHANNEL } from '../../electron/channels';
import { cleanIpcError, createBridge, type IpcRendererLike } from '../../electron/bridge';

function fakeIpc() {
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc = {
    invoke: vi.fn(async (..._a: unknown[]): Promise<unknown> => 'ok'),
    send: vi.fn(),
    on: vi.fn((c: string, l: (event: unknown, ...args: unknown[]) => void) => void listeners.set(c, l)),
  };
  const emit = (c: string, ...args: unknown[]) => listeners.get(c)!({ sender: 'ipcRenderer' }, ...args);
  return { ipc, emit, bridge: createBridge(ipc as IpcRendererLike) };
}

describe('preload', () => {
  beforeEach(() => vi.clearAllMocks());

  it('exposes exactly PreloadBridge as window.budgetHost', async () => {
    await import('../../electron/preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, PreloadBridge];
    expect(name).toBe('budgetHost');
    expect(Object.keys(api).sort()).toEqual(['confirmClose', 'invoke', 'onCloseRequest', 'onMenuCommand']);
    // Not ipcRenderer itself, nor anything that would let the page send on arbitrary channels.
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(api).not.toBe(electron.ipcRenderer);
  });
});

describe('bridge', () => {
  it('invokes only allow-listed channels', async () => {
    const { ipc, bridge } = fakeIpc();
    for (const channel of IPC_CHANNELS) {
      await bridge.invoke(channel, null as never);
      expect(ipc.invoke).toHaveBeenLastCalledWith(channel, null);
    }
    ipc.invoke.mockClear();
    for (const evil of ['fs:delete', CONFIRM_CLOSE_CHANNEL, 'menu:command', '', 'constructor']) {
      await expect(bridge.invoke(evil as never, null as never)).rejects.toThrow(/未知的请求通道/);
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('returns the main process’s Chinese message without Electron’s prefix', async () => {
    const { ipc, bridge } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'file:save': IpcRefusal: 不允许保存到“x.budget”"));
    await expect(bridge.invoke('file:save', { path: '/x.budget', suggestedName: 'x.budget', bytes: new Uint8Array() })).rejects.toThrow(
      /^不允许保存到“x\.budget”$/,
    );
    expect(cleanIpcError(new Error("Error invoking remote method 'a:b': Error: 保存失败")).message).toBe('保存失败');
  });

  it('asks the page before closing, and the page confirms', () => {
    const { ipc, emit, bridge } = fakeIpc();
    const handler = vi.fn();
    bridge.onCloseRequest(handler);
    emit(CLOSE_REQUEST_CHANNEL);
    expect(handler).toHaveBeenCalledWith(); // the IpcRendererEvent never reaches the page
    expect(ipc.send).not.toHaveBeenCalled();
    bridge.confirmClose();
    expect(ipc.send).toHaveBeenCalledWith(CONFIRM_CLOSE_CHANNEL);
  });

  it('confirms at once when the page registered no close handler', () => {
    const { ipc, emit } = fakeIpc();
    emit(CLOSE_REQUEST_CHANNEL);
    expect(ipc.send).toHaveBeenCalledWith(CONFIRM_CLOSE_CHANNEL);
  });

  it('delivers menu commands, holding early ones until the page listens, and drops unknown ones', () => {
    const { emit, bridge } = fakeIpc();
    emit(MENU_COMMAND_CHANNEL, 'open-recent', '/d/2025.budget'); // from the command line, before the page is ready
    emit(MENU_COMMAND_CHANNEL, 'format-disk');
    emit(MENU_COMMAND_CHANNEL, 'save', 42);
    const handler = vi.fn();
    bridge.onMenuCommand(handler);
    expect(handler.mock.calls).toEqual([['open-recent', '/d/2025.budget']]);
    emit(MENU_COMMAND_CHANNEL, 'save');
    expect(handler).toHaveBeenLastCalledWith('save', undefined);
  });
});
