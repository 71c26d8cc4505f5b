/**
 * The main-process side of the Host contract (shared/host/api.ts): one handler per IPC channel,
 * exactly the channels of IPC_CHANNELS, each validating its payload before doing anything.
 *
 * The renderer is treated as untrusted input: it names no path the main process did not hand out
 * itself (a dialog result, the recent list, a file given on the command line), export names are bare
 * file names, bytes are real Uint8Arrays within size limits, and requests from any page other than
 * the app's own are refused. Handlers are plain functions over injected dependencies (dialogs, file
 * helpers, recent list, PDF printer, window state), so tests call them without Electron.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  IpcMain,
  MessageBoxOptions,
  MessageBoxReturnValue,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import { isExportFileName } from '../shared/export/formats';
import {
  IPC_CHANNELS,
  type ExportFile,
  type IpcArg,
  type IpcChannel,
  type IpcResult,
  type JournalEntry,
  type OpenedFile,
  type RecentFile,
} from '../shared/host/api';
import { APP_HOST, APP_SCHEME, TransientPages } from './security';
import { FileError, MAX_FILE_BYTES, SerialQueue } from './files';
import { pathKey, samePath } from './recent';
import { lockedMessage, type DocumentLock, type JournalStore } from './recovery';

/** A refused request; the message is shown to the user as is. */
export class IpcRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRefusal';
  }
}

export const IPC_LIMITS = {
  maxFileBytes: MAX_FILE_BYTES,
  maxExportFiles: 200,
  maxExportBytes: MAX_FILE_BYTES,
  /** A 17-table HTML document is well under 10 MiB; CJK fonts come from dist/, not inline. */
  maxHtmlChars: 64 * 1024 * 1024,
  maxTitleChars: 200,
  maxPathChars: 4096,
  maxNameChars: 255,
  maxExtensions: 20,
};
export type IpcLimits = typeof IPC_LIMITS;

export const BUDGET_EXTENSION = 'budget';

// ---------------------------------------------------------------------------------------------
// Validation helpers

function refuse(message: string): never {
  throw new IpcRefusal(message);
}

function expectRecord(arg: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || arg instanceof Uint8Array) {
    refuse(`请求参数不正确：${what}应为一个对象。`);
  }
  const rec = arg as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (!keys.includes(k)) refuse(`请求参数不正确：${what}含有未知字段“${k}”。`);
  return rec;
}

function expectString(v: unknown, field: string, max: number, opts: { nonEmpty?: boolean } = {}): string {
  if (typeof v !== 'string') refuse(`请求参数不正确：${field}应为文本。`);
  if (v.length > max) refuse(`请求参数不正确：${field}过长（上限 ${max} 个字符）。`);
  if (opts.nonEmpty && v.trim() === '') refuse(`请求参数不正确：${field}不能为空。`);
  return v;
}

function expectBoolean(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') refuse(`请求参数不正确：${field}应为 true 或 false。`);
  return v;
}

function expectBytes(v: unknown, field: string, max: number): Uint8Array {
  // Structured clone delivers a renderer Uint8Array as a main-realm Uint8Array; anything else
  // (arrays of numbers, ArrayBuffer, other typed arrays, strings) is a programming error or worse.
  if (!(v instanceof Uint8Array)) refuse(`请求参数不正确：${field}应为字节数据（Uint8Array）。`);
  if (v.byteLength > max) refuse(`数据过大：${field}为 ${mib(v.byteLength)}，上限为 ${mib(max)}。`);
  return v;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} 字节`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A bare file name that is safe on Windows and Linux: no folder part (/ \), no `..`, no drive letter
 * or other colon, no control or Windows-forbidden characters, no reserved device name, no trailing
 * dot or space (Windows would silently strip them).
 */
export function bareFileNameProblem(name: unknown, max = IPC_LIMITS.maxNameChars): string | null {
  if (typeof name !== 'string') return '文件名应为文本';
  if (name.length === 0 || name.trim() === '') return '文件名不能为空';
  if (name.length > max) return `文件名过长（上限 ${max} 个字符）`;
  if (name.includes('/') || name.includes('\\')) return '文件名不能包含“/”或“\\”';
  if (name.includes('..')) return '文件名不能包含“..”';
  if (/^[A-Za-z]:/.test(name)) return '文件名不能以盘符开头';
  if (/[\u0000-\u001f\u007f<>:"|?*]/.test(name)) return '文件名不能包含控制字符或 < > : " | ? *';
  if (name === '.' || /[. ]$/.test(name) || /^\s/.test(name)) return '文件名不能以空格开头，也不能以点或空格结尾';
  if (WINDOWS_RESERVED.test(name)) return '文件名是 Windows 保留的设备名';
  return null;
}

function expectBareName(v: unknown, field: string, max: number): string {
  const problem = bareFileNameProblem(v, max);
  if (problem) refuse(`${field}不正确：${problem}（${typeof v === 'string' ? `“${v.slice(0, 80)}”` : typeof v}）。`);
  return v as string;
}

function expectAbsolutePath(v: unknown, field: string, max: number): string {
  const p = expectString(v, field, max, { nonEmpty: true });
  if (p.includes('\0') || !path.isAbsolute(p)) refuse(`请求参数不正确：${field}应为完整路径。`);
  return p;
}

function extensionOf(file: string): string {
  return path.extname(file).slice(1).toLowerCase();
}

const FILTER_NAMES: Record<string, string> = {
  budget: '部门预算文件',
  xlsx: 'Excel 工作簿',
  xls: 'Excel 97-2003 工作簿',
  json: 'JSON 文件',
  csv: 'CSV 文件',
};

function filterName(extensions: string[]): string {
  return extensions.map((e) => FILTER_NAMES[e] ?? `${e.toUpperCase()} 文件`).join('、');
}

// ---------------------------------------------------------------------------------------------
// Per-channel argument validators: unknown → the contract's argument type

export type Validators = { [C in IpcChannel]: (arg: unknown, limits: IpcLimits) => IpcArg<C> };

export const validators: Validators = {
  'file:open-dialog': (arg, L) => {
    const r = expectRecord(arg, ['extensions', 'title'], '打开文件的参数');
    if (!Array.isArray(r.extensions) || r.extensions.length === 0 || r.extensions.length > L.maxExtensions) {
      refuse('请求参数不正确：文件类型列表应为 1 到 20 个扩展名。');
    }
    const extensions = r.extensions.map((e) => {
      if (typeof e !== 'string' || !/^[A-Za-z0-9]{1,16}$/.test(e)) refuse('请求参数不正确：扩展名只能由字母和数字组成（不带点）。');
      return e.toLowerCase();
    });
    return { extensions, title: expectString(r.title, '对话框标题', L.maxTitleChars) };
  },
  'file:open-recent': (arg, L) => {
    const r = expectRecord(arg, ['path'], '打开最近文件的参数');
    return { path: expectAbsolutePath(r.path, '文件路径', L.maxPathChars) };
  },
  'file:save': (arg, L) => {
    const r = expectRecord(arg, ['path', 'suggestedName', 'bytes'], '保存的参数');
    return {
      path: r.path === null ? null : expectAbsolutePath(r.path, '保存路径', L.maxPathChars),
      suggestedName: expectBareName(r.suggestedName, '建议的文件名', L.maxNameChars),
      bytes: expectBytes(r.bytes, '文件内容', L.maxFileBytes),
    };
  },
  'export:write': (arg, L) => {
    const r = expectRecord(arg, ['files', 'title'], '导出的参数');
    if (!Array.isArray(r.files) || r.files.length === 0) refuse('请求参数不正确：没有要导出的文件。');
    if (r.files.length > L.maxExportFiles) refuse(`一次最多导出 ${L.maxExportFiles} 个文件。`);
    const seen = new Set<string>();
    let total = 0;
    const files: ExportFile[] = r.files.map((f, i) => {
      const fr = expectRecord(f, ['name', 'bytes'], `第 ${i + 1} 个导出文件`);
      const name = expectBareName(fr.name, '导出文件名', L.maxNameChars);
      if (!isExportFileName(name)) {
        refuse(`不接受导出文件名“${name}”：导出只写出 tables.json、“…部门预算公开表”的 .xlsx/.html/.pdf 和“…部门预算情况说明.docx”。`);
      }
      // Windows folders are case-insensitive: 表一.xlsx and 表一.XLSX would overwrite each other.
      if (seen.has(name.toLowerCase())) refuse(`导出文件名重复：“${name}”。`);
      seen.add(name.toLowerCase());
      const bytes = expectBytes(fr.bytes, `“${name}”的内容`, L.maxExportBytes);
      total += bytes.byteLength;
      if (total > L.maxExportBytes) refuse(`数据过大：导出文件合计超过 ${mib(L.maxExportBytes)}。`);
      return { name, bytes };
    });
    return { files, title: expectString(r.title, '对话框标题', L.maxTitleChars) };
  },
  'pdf:print': (arg, L) => {
    const r = expectRecord(arg, ['html', 'landscape'], '生成 PDF 的参数');
    return { html: expectString(r.html, 'HTML 内容', L.maxHtmlChars, { nonEmpty: true }), landscape: expectBoolean(r.landscape, '横向') };
  },
  'recent:list': (arg) => {
    if (arg !== null && arg !== undefined) refuse('请求参数不正确：读取最近打开列表不需要参数。');
    return null;
  },
  'app:set-dirty': (arg, L) => {
    const r = expectRecord(arg, ['dirty', 'title'], '窗口状态参数');
    return { dirty: expectBoolean(r.dirty, '是否有未保存的更改'), title: expectString(r.title, '窗口标题', L.maxTitleChars) };
  },
  'file:release': (arg, L) => {
    const r = expectRecord(arg, ['path'], '关闭文件的参数');
    return { path: expectAbsolutePath(r.path, '文件路径', L.maxPathChars) };
  },
  'journal:write': (arg, L) => {
    const r = expectRecord(arg, ['id', 'name', 'path', 'edits', 'updatedAt', 'bytes'], '恢复记录');
    const edits = r.edits;
    if (typeof edits !== 'number' || !Number.isInteger(edits) || edits < 0) refuse('请求参数不正确：修改次数应为非负整数。');
    const updatedAt = expectString(r.updatedAt, '修改时间', 40, { nonEmpty: true });
    if (Number.isNaN(Date.parse(updatedAt))) refuse('请求参数不正确：修改时间应为 ISO 时间。');
    return {
      id: expectJournalId(r.id),
      name: expectString(r.name, '文档名称', L.maxTitleChars),
      ...(r.path === undefined ? {} : { path: expectAbsolutePath(r.path, '文件路径', L.maxPathChars) }),
      edits,
      updatedAt,
      bytes: expectBytes(r.bytes, '文档内容', L.maxFileBytes),
    };
  },
  'journal:clear': (arg) => {
    const r = expectRecord(arg, ['id'], '清除恢复记录的参数');
    return { id: expectJournalId(r.id) };
  },
  'journal:list': (arg) => {
    if (arg !== null && arg !== undefined) refuse('请求参数不正确：读取恢复记录不需要参数。');
    return null;
  },
};

function expectJournalId(v: unknown): string {
  const id = expectString(v, '文档标识', 100, { nonEmpty: true });
  if (!/^[A-Za-z0-9_-]+$/.test(id)) refuse('请求参数不正确：文档标识只能由字母、数字、“-”和“_”组成。');
  return id;
}

// ---------------------------------------------------------------------------------------------
// The allow-set of paths the main process handed out

/** Paths the main process itself produced (dialogs, command line). Case-insensitive on Windows. */
export class PathAllowList {
  private readonly keys = new Set<string>();
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}
  add(p: string): void {
    this.keys.add(pathKey(p, this.platform));
  }
  has(p: string): boolean {
    return this.keys.has(pathKey(p, this.platform));
  }
  delete(p: string): void {
    this.keys.delete(pathKey(p, this.platform));
  }
}

// ---------------------------------------------------------------------------------------------
// Handlers

export interface HostDeps {
  /** Dialogs already bound to the app window (dialog.showOpenDialog(win, …)). */
  dialog: {
    showOpenDialog(options: OpenDialogOptions): Promise<Pick<OpenDialogReturnValue, 'canceled' | 'filePaths'>>;
    showSaveDialog(options: SaveDialogOptions): Promise<Pick<SaveDialogReturnValue, 'canceled' | 'filePath'>>;
    showMessageBox(options: MessageBoxOptions): Promise<Pick<MessageBoxReturnValue, 'response'>>;
  };
  files: {
    read(file: string, maxBytes: number): Promise<Uint8Array>;
    write(file: string, bytes: Uint8Array, opts: { backup: boolean }): Promise<void>;
  };
  recent: {
    list(): Promise<RecentFile[]>;
    add(file: string): Promise<unknown>;
    remove(file: string): Promise<unknown>;
  };
  allowed: PathAllowList;
  printPdf(html: string, landscape: boolean): Promise<Uint8Array>;
  setDirty(dirty: boolean, title: string): void;
  /** Where dialogs start (normally app.getPath('documents')). */
  defaultDir(): string;
  /** Crash recovery: the unsaved work of open documents, under the user-data directory. */
  journal: JournalStore;
  /** The .budget this window has open for writing (its lock file beside it). */
  lock: DocumentLock;
  limits?: Partial<IpcLimits>;
  platform?: NodeJS.Platform;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export type ChannelHandlers = { [C in IpcChannel]: (arg: unknown) => Promise<IpcResult<C>> };

export function createHandlers(deps: HostDeps): ChannelHandlers {
  const L: IpcLimits = { ...IPC_LIMITS, ...deps.limits };
  // One write at a time: a save never interleaves with another save or an export.
  const writes = new SerialQueue();

  async function handedOut(p: string): Promise<boolean> {
    if (deps.allowed.has(p)) return true;
    return (await deps.recent.list()).some((r) => samePath(r.path, p, deps.platform));
  }

  /** A .budget is opened for writing: its lock is taken, or its holder is named (read-only). */
  async function readOpened(p: string): Promise<OpenedFile> {
    const bytes = await deps.files.read(p, L.maxFileBytes);
    const lockedBy = extensionOf(p) === BUDGET_EXTENSION ? await deps.lock.take(p) : null;
    return { name: path.basename(p), path: p, bytes, ...(lockedBy ? { lockedBy } : {}) };
  }

  return {
    async 'file:open-dialog'(raw) {
      const arg = validators['file:open-dialog'](raw, L);
      const res = await deps.dialog.showOpenDialog({
        title: arg.title || '打开',
        defaultPath: deps.defaultDir(),
        properties: ['openFile'],
        filters: [{ name: filterName(arg.extensions), extensions: arg.extensions }],
      });
      const picked = res.filePaths[0];
      if (res.canceled || !picked) return null;
      // Some Linux dialogs treat the filter as a hint; enforce it.
      if (!arg.extensions.includes(extensionOf(picked))) {
        refuse(`无法打开“${path.basename(picked)}”：请选择${filterName(arg.extensions)}（.${arg.extensions.join('、.')}）。`);
      }
      deps.allowed.add(picked);
      const opened = await readOpened(picked);
      if (extensionOf(picked) === BUDGET_EXTENSION) await deps.recent.add(picked);
      return opened;
    },

    async 'file:open-recent'(raw) {
      const arg = validators['file:open-recent'](raw, L);
      if (!(await handedOut(arg.path))) {
        refuse(`不允许打开“${path.basename(arg.path)}”：该文件既不是通过“打开”对话框选择的，也不在最近打开列表中。`);
      }
      let opened: OpenedFile;
      try {
        opened = await readOpened(arg.path);
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') await deps.recent.remove(arg.path);
        throw err;
      }
      deps.allowed.add(arg.path);
      await deps.recent.add(arg.path);
      return opened;
    },

    async 'file:save'(raw) {
      const arg = validators['file:save'](raw, L);
      let target: string;
      if (arg.path === null) {
        const suggested = extensionOf(arg.suggestedName) === BUDGET_EXTENSION ? arg.suggestedName : `${arg.suggestedName}.${BUDGET_EXTENSION}`;
        const res = await deps.dialog.showSaveDialog({
          title: '保存部门预算文件',
          defaultPath: path.join(deps.defaultDir(), suggested),
          filters: [{ name: FILTER_NAMES.budget!, extensions: [BUDGET_EXTENSION] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        if (res.canceled || !res.filePath) return null;
        // GTK dialogs do not append the filter's extension; a budget file without one would not reopen.
        target = path.extname(res.filePath) ? res.filePath : `${res.filePath}.${BUDGET_EXTENSION}`;
        // The dialog confirmed overwriting the name as typed, not the one we completed: never
        // replace an existing file the person was not asked about.
        if (target !== res.filePath && (await exists(target))) {
          refuse(`“${path.basename(target)}”已存在，未保存，该文件未被改动。如要覆盖，请在“另存为”对话框中直接选择该文件；否则请换一个名字。`);
        }
        deps.allowed.add(target);
      } else {
        if (!(await handedOut(arg.path))) {
          refuse(`不允许保存到“${path.basename(arg.path)}”：该位置不是通过“打开”或“另存为”对话框选择的。请使用“另存为”。`);
        }
        target = arg.path;
      }
      // Never write database bytes over a workbook picked for import or any other kind of file.
      if (extensionOf(target) !== BUDGET_EXTENSION) {
        refuse(`不能保存为“${path.basename(target)}”：部门预算文件的扩展名必须是 .${BUDGET_EXTENSION}。`);
      }
      const holder = await deps.lock.take(target);
      if (holder) refuse(`${lockedMessage(target, holder)}本次未保存，该文件未被改动。请用“另存为”保存为另一个文件。`);
      await writes.run(() => deps.files.write(target, arg.bytes, { backup: true }));
      await deps.recent.add(target);
      return { name: path.basename(target), path: target };
    },

    async 'export:write'(raw) {
      const arg = validators['export:write'](raw, L);
      const res = await deps.dialog.showOpenDialog({
        title: arg.title || '选择导出文件夹',
        defaultPath: deps.defaultDir(),
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      });
      const dir = res.filePaths[0];
      if (res.canceled || !dir) return null;
      const base = path.resolve(dir);
      // Existing files of the same names are replaced only when the officer says so.
      const existing: string[] = [];
      for (const f of arg.files) if (await exists(path.join(base, f.name))) existing.push(f.name);
      if (existing.length) {
        const shown = existing.slice(0, 5).map((n) => `“${n}”`).join('、') + (existing.length > 5 ? ` 等 ${existing.length} 个文件` : '');
        const { response } = await deps.dialog.showMessageBox({
          type: 'question',
          title: '覆盖已有文件？',
          message: `文件夹“${path.basename(base)}”中已有${shown}，要用这次导出的文件覆盖吗？`,
          detail: '覆盖后原来的文件不再保留。选择“取消”则什么也不写出。',
          buttons: ['取消', '覆盖'],
          defaultId: 0,
          cancelId: 0,
        });
        if (response !== 1) return null;
      }
      await writes.run(async () => {
        for (const f of arg.files) {
          const target = path.join(base, f.name);
          // Belt and braces: the name was validated as bare; the file must land directly in `dir`.
          if (path.dirname(target) !== base) refuse(`导出文件名不正确：“${f.name}”。`);
          await deps.files.write(target, f.bytes, { backup: false });
        }
      });
      return { dir: base, count: arg.files.length };
    },

    async 'pdf:print'(raw) {
      const arg = validators['pdf:print'](raw, L);
      return deps.printPdf(arg.html, arg.landscape);
    },

    async 'recent:list'(raw) {
      validators['recent:list'](raw, L);
      return deps.recent.list();
    },

    async 'app:set-dirty'(raw) {
      const arg = validators['app:set-dirty'](raw, L);
      deps.setDirty(arg.dirty, arg.title);
      return null;
    },

    async 'file:release'(raw) {
      const arg = validators['file:release'](raw, L);
      if (deps.lock.file && samePath(deps.lock.file, arg.path, deps.platform)) await deps.lock.drop();
      return null;
    },

    async 'journal:write'(raw) {
      const arg: JournalEntry = validators['journal:write'](raw, L);
      // Only a place the main process handed out may be named: restoring gives it back to 保存.
      if (arg.path !== undefined && !(await handedOut(arg.path))) refuse('请求参数不正确：恢复记录中的文件路径不是本程序打开过的文件。');
      await deps.journal.write(arg);
      return null;
    },

    async 'journal:clear'(raw) {
      const arg = validators['journal:clear'](raw, L);
      await deps.journal.clear(arg.id);
      return null;
    },

    async 'journal:list'(raw) {
      validators['journal:list'](raw, L);
      const entries = await deps.journal.orphans();
      // A recovered document saves back to where it came from: that path is handed out again.
      for (const e of entries) if (e.path) deps.allowed.add(e.path);
      return entries;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sender check, dispatch and registration

/** What the sender check reads from an IpcMainInvokeEvent / IpcMainEvent. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** A URL of the app's own page (app://bundle/…), but not a transient print page. */
export function isAppPageUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    !u.username &&
    !u.password &&
    !u.port &&
    !u.pathname.startsWith(TransientPages.PREFIX)
  );
}

/**
 * Accept only the top frame of one of our windows showing our own page. `trustedIds` returns the
 * webContents ids of the app windows (the PDF window is never among them).
 */
export function createSenderCheck(trustedIds: () => Iterable<number>): (event: SenderInfo) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    if (!isAppPageUrl(frame.url)) return false;
    for (const id of trustedIds()) if (id === event.sender.id) return true;
    return false;
  };
}

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && (IPC_CHANNELS as readonly string[]).includes(name);
}

/** Route one request: known channel, trusted sender, exactly one argument, then the handler. */
export async function dispatch(
  handlers: ChannelHandlers,
  isTrustedSender: (event: SenderInfo) => boolean,
  channel: string,
  event: SenderInfo,
  args: unknown[],
): Promise<unknown> {
  if (!isIpcChannel(channel)) refuse(`未知的请求：“${String(channel).slice(0, 60)}”。`);
  if (!isTrustedSender(event)) refuse('已拒绝：请求不是来自本应用的窗口。');
  if (args.length > 1) refuse('请求参数不正确：只接受一个参数。');
  try {
    return await handlers[channel](args[0]);
  } catch (err) {
    if (err instanceof IpcRefusal || err instanceof FileError) throw err;
    // Unexpected failures: log the detail, give the user a Chinese sentence.
    console.error(`[ipc] ${channel} 失败`, err);
    throw new Error(`操作失败：${err instanceof Error ? err.message : String(err)}`);
  }
}

type IpcMainLike = Pick<IpcMain, 'handle'>;
const registeredByIpc = new WeakMap<object, Set<string>>();

/** Register one channel; a name registered twice (or not in the contract) throws. */
export function registerChannel(
  ipcMain: IpcMainLike,
  channel: string,
  listener: (event: SenderInfo, ...args: unknown[]) => Promise<unknown>,
): void {
  if (!isIpcChannel(channel)) throw new Error(`不在 IPC 约定中的通道：“${channel}”。`);
  let names = registeredByIpc.get(ipcMain);
  if (!names) registeredByIpc.set(ipcMain, (names = new Set()));
  if (names.has(channel)) throw new Error(`IPC 通道“${channel}”重复注册。`);
  names.add(channel);
  ipcMain.handle(channel, (event, ...args) => listener(event, ...args));
}

/** Register exactly the channels of IPC_CHANNELS, each through `dispatch`. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: ChannelHandlers,
  isTrustedSender: (event: SenderInfo) => boolean,
): void {
  const extra = Object.keys(handlers).filter((k) => !isIpcChannel(k));
  if (extra.length) throw new Error(`处理函数不在 IPC 约定中：${extra.join('、')}`);
  for (const channel of IPC_CHANNELS) {
    if (typeof handlers[channel] !== 'function') throw new Error(`缺少 IPC 通道“${channel}”的处理函数。`);
    registerChannel(ipcMain, channel, (event, ...args) => dispatch(handlers, isTrustedSender, channel, event, args));
  }
}
