import { afterAll, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => ({}));

import { MAX_RECENT, RECENT_FILE_NAME, RecentStore } from '../../electron/recent';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-electron-recent-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
function setup() {
  const dir = path.join(root, `case-${++n}`);
  const userData = path.join(dir, 'userData'); // not created: the store must create it
  const docs = path.join(dir, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  let t = Date.UTC(2025, 0, 1);
  const store = new RecentStore({ file: path.join(userData, RECENT_FILE_NAME), now: () => new Date((t += 1000)) });
  const touch = (name: string) => {
    const f = path.join(docs, name);
    fs.writeFileSync(f, 'x');
    return f;
  };
  return { dir, userData, docs, store, touch, jsonFile: path.join(userData, RECENT_FILE_NAME) };
}

describe('RecentStore', () => {
  it('lists newest first, without duplicates, and persists as JSON in userData', async () => {
    const { store, touch, jsonFile } = setup();
    const a = touch('a.budget');
    const b = touch('b.budget');
    await store.add(a);
    await store.add(b);
    await store.add(a);
    const list = await store.list();
    expect(list.map((r) => r.name)).toEqual(['a.budget', 'b.budget']);
    expect(list[0]!.path).toBe(a);
    expect(Date.parse(list[0]!.openedAt)).toBeGreaterThan(Date.parse(list[1]!.openedAt));
    const saved = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    expect(saved.files.map((r: { path: string }) => r.path)).toEqual([a, b]);
    // Written atomically: no temp files beside it.
    expect(fs.readdirSync(path.dirname(jsonFile))).toEqual([RECENT_FILE_NAME]);
  });

  it(`keeps at most ${MAX_RECENT}`, async () => {
    const { store, touch } = setup();
    for (let i = 0; i < 14; i++) await store.add(touch(`f${i}.budget`));
    const list = await store.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]!.name).toBe('f13.budget');
    expect(list.at(-1)!.name).toBe('f4.budget');
  });

  it('drops files that no longer exist, and remembers that', async () => {
    const { store, touch, jsonFile } = setup();
    const a = touch('a.budget');
    const b = touch('b.budget');
    await store.add(a);
    await store.add(b);
    fs.unlinkSync(a);
    expect((await store.list()).map((r) => r.name)).toEqual(['b.budget']);
    const saved = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    expect(saved.files).toHaveLength(1);
  });

  it('reloads the list in a new session and survives a damaged file', async () => {
    const { store, touch, jsonFile } = setup();
    const a = touch('a.budget');
    await store.add(a);
    const again = new RecentStore({ file: jsonFile });
    expect((await again.list()).map((r) => r.path)).toEqual([a]);

    fs.writeFileSync(jsonFile, '{ not json');
    const broken = new RecentStore({ file: jsonFile });
    expect(await broken.list()).toEqual([]);
  });

  it('ignores entries with relative paths or wrong types', async () => {
    const { touch, jsonFile } = setup();
    const a = touch('a.budget');
    fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
    fs.writeFileSync(jsonFile, JSON.stringify({ files: [{ path: 'rel.budget' }, { path: 42 }, null, { path: a }] }));
    const store = new RecentStore({ file: jsonFile });
    expect((await store.list()).map((r) => r.path)).toEqual([a]);
  });

  it('notifies listeners and can be cleared', async () => {
    const { store, touch } = setup();
    const seen: number[] = [];
    store.onChange((l) => seen.push(l.length));
    await store.add(touch('a.budget'));
    await store.clear();
    expect(seen).toEqual([1, 0]);
    expect(store.snapshot()).toEqual([]);
  });

  it('treats paths case-insensitively on Windows', async () => {
    const { touch, userData } = setup();
    const store = new RecentStore({ file: path.join(userData, RECENT_FILE_NAME), platform: 'win32', exists: async () => true });
    const a = touch('A.budget');
    await store.add(a);
    await store.add(a.toLowerCase());
    expect(await store.list()).toHaveLength(1);
  });
});
