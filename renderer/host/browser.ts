/**
 * The Host in a plain browser (the browser edition, and the UI tests).
 * - File System Access API where present (Chromium): open/save pickers; the FileSystemFileHandle
 *   of the open document is kept so 保存 writes back to the same file (the browser writes to a
 *   temporary swap file and replaces the original on close, so a failed write leaves it intact).
 *   Recent files keep their handles in IndexedDB.
 * - Elsewhere: <input type=file> to open and a download to save.
 * - Closing the tab with unsaved changes: the browser's own beforeunload prompt.
 */
import type { ExportFile, JournalEntry, OpenedFile, RecentFile, SavedFile } from '../../shared/host/api';
import type { RendererHost } from './types';

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface WritableStream2 {
  write(data: Uint8Array | Blob): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<WritableStream2>;
  queryPermission?(opts: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(opts: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}
interface DirHandle {
  name: string;
  getFileHandle(name: string, opts: { create: boolean }): Promise<FileHandle>;
}
interface FsaWindow {
  showOpenFilePicker?(opts: { types?: PickerType[]; multiple?: boolean; excludeAcceptAllOption?: boolean }): Promise<FileHandle[]>;
  showSaveFilePicker?(opts: { suggestedName?: string; types?: PickerType[] }): Promise<FileHandle>;
  showDirectoryPicker?(opts?: { mode?: 'read' | 'readwrite' }): Promise<DirHandle>;
}

const fsa = (): FsaWindow => window as unknown as FsaWindow;

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

function pickerTypes(extensions: string[]): PickerType[] {
  const exts = extensions.map((e) => (e.startsWith('.') ? e : `.${e}`));
  const budget = exts.filter((e) => e === '.budget');
  const others = exts.filter((e) => e !== '.budget');
  const types: PickerType[] = [];
  if (budget.length) types.push({ description: '部门预算文件', accept: { 'application/x-sqlite3': budget } });
  const xlsx = others.filter((e) => e === '.xlsx');
  const rest = others.filter((e) => e !== '.xlsx');
  if (xlsx.length) types.push({ description: 'Excel 工作簿（导入）', accept: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': xlsx } });
  if (rest.length) types.push({ description: '其他文件', accept: { 'application/octet-stream': rest } });
  return types;
}

// ------------------------------------------------------------------------- recent files (IndexedDB)

const DB_NAME = 'budget-workbench';
const STORE = 'recent';
/** Crash recovery: one record per open document (JournalEntry), keyed by its id. */
const JOURNAL = 'journal';
const RECENT_MAX = 10;

interface RecentRecord {
  path: string; // 'browser:<id>'
  name: string;
  openedAt: string;
  handle: FileHandle;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'path' });
      if (!db.objectStoreNames.contains(JOURNAL)) db.createObjectStore(JOURNAL, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>, store = STORE): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

async function allRecent(): Promise<RecentRecord[]> {
  try {
    const all = await withStore<RecentRecord[]>('readonly', (s) => s.getAll() as IDBRequest<RecentRecord[]>);
    return all.sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
  } catch {
    return [];
  }
}

async function rememberRecent(handle: FileHandle): Promise<string | undefined> {
  try {
    const all = await allRecent();
    // One entry per file: isSameEntry is async, a same-name match is what the officer sees anyway.
    const same = all.find((r) => r.name === handle.name);
    const path = same?.path ?? `browser:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const rec: RecentRecord = { path, name: handle.name, openedAt: new Date().toISOString(), handle };
    await withStore('readwrite', (s) => s.put(rec));
    for (const old of all.filter((r) => r.path !== path).slice(RECENT_MAX - 1)) {
      await withStore('readwrite', (s) => s.delete(old.path));
    }
    return path;
  } catch {
    return undefined; // private mode, quota: recent files are a convenience
  }
}

// ------------------------------------------------------------------------- crash recovery (IndexedDB)

/**
 * A tab holds a Web Lock named after each document it journals for as long as it runs: a journal
 * whose lock nobody holds was left by a tab that crashed or was closed without saving, and is what
 * the next start offers back; a journal of another open tab is not.
 */
const lockName = (id: string) => `budget-journal:${id}`;

interface LockManagerLike {
  request(name: string, cb: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}
const locks = (): LockManagerLike | undefined => (navigator as unknown as { locks?: LockManagerLike }).locks;

// ------------------------------------------------------------------------- the host

export class BrowserHost implements RendererHost {
  readonly kind = 'browser' as const;
  /**
   * Handles of files opened or saved in this tab, by a key handed out with each one (never by name:
   * a file that failed to open may share its name with the open document, and must not become the
   * place 保存 writes to).
   */
  private handles = new Map<string, FileHandle>();
  private handleSeq = 0;

  private keep(handle: FileHandle): string {
    const key = `h${++this.handleSeq}`;
    this.handles.set(key, handle);
    return key;
  }

  constructor() {
    window.addEventListener('beforeunload', (e) => {
      if (this.closeHandler && !this.closeHandler()) {
        e.preventDefault();
        e.returnValue = '';
      }
    });
  }

  private closeHandler: (() => boolean) | null = null;

  async openFile(opts: { extensions: string[]; title: string }): Promise<OpenedFile | null> {
    const w = fsa();
    if (w.showOpenFilePicker) {
      let handles: FileHandle[];
      try {
        handles = await w.showOpenFilePicker({ types: pickerTypes(opts.extensions), multiple: false });
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
      const handle = handles[0];
      if (!handle) return null;
      return this.readHandle(handle);
    }
    return this.openWithInput(opts.extensions);
  }

  private async readHandle(handle: FileHandle): Promise<OpenedFile> {
    const file = await handle.getFile();
    const bytes = new Uint8Array(await file.arrayBuffer());
    await rememberRecent(handle);
    return { name: handle.name, key: this.keep(handle), bytes };
  }

  private openWithInput(extensions: string[]): Promise<OpenedFile | null> {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = extensions.map((e) => (e.startsWith('.') ? e : `.${e}`)).join(',');
      input.style.display = 'none';
      input.dataset.hostFileInput = 'open';
      const done = () => input.remove();
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        done();
        if (!file) return resolve(null);
        try {
          resolve({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
        } catch (e) {
          reject(e);
        }
      });
      input.addEventListener('cancel', () => {
        done();
        resolve(null);
      });
      document.body.appendChild(input);
      input.click();
    });
  }

  async openRecent(path: string): Promise<OpenedFile> {
    const rec = (await allRecent()).find((r) => r.path === path);
    if (!rec) throw new Error('最近文件列表中没有这个文件');
    const h = rec.handle;
    if (h.queryPermission && (await h.queryPermission({ mode: 'readwrite' })) !== 'granted') {
      const p = await h.requestPermission?.({ mode: 'readwrite' });
      if (p !== 'granted') throw new Error(`没有获得读取“${rec.name}”的权限`);
    }
    return this.readHandle(h);
  }

  async listRecent(): Promise<RecentFile[]> {
    return (await allRecent()).map(({ path, name, openedAt }) => ({ path, name, openedAt }));
  }

  async save(bytes: Uint8Array, current: SavedFile | null, suggestedName: string): Promise<SavedFile | null> {
    const w = fsa();
    if (w.showSaveFilePicker) {
      let handle = current?.key ? this.handles.get(current.key) : undefined;
      let key = handle ? current?.key : undefined;
      if (!handle) {
        try {
          handle = await w.showSaveFilePicker({ suggestedName, types: pickerTypes(['budget']) });
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
        // The picker lets a person choose any name, even an existing workbook: never write
        // budget bytes over a file that is not a .budget (the desktop edition refuses this too).
        if (!handle.name.toLowerCase().endsWith('.budget')) {
          throw new Error(`“${handle.name}”不是部门预算文件名（应以 .budget 结尾），未保存，该文件未被改动。请另存为 .budget 文件。`);
        }
      }
      // The browser writes to a swap file and only replaces the original on close().
      let writable: WritableStream2 | undefined;
      try {
        writable = await handle.createWritable();
        await writable.write(bytes);
        await writable.close();
      } catch (e) {
        await writable?.abort?.().catch(() => undefined);
        throw new Error(`保存“${handle.name}”失败：${describeWriteError(e)}。原文件未被改动。`);
      }
      key ??= this.keep(handle);
      await rememberRecent(handle);
      return { name: handle.name, key };
    }
    // No file system access: hand the file to the browser as a download.
    download(suggestedName, bytes, 'application/x-sqlite3');
    return { name: suggestedName };
  }

  async writeExport(files: ExportFile[], _title: string): Promise<{ dir: string; count: number } | null> {
    for (const f of files) {
      if (!f.name || /[\\/]/.test(f.name) || f.name === '.' || f.name === '..') throw new Error(`文件名“${f.name}”无效`);
    }
    const w = fsa();
    if (w.showDirectoryPicker) {
      let dir: DirHandle;
      try {
        dir = await w.showDirectoryPicker({ mode: 'readwrite' });
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
      for (const f of files) {
        const h = await dir.getFileHandle(f.name, { create: true });
        const out = await h.createWritable();
        await out.write(f.bytes);
        await out.close();
      }
      return { dir: dir.name, count: files.length };
    }
    for (const f of files) download(f.name, f.bytes, 'application/octet-stream');
    return { dir: '下载文件夹', count: files.length };
  }

  async printToPdf(html: string, _landscape: boolean): Promise<Uint8Array | null> {
    // The browser's own print dialog ("另存为 PDF"); no bytes come back.
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;visibility:hidden';
    frame.srcdoc = html;
    document.body.appendChild(frame);
    await new Promise<void>((r) => frame.addEventListener('load', () => r(), { once: true }));
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
    return null;
  }

  async release(_file: SavedFile): Promise<void> {
    // No lock files in the browser: a file handle is this tab's own.
  }

  /** Journal ids this tab holds a Web Lock for (released when the tab goes away, however it goes). */
  private held = new Map<string, () => void>();

  async journalWrite(entry: JournalEntry): Promise<void> {
    if (!this.held.has(entry.id)) {
      const lm = locks();
      if (lm) {
        await new Promise<void>((granted) => {
          void lm.request(lockName(entry.id), () => new Promise<void>((release) => (this.held.set(entry.id, release), granted())));
        });
      } else this.held.set(entry.id, () => undefined);
    }
    await withStore('readwrite', (s) => s.put(entry), JOURNAL);
  }

  async journalClear(id: string): Promise<void> {
    await withStore('readwrite', (s) => s.delete(id), JOURNAL);
    this.held.get(id)?.();
    this.held.delete(id);
  }

  async journalList(): Promise<JournalEntry[]> {
    const all = await withStore<JournalEntry[]>('readonly', (s) => s.getAll() as IDBRequest<JournalEntry[]>, JOURNAL);
    const live = new Set(((await locks()?.query())?.held ?? []).map((l) => l.name));
    return all.filter((e) => !this.held.has(e.id) && !live.has(lockName(e.id))).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  }

  setDirty(dirty: boolean, title: string): void {
    // The unsaved-changes guard itself is the close handler (beforeunload above).
    document.title = `${dirty ? '● ' : ''}${title} — 部门预算公开工作台`;
  }

  onCloseRequest(handler: () => boolean): void {
    this.closeHandler = handler;
  }
}

/** A failed File System Access write, in words an officer can act on (the browser's are English). */
function describeWriteError(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  switch (name) {
    case 'QuotaExceededError':
      return '磁盘空间不足';
    case 'NotAllowedError':
    case 'SecurityError':
      return '浏览器没有获得写入这个文件的权限';
    case 'NoModificationAllowedError':
    case 'InvalidStateError':
      return '文件是只读的，或正被其他程序（如 WPS、Excel、杀毒软件）占用';
    case 'NotFoundError':
      return '文件或所在的文件夹已不存在，可能已被移动或删除';
    default:
      return `浏览器报告：${e instanceof Error ? e.message : String(e)}`;
  }
}

function download(name: string, bytes: Uint8Array, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
