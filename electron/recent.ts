/**
 * Recent files, persisted as JSON in the user-data folder (app.getPath('userData')).
 * At most 10, newest first; files that no longer exist are dropped when the list is read.
 * Written with atomicWrite, so a crash mid-write never leaves a truncated list.
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { RecentFile } from '../shared/host/api';
import { atomicWrite, SerialQueue } from './files';

export const MAX_RECENT = 10;
export const RECENT_FILE_NAME = 'recent-files.json';

export interface RecentDeps {
  /** Full path of the JSON file, normally join(app.getPath('userData'), RECENT_FILE_NAME). */
  file: string;
  exists?: (file: string) => Promise<boolean>;
  readText?: (file: string) => Promise<string>;
  writeBytes?: (file: string, bytes: Uint8Array) => Promise<void>;
  now?: () => Date;
  platform?: NodeJS.Platform;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await nodeFs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** A path as compared: absolute, and lower-cased on Windows (its paths are case-insensitive). */
export function pathKey(p: string, platform: NodeJS.Platform = process.platform): string {
  const abs = path.resolve(p);
  return platform === 'win32' ? abs.toLowerCase() : abs;
}

/** Same file? Windows paths are case-insensitive. */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  return pathKey(a, platform) === pathKey(b, platform);
}

function parseList(text: string): RecentFile[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return []; // a damaged list is not worth an error: start afresh
  }
  const items = Array.isArray(raw) ? raw : Array.isArray((raw as { files?: unknown })?.files) ? (raw as { files: unknown[] }).files : [];
  const out: RecentFile[] = [];
  for (const it of items) {
    const r = it as Partial<RecentFile> | null;
    if (!r || typeof r.path !== 'string' || !path.isAbsolute(r.path)) continue;
    out.push({
      path: r.path,
      name: typeof r.name === 'string' && r.name ? r.name : path.basename(r.path),
      openedAt: typeof r.openedAt === 'string' ? r.openedAt : new Date(0).toISOString(),
    });
  }
  return out;
}

export class RecentStore {
  private readonly deps: Required<RecentDeps>;
  private cache: RecentFile[] | null = null;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<(list: RecentFile[]) => void>();

  constructor(deps: RecentDeps) {
    this.deps = {
      exists: isFile,
      readText: (f) => nodeFs.readFile(f, 'utf8'),
      writeBytes: async (f, b) => {
        await nodeFs.mkdir(path.dirname(f), { recursive: true });
        await atomicWrite(f, b, { backup: false });
      },
      now: () => new Date(),
      platform: process.platform,
      ...deps,
    };
  }

  /** Called after every change (the menu's 最近打开 and the IPC allow-set follow the list). */
  onChange(listener: (list: RecentFile[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The list, newest first, without files that have disappeared (those are dropped for good). */
  list(): Promise<RecentFile[]> {
    return this.queue.run(async () => {
      const current = await this.load();
      const present: RecentFile[] = [];
      for (const r of current) if (await this.deps.exists(r.path)) present.push(r);
      if (present.length !== current.length) await this.store(present);
      return present.map((r) => ({ ...r }));
    });
  }

  /** Put a file at the top (it was just opened or saved). */
  add(file: string): Promise<RecentFile[]> {
    return this.queue.run(async () => {
      const abs = path.resolve(file);
      const rest = (await this.load()).filter((r) => !samePath(r.path, abs, this.deps.platform));
      const next = [{ name: path.basename(abs), path: abs, openedAt: this.deps.now().toISOString() }, ...rest].slice(0, MAX_RECENT);
      await this.store(next);
      return next.map((r) => ({ ...r }));
    });
  }

  remove(file: string): Promise<void> {
    return this.queue.run(async () => {
      const current = await this.load();
      const next = current.filter((r) => !samePath(r.path, file, this.deps.platform));
      if (next.length !== current.length) await this.store(next);
    });
  }

  clear(): Promise<void> {
    return this.queue.run(() => this.store([]));
  }

  /** The last known list without touching the disk (for building the menu synchronously). */
  snapshot(): RecentFile[] {
    return (this.cache ?? []).map((r) => ({ ...r }));
  }

  private async load(): Promise<RecentFile[]> {
    if (this.cache) return this.cache;
    let text = '';
    try {
      text = await this.deps.readText(this.deps.file);
    } catch {
      text = '[]'; // first run, or unreadable: an empty list
    }
    const seen: RecentFile[] = [];
    for (const r of parseList(text)) {
      if (!seen.some((s) => samePath(s.path, r.path, this.deps.platform))) seen.push(r);
    }
    this.cache = seen.slice(0, MAX_RECENT);
    return this.cache;
  }

  private async store(list: RecentFile[]): Promise<void> {
    this.cache = list;
    const json = JSON.stringify({ version: 1, files: list }, null, 2);
    try {
      await this.deps.writeBytes(this.deps.file, new TextEncoder().encode(json));
    } catch (err) {
      // The list is a convenience: failing to persist it must not fail the save/open that caused it.
      console.warn('最近打开列表保存失败', err);
    }
    for (const l of this.listeners) l(list.map((r) => ({ ...r })));
  }
}
