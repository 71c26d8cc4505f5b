/**
 * Crash recovery and single-writer files for the desktop edition, as plain functions over node:fs
 * (no Electron: tested with vitest).
 *
 * - The journal: the unsaved work of each open document, one file per document under
 *   `<userData>/recovery/`, replaced atomically on every write (atomicWrite), so a crash in the
 *   middle of a write leaves the previous journal whole. A journal this run did not write was left
 *   by a run that ended without a clean save or close: that is what the next start offers back.
 * - The lock file beside a .budget (`NAME.budget.lock`, on a shared folder too): who has the file
 *   open for writing. A second writer is refused; a lock left by a process of this PC that no longer
 *   runs is stale and taken over.
 */
import * as nodeFs from 'node:fs/promises';
import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { JournalEntry, LockHolder } from '../shared/host/api';
import { lockedText } from '../shared/host/lock';
import { atomicWrite, describeFsError, FileError } from './files';

export const RECOVERY_DIR_NAME = 'recovery';

/** What a journal file holds: the entry, its bytes as base64 (one JSON file, written whole). */
interface JournalFile {
  version: 1;
  id: string;
  name: string;
  path?: string;
  edits: number;
  updatedAt: string;
  budget: string;
}

export interface JournalStore {
  write(entry: JournalEntry): Promise<void>;
  clear(id: string): Promise<void>;
  /** Journals not written by this run: left by a run that ended without saving or closing cleanly. */
  orphans(): Promise<JournalEntry[]>;
}

export function journalFileName(id: string): string {
  return `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.journal.json`;
}

export function createJournalStore(dir: string): JournalStore {
  const ours = new Set<string>();
  const fileOf = (id: string) => path.join(dir, journalFileName(id));
  return {
    async write(entry) {
      ours.add(entry.id);
      await nodeFs.mkdir(dir, { recursive: true });
      const file: JournalFile = {
        version: 1,
        id: entry.id,
        name: entry.name,
        ...(entry.path ? { path: entry.path } : {}),
        edits: entry.edits,
        updatedAt: entry.updatedAt,
        budget: Buffer.from(entry.bytes).toString('base64'),
      };
      await atomicWrite(fileOf(entry.id), new TextEncoder().encode(JSON.stringify(file)), { backup: false });
    },
    async clear(id) {
      await nodeFs.rm(fileOf(id), { force: true });
      ours.delete(id);
    },
    async orphans() {
      let names: string[];
      try {
        names = await nodeFs.readdir(dir);
      } catch {
        return [];
      }
      const out: JournalEntry[] = [];
      for (const n of names.filter((x) => x.endsWith('.journal.json'))) {
        try {
          const f = JSON.parse(await nodeFs.readFile(path.join(dir, n), 'utf8')) as JournalFile;
          if (f.version !== 1 || typeof f.id !== 'string' || ours.has(f.id)) continue;
          out.push({
            id: f.id,
            name: f.name,
            ...(f.path ? { path: f.path } : {}),
            edits: f.edits,
            updatedAt: f.updatedAt,
            bytes: new Uint8Array(Buffer.from(f.budget, 'base64')),
          });
        } catch {
          // A journal that cannot be read is not offered (atomic writes make this a foreign file).
        }
      }
      return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Lock files

export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

interface LockFile extends LockHolder {
  pid: number;
}

export interface Me {
  user: string;
  host: string;
  pid: number;
}

export function currentProcess(): Me {
  let user = '';
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USERNAME ?? process.env.USER ?? '';
  }
  return { user, host: os.hostname(), pid: process.pid };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

async function readLock(lock: string): Promise<LockFile | null> {
  try {
    const l = JSON.parse(await nodeFs.readFile(lock, 'utf8')) as LockFile;
    return typeof l.host === 'string' && typeof l.pid === 'number' ? l : { user: '', host: '', since: '', pid: -1 };
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    // Unreadable (being written, or not ours): someone holds it.
    return { user: '', host: '', since: '', pid: -1 };
  }
}

export interface FileLocks {
  /** Takes the lock of `file` for this process; the holder when someone else has it. */
  acquire(file: string): Promise<LockHolder | null>;
  /** Whether someone other than this process holds `file`'s lock (the holder), else null. */
  heldElsewhere(file: string): Promise<LockHolder | null>;
  release(file: string): Promise<void>;
  /** The same, synchronously: for a window closing while the app quits (no later tick runs). */
  releaseSync(file: string): void;
}

export function createFileLocks(me: Me = currentProcess(), isAlive: (pid: number) => boolean = alive): FileLocks {
  const mine = (l: LockFile) => l.host === me.host && l.pid === me.pid;
  const stale = (l: LockFile) => l.host === me.host && l.pid !== me.pid && l.pid > 0 && !isAlive(l.pid);
  const holder = (l: LockFile): LockHolder => ({ user: l.user, host: l.host, since: l.since });

  async function heldElsewhere(file: string): Promise<LockHolder | null> {
    const l = await readLock(lockPathFor(file));
    return !l || mine(l) || stale(l) ? null : holder(l);
  }

  return {
    heldElsewhere,
    async acquire(file) {
      const lock = lockPathFor(file);
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const h = await nodeFs.open(lock, 'wx');
          try {
            const content: LockFile = { user: me.user, host: me.host, pid: me.pid, since: new Date().toISOString() };
            await h.writeFile(JSON.stringify(content));
          } finally {
            await h.close();
          }
          return null;
        } catch (e) {
          if ((e as { code?: string }).code !== 'EEXIST') {
            throw new FileError(`无法为“${path.basename(file)}”建立锁文件：${describeFsError(e)}。`, (e as { code?: string }).code);
          }
        }
        const l = await readLock(lock);
        if (l && mine(l)) return null;
        if (l && !stale(l)) return holder(l);
        await nodeFs.rm(lock, { force: true }); // stale (or gone meanwhile): try once more
      }
      const l = await readLock(lock);
      return l && !mine(l) ? holder(l) : null;
    },
    async release(file) {
      const lock = lockPathFor(file);
      const l = await readLock(lock);
      if (l && mine(l)) await nodeFs.rm(lock, { force: true });
    },
    releaseSync(file) {
      const lock = lockPathFor(file);
      try {
        const l = JSON.parse(readFileSync(lock, 'utf8')) as LockFile;
        if (mine(l)) rmSync(lock, { force: true });
      } catch {
        // Gone, or not ours to remove.
      }
    },
  };
}

/** The refusal an officer reads when a second window would write the same file. */
export function lockedMessage(file: string, h: LockHolder): string {
  return `${lockedText(path.basename(file), h)}为免互相覆盖，同一时间只能有一处保存此文件。`;
}

/** The one .budget a window holds open for writing: taking another releases the previous. */
export interface DocumentLock {
  readonly file: string | null;
  /** Opening or saving to `file`: takes its lock; the holder (and nothing changes) when someone else has it. */
  take(file: string): Promise<LockHolder | null>;
  /** The document is closed or replaced. */
  drop(): Promise<void>;
  /** The window closes (the app may quit right after): released synchronously. */
  dropSync(): void;
}

export function createDocumentLock(locks: FileLocks): DocumentLock {
  let held: string | null = null;
  return {
    get file() {
      return held;
    },
    async take(file) {
      const h = await locks.acquire(file);
      if (h) return h;
      if (held && held !== file) await locks.release(held);
      held = file;
      return null;
    },
    async drop() {
      if (held) await locks.release(held);
      held = null;
    },
    dropSync() {
      if (held) locks.releaseSync(held);
      held = null;
    },
  };
}
