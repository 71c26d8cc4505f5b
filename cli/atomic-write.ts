/**
 * The one way the command line writes a file: all of it or nothing. The bytes go to a temporary
 * file beside the target (`.NAME.PID.TIME.tmp`), are flushed to disk, then put in place by a rename
 * (or a hard link when an existing file must not be replaced), and the directory entry is flushed
 * too. A crash or kill -9 at any point leaves the old file or the whole new one, never half; the
 * temporary files such a crash leaves are removed by the next write into that folder once they
 * are an hour old. A full or read-only disk is one Chinese line saying the original is intact.
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors';

/** Names of this helper's temporary files: `.tables.xlsx.12345.1733212345678.tmp`. */
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.\d+\.tmp$/;

/** Temporary files older than this are left-overs of a killed run, not another run's work in progress. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

export function tempPathFor(out: string): string {
  return join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.${Date.now()}.tmp`);
}

/** Removes this helper's left-over temporary files older than an hour in `dir`; returns their names. */
export function removeStaleTemps(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!TEMP_FILE_PATTERN.test(name)) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isFile() || now - st.mtimeMs < STALE_TEMP_MS) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}

/** The Chinese line for a failed write; the library's text goes to the --debug detail. */
export function writeErrorMessage(out: string, e: unknown, existed: boolean): CliError {
  const name = basename(out);
  const dir = dirname(resolve(out));
  const code = (e as NodeJS.ErrnoException)?.code;
  const intact = existed ? `原有的“${name}”未被改动` : '没有留下不完整的文件';
  const reason: Record<string, string> = {
    ENOSPC: `磁盘已满，无法写出“${name}”。${intact}，请腾出空间后重试`,
    EDQUOT: `磁盘配额已满，无法写出“${name}”。${intact}，请腾出空间后重试`,
    EROFS: `“${dir}”所在的磁盘是只读的，无法写出“${name}”。${intact}`,
    EACCES: `没有写入“${dir}”的权限，无法写出“${name}”。${intact}`,
    EPERM: `没有写入“${dir}”的权限，无法写出“${name}”。${intact}`,
    EISDIR: `“${out}”是一个文件夹，无法写成文件“${name}”`,
    ENOENT: `文件夹“${dir}”不存在，无法写出“${name}”`,
    ENOTDIR: `“${dir}”不是文件夹，无法写出“${name}”`,
  };
  const message = (code && reason[code]) || `无法写出“${name}”（系统错误 ${code ?? '未知'}）。${intact}`;
  return new CliError(message, 2, e instanceof Error ? e.message : String(e));
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open or flush a directory; its rename is already durable enough there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `bytes` as `out`, whole. `overwrite: false` refuses (exit 2) when `out` exists, even if it
 * appeared while writing; `true` replaces it atomically.
 */
export function writeWholeFile(out: string, bytes: Uint8Array, overwrite: boolean): void {
  const dir = dirname(resolve(out));
  removeStaleTemps(dir);
  const existed = existsSync(out);
  if (existed && !overwrite) throw new CliError(`输出文件“${out}”已存在，未覆盖。确需覆盖请加 --force`);
  const tmp = tempPathFor(out);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (overwrite) renameSync(tmp, out);
    else {
      try {
        linkSync(tmp, out);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' || existsSync(out)) {
          throw new CliError(`输出文件“${out}”已存在，未覆盖。确需覆盖请加 --force`);
        }
        // A file system without hard links (some network shares, FAT): the check above has to do.
        renameSync(tmp, out);
      }
    }
    fsyncDir(dir);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw writeErrorMessage(out, e, existed);
  } finally {
    try {
      unlinkSync(tmp); // still there after a hard link or a failure
    } catch {
      /* never created, or renamed into place */
    }
  }
}

/** mkdir -p for an output folder, with the same messages. */
export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `“${dir}”已存在且不是文件夹，无法在其中导出`
        : code === 'EROFS'
          ? `“${dir}”所在的磁盘是只读的，无法导出`
          : code === 'EACCES' || code === 'EPERM'
            ? `没有创建文件夹“${dir}”的权限，无法导出`
            : code === 'ENOSPC'
              ? `磁盘已满，无法创建文件夹“${dir}”`
              : `无法创建文件夹“${dir}”（系统错误 ${code ?? '未知'}）`;
    throw new CliError(message, 2, (e as Error).message);
  }
}
