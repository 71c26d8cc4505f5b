import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Nothing here may load the real electron package (its binary is absent on build machines).
vi.mock('electron', () => ({}));

import { atomicWrite, backupPathFor, FileError, readFileLimited, realFs, SerialQueue, type FsOps } from '../../electron/files';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-electron-files-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let dir: string;
let n = 0;
beforeEach(() => {
  dir = path.join(root, `case-${++n}`);
  fs.mkdirSync(dir);
});

const bytes = (s: string) => new TextEncoder().encode(s);
const read = (f: string) => fs.readFileSync(f, 'utf8');
const strays = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const errno = (code: string) => Object.assign(new Error(code), { code });

/** realFs with one operation replaced. */
function failing(overrides: Partial<FsOps>): FsOps {
  return { ...realFs, ...overrides };
}

describe('atomicWrite', () => {
  it('creates a new file, with no backup and no temp file left', async () => {
    const target = path.join(dir, '2025.budget');
    await atomicWrite(target, bytes('v1'), { backup: true });
    expect(read(target)).toBe('v1');
    expect(fs.existsSync(backupPathFor(target))).toBe(false);
    expect(strays()).toEqual([]);
  });

  it('keeps the previous version as NAME.budget.bak', async () => {
    const target = path.join(dir, '2025.budget');
    await atomicWrite(target, bytes('v1'), { backup: true });
    await atomicWrite(target, bytes('v2'), { backup: true });
    expect(read(target)).toBe('v2');
    expect(backupPathFor(target)).toBe(path.join(dir, '2025.budget.bak'));
    expect(read(path.join(dir, '2025.budget.bak'))).toBe('v1');
    await atomicWrite(target, bytes('v3'), { backup: true });
    expect(read(target)).toBe('v3');
    expect(read(path.join(dir, '2025.budget.bak'))).toBe('v2');
    expect(strays()).toEqual([]);
  });

  it('makes no backup when not asked (exports)', async () => {
    const target = path.join(dir, '表一.xlsx');
    await atomicWrite(target, bytes('a'));
    await atomicWrite(target, bytes('b'));
    expect(read(target)).toBe('b');
    expect(fs.readdirSync(dir)).toEqual(['表一.xlsx']);
  });

  it('a crash between write and rename (rename fails) leaves the original intact and no temp file', async () => {
    const target = path.join(dir, '2025.budget');
    fs.writeFileSync(target, 'original');
    const fsx = failing({
      rename: async (from, to) => {
        if (to === target) throw errno('EIO');
        return realFs.rename(from, to);
      },
    });
    const err = await atomicWrite(target, bytes('new'), { backup: true, fs: fsx }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect((err as Error).message).toContain('“2025.budget”');
    expect((err as Error).message).toContain('原文件未被改动');
    expect(read(target)).toBe('original');
    expect(strays()).toEqual([]);
  });

  it('a failing fsync of the temp file leaves the original intact and no temp file', async () => {
    const target = path.join(dir, '2025.budget');
    fs.writeFileSync(target, 'original');
    const fsx = failing({
      open: async (file, flags, mode) => {
        const fh = await realFs.open(file, flags, mode);
        if (file.endsWith('.tmp') && flags === 'wx') {
          return { writeFile: (d: Uint8Array) => fh.writeFile(d), close: () => fh.close(), sync: async () => Promise.reject(errno('EIO')) };
        }
        return fh;
      },
    });
    await expect(atomicWrite(target, bytes('new'), { backup: true, fs: fsx })).rejects.toThrow(/保存“2025\.budget”失败.*磁盘读写错误/);
    expect(read(target)).toBe('original');
    expect(strays()).toEqual([]);
    expect(fs.existsSync(path.join(dir, '2025.budget.bak'))).toBe(false);
  });

  it('a disk-full write reports it in Chinese and leaves the original', async () => {
    const target = path.join(dir, '2025.budget');
    fs.writeFileSync(target, 'original');
    const fsx = failing({
      open: async (file, flags, mode) => {
        const fh = await realFs.open(file, flags, mode);
        return { writeFile: async () => Promise.reject(errno('ENOSPC')), sync: () => fh.sync(), close: () => fh.close() };
      },
    });
    await expect(atomicWrite(target, bytes('new'), { backup: true, fs: fsx })).rejects.toThrow(/磁盘空间不足/);
    expect(read(target)).toBe('original');
    expect(strays()).toEqual([]);
  });

  it('a failing backup aborts the save: original intact, no temp files', async () => {
    const target = path.join(dir, '2025.budget');
    fs.writeFileSync(target, 'original');
    const fsx = failing({ copyFile: async () => Promise.reject(errno('EACCES')) });
    await expect(atomicWrite(target, bytes('new'), { backup: true, fs: fsx })).rejects.toThrow(/备份原文件/);
    expect(read(target)).toBe('original');
    expect(strays()).toEqual([]);
  });

  it('a failing rename of a new file leaves nothing behind', async () => {
    const target = path.join(dir, 'new.budget');
    const fsx = failing({ rename: async () => Promise.reject(errno('EROFS')) });
    await expect(atomicWrite(target, bytes('x'), { fs: fsx })).rejects.toThrow(/只读/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('tolerates folders that refuse fsync (network shares)', async () => {
    const target = path.join(dir, 'a.budget');
    const fsx = failing({
      open: async (file, flags, mode) => {
        if (file === dir) throw errno('EINVAL');
        return realFs.open(file, flags, mode);
      },
    });
    await atomicWrite(target, bytes('ok'), { fs: fsx, platform: 'linux' });
    expect(read(target)).toBe('ok');
  });

  it('retries a rename briefly blocked on Windows (antivirus)', async () => {
    const target = path.join(dir, 'a.budget');
    let failures = 2;
    const fsx = failing({
      rename: async (from, to) => {
        if (failures-- > 0) throw errno('EPERM');
        return realFs.rename(from, to);
      },
    });
    await atomicWrite(target, bytes('ok'), { fs: fsx, platform: 'win32' });
    expect(read(target)).toBe('ok');
  });

  it('refuses to replace a folder', async () => {
    const target = path.join(dir, 'sub.budget');
    fs.mkdirSync(target);
    await expect(atomicWrite(target, bytes('x'))).rejects.toThrow(/不是一个普通文件/);
  });

  it('refuses non-byte data', async () => {
    await expect(atomicWrite(path.join(dir, 'a.budget'), 'text' as unknown as Uint8Array)).rejects.toThrow(/数据格式不正确/);
  });
});

describe('readFileLimited', () => {
  it('reads a file as a plain Uint8Array', async () => {
    const f = path.join(dir, 'a.budget');
    fs.writeFileSync(f, 'hello');
    const data = await readFileLimited(f);
    expect(data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(data)).toBe('hello');
  });

  it('refuses files above the limit with a Chinese message naming the file', async () => {
    const f = path.join(dir, 'big.budget');
    fs.writeFileSync(f, Buffer.alloc(2048));
    await expect(readFileLimited(f, 1024)).rejects.toThrow(/无法打开“big\.budget”：文件大小 .* 超过 .* 的上限/);
  });

  it('reports a missing file and a folder in Chinese', async () => {
    await expect(readFileLimited(path.join(dir, 'gone.budget'))).rejects.toThrow(/“gone\.budget”.*不存在/);
    await expect(readFileLimited(dir)).rejects.toThrow(/不是一个普通文件/);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time, in order, even after a failure', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const a = q.run(task('a', 20));
    const b = q.run(task('b', 1, true));
    const c = q.run(task('c', 1));
    expect(await a).toBe('a');
    await expect(b).rejects.toThrow('b');
    expect(await c).toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('atomicWrite and permissions', () => {
  it('keeps a read-only original’s mode and still backs it up (POSIX)', async () => {
    if (process.platform === 'win32') return;
    const target = path.join(dir, 'shared.budget');
    fs.writeFileSync(target, 'v1');
    fs.chmodSync(target, 0o440);
    await atomicWrite(target, bytes('v2'), { backup: true });
    expect(read(target)).toBe('v2');
    expect(read(`${target}.bak`)).toBe('v1');
    expect(fs.statSync(target).mode & 0o777).toBe(0o440);
    expect(strays()).toEqual([]);
  });
});
