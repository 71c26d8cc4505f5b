/**
 * Crash-safe file writes and size-limited reads for the main process.
 *
 * A save never writes into the target itself: the bytes go to a temp file in the same folder
 * (same filesystem, so the final rename is atomic), the temp file is fsynced, the previous version
 * is copied to NAME.bak, and only then is the temp file renamed over the target. Until that rename
 * the original is untouched; after it the new version is complete. Plain node:fs, no Electron, so
 * it runs under vitest; every fs call goes through `FsOps` so tests can make any step fail.
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Largest file we read or write: a department's file is a few MiB; this guards against mistakes. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** The fs operations a save uses (a subset of node:fs/promises), injectable for failure tests. */
export interface FsOps {
  open(file: string, flags: string, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  stat(file: string): Promise<{ size: number; isFile(): boolean; mode: number }>;
  readFile(file: string): Promise<Uint8Array>;
}

export interface FileHandleLike {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const realFs: FsOps = {
  open: (f, flags, mode) => nodeFs.open(f, flags, mode),
  rename: (a, b) => nodeFs.rename(a, b),
  copyFile: (a, b) => nodeFs.copyFile(a, b),
  unlink: (f) => nodeFs.unlink(f),
  stat: (f) => nodeFs.stat(f),
  readFile: (f) => nodeFs.readFile(f),
};

/** An error whose message is meant for the user (Chinese, names the file). */
export class FileError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'FileError';
    this.code = code;
  }
}

/** Chinese explanation of the usual errno codes; the raw code stays for the log. */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件或文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有访问权限，或文件正被其他程序（如 WPS、Excel、杀毒软件）占用';
    case 'EBUSY':
      return '文件正被其他程序占用';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '磁盘配额已满';
    case 'EROFS':
      return '磁盘或文件夹是只读的';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'ENAMETOOLONG':
      return '文件名或路径过长';
    case 'EIO':
      return '磁盘读写错误';
    default:
      return code ? `系统错误 ${code}` : err instanceof Error ? err.message : String(err);
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

/** The backup kept beside a saved file: `NAME.budget` → `NAME.budget.bak`. */
export function backupPathFor(target: string): string {
  return `${target}.bak`;
}

function tempPathFor(target: string, tag: string): string {
  // Hidden, unique, same folder: the rename stays on one filesystem and never clashes.
  return path.join(path.dirname(target), `.${path.basename(target)}.${tag}-${randomBytes(6).toString('hex')}.tmp`);
}

async function bestEffortUnlink(fs: FsOps, file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch {
    /* already gone or never created */
  }
}

/** Write bytes into a fresh file and fsync it; the file is removed again on any failure. */
async function writeSynced(fs: FsOps, file: string, bytes: Uint8Array, mode: number): Promise<void> {
  const fh = await fs.open(file, 'wx', mode);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * fsync a copied backup. The copy keeps the original's mode, so it may be read-only, and Windows
 * cannot flush a read-only handle; the backup is a convenience, so only real I/O errors count.
 */
async function syncBestEffort(fs: FsOps, file: string): Promise<void> {
  let fh: FileHandleLike | undefined;
  try {
    fh = await fs.open(file, 'r+').catch(() => fs.open(file, 'r'));
    await fh.sync();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EBADF' && code !== 'EINVAL') throw err;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Windows: antivirus and indexers briefly hold fresh files; a rename then fails with EPERM/EBUSY. */
async function renameWithRetry(fs: FsOps, from: string, to: string, platform: NodeJS.Platform): Promise<void> {
  const attempts = platform === 'win32' ? 6 : 1;
  for (let i = 1; ; i++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw err;
      await new Promise((r) => setTimeout(r, 40 * i));
    }
  }
}

/** fsync the folder so the rename itself survives a power cut. Not possible on Windows; skipped there. */
async function syncDirectory(fs: FsOps, dir: string, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'win32') return;
  let fh: FileHandleLike | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch (err) {
    // Some filesystems (network shares, FUSE) refuse fsync on a folder; the data is already safe.
    const code = (err as { code?: string }).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF' && code !== 'ENOTSUP') throw err;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

export interface AtomicWriteOptions {
  /** Keep the previous version as TARGET.bak (true for .budget saves, false for exports). */
  backup?: boolean;
  fs?: FsOps;
  platform?: NodeJS.Platform;
}

/**
 * Replace `target` with `bytes` atomically. On any failure the original is intact, no temp file is
 * left behind, and a FileError with a Chinese message naming the file is thrown.
 */
export async function atomicWrite(target: string, bytes: Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? realFs;
  const platform = opts.platform ?? process.platform;
  const name = path.basename(target);
  if (!(bytes instanceof Uint8Array)) throw new FileError(`保存“${name}”失败：数据格式不正确。`);
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new FileError(`保存“${name}”失败：数据超过 ${formatMiB(MAX_FILE_BYTES)} 的上限。`);
  }

  let existing: { mode: number } | null = null;
  try {
    const st = await fs.stat(target);
    if (!st.isFile()) throw new FileError(`保存“${name}”失败：目标不是一个普通文件。`);
    existing = st;
  } catch (err) {
    if (err instanceof FileError) throw err;
    if ((err as { code?: string }).code !== 'ENOENT') {
      throw new FileError(`保存“${name}”失败：${describeFsError(err)}。原文件未被改动。`, (err as { code?: string }).code);
    }
  }

  const tmp = tempPathFor(target, 'saving');
  let bakTmp: string | null = null;
  let step = '写入临时文件';
  try {
    // Keep the original's permissions on POSIX (a file shared to a group stays so). On Windows the
    // mode only toggles read-only, and a read-only temp file could not be cleaned up on failure.
    const mode = platform !== 'win32' && existing ? existing.mode & 0o777 : 0o666;
    await writeSynced(fs, tmp, bytes, mode);

    if (existing && opts.backup) {
      // Copy, never move, the original: it stays in place until the final rename.
      step = '备份原文件';
      bakTmp = tempPathFor(target, 'backup');
      await fs.copyFile(target, bakTmp);
      await syncBestEffort(fs, bakTmp);
      await renameWithRetry(fs, bakTmp, backupPathFor(target), platform);
      bakTmp = null;
    }

    step = '替换原文件';
    await renameWithRetry(fs, tmp, target, platform);
  } catch (err) {
    await bestEffortUnlink(fs, tmp);
    if (bakTmp) await bestEffortUnlink(fs, bakTmp);
    const code = (err as { code?: string }).code;
    const kept = existing ? '原文件未被改动。' : '';
    throw new FileError(`保存“${name}”失败（${step}时）：${describeFsError(err)}。${kept}`, code);
  }

  try {
    await syncDirectory(fs, path.dirname(target), platform);
  } catch (err) {
    // The new file is in place and complete; only its durability across a power cut is unconfirmed.
    throw new FileError(`“${name}”已保存，但无法确认已写入磁盘：${describeFsError(err)}。`, (err as { code?: string }).code);
  }
}

/** Read a whole file, refusing folders and anything above `maxBytes`, with Chinese errors. */
export async function readFileLimited(file: string, maxBytes = MAX_FILE_BYTES, fs: FsOps = realFs): Promise<Uint8Array> {
  const name = path.basename(file);
  let size: number;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new FileError(`无法打开“${name}”：这不是一个普通文件。`);
    size = st.size;
  } catch (err) {
    if (err instanceof FileError) throw err;
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? '文件不存在，可能已被移动或删除' : describeFsError(err);
    throw new FileError(`无法打开“${name}”：${why}。`, code);
  }
  if (size > maxBytes) {
    throw new FileError(`无法打开“${name}”：文件大小 ${formatMiB(size)} 超过 ${formatMiB(maxBytes)} 的上限。`);
  }
  let data: Uint8Array;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    throw new FileError(`无法打开“${name}”：${describeFsError(err)}。`, (err as { code?: string }).code);
  }
  // The file may have grown between stat and read.
  if (data.byteLength > maxBytes) {
    throw new FileError(`无法打开“${name}”：文件大小超过 ${formatMiB(maxBytes)} 的上限。`);
  }
  // A plain Uint8Array over exactly these bytes: structured clone copies a view's whole buffer,
  // so a Buffer from a shared pool is copied out; a whole-buffer one is only re-viewed.
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return new Uint8Array(data.buffer);
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Runs async tasks one at a time, in order (a save never interleaves with another write). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
