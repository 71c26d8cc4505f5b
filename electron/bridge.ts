/**
 * The object the preload exposes as window.budgetHost: exactly PreloadBridge. Invoke channels are
 * checked against IPC_CHANNELS before anything is sent; events from the main process are checked
 * too, and the IpcRendererEvent never reaches the page (it would hand the page ipcRenderer itself).
 */
import { IPC_CHANNELS, MENU_COMMANDS, type IpcArg, type IpcChannel, type IpcResult, type MenuCommand, type PreloadBridge } from '../shared/host/api';
import { CLOSE_REQUEST_CHANNEL, CONFIRM_CLOSE_CHANNEL, MENU_COMMAND_CHANNEL } from './channels';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Electron rethrows a handler's error in the page as "Error invoking remote method 'x': <name>: 原因"
 * (name: Error, FileError, IpcRefusal…); keep 原因, the sentence meant for the user.
 */
export function cleanIpcError(err: unknown): Error {
  const msg = err instanceof Error ? err.message : String(err);
  return new Error(msg.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]\w*: )?/, ''));
}

const MAX_PENDING_COMMANDS = 20;

export function createBridge(ipc: IpcRendererLike): PreloadBridge {
  const channels = new Set<string>(IPC_CHANNELS);
  const commands = new Set<string>(MENU_COMMANDS);
  let closeHandler: (() => void) | null = null;
  let menuHandler: ((command: MenuCommand, path?: string) => void) | null = null;
  // A file given on the command line is sent before the page has registered its handler.
  const pending: [MenuCommand, string | undefined][] = [];

  ipc.on(CLOSE_REQUEST_CHANNEL, () => {
    // No handler means the page never took responsibility for unsaved work: let the window close.
    if (closeHandler) closeHandler();
    else ipc.send(CONFIRM_CLOSE_CHANNEL);
  });

  ipc.on(MENU_COMMAND_CHANNEL, (_event, command, path) => {
    if (typeof command !== 'string' || !commands.has(command)) return;
    if (path !== undefined && typeof path !== 'string') return;
    const c = command as MenuCommand;
    if (menuHandler) menuHandler(c, path);
    else if (pending.length < MAX_PENDING_COMMANDS) pending.push([c, path]);
  });

  return {
    invoke<C extends IpcChannel>(channel: C, arg: IpcArg<C>): Promise<IpcResult<C>> {
      if (!channels.has(channel)) return Promise.reject(new Error(`未知的请求通道：“${String(channel).slice(0, 60)}”。`));
      return ipc.invoke(channel, arg).catch((err: unknown) => {
        throw cleanIpcError(err);
      }) as Promise<IpcResult<C>>;
    },
    onCloseRequest(handler) {
      closeHandler = handler;
    },
    confirmClose() {
      ipc.send(CONFIRM_CLOSE_CHANNEL);
    },
    onMenuCommand(handler) {
      menuHandler = handler;
      for (const [c, p] of pending.splice(0)) handler(c, p);
    },
  };
}
