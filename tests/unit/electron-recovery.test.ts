/**
 * Desktop crash recovery and single-writer files (electron/recovery.ts through the IPC handlers,
 * `electron` mocked): the journal under the user-data directory survives a crash and gives back
 * exactly the edited document; a clean save clears it; the lock file beside a .budget refuses a
 * second writer (another PC on a shared folder) with a message, and a lock left by a dead process of
 * this PC is taken over.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => ({}));

import { atomicWrite, readFileLimited } from '../../electron/files';
import { createHandlers, dispatch, PathAllowList, type HostDeps, type SenderInfo, createSenderCheck } from '../../electron/ipc';
import { RECENT_FILE_NAME, RecentStore } from '../../electron/recent';
import { createDocumentLock, createFileLocks, createJournalStore, lockPathFor, RECOVERY_DIR_NAME, type Me } from '../../electron/recovery';
import type { JournalEntry, OpenedFile } from '../../shared/host/api';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { budgetFromBytes, budgetToBytes } from '../../shared/storage';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { applyEdit } from '../../shared/model';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-electron-recovery-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const trusted: SenderInfo = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
const isTrusted = createSenderCheck(() => [1]);

/** One run of the desktop app (a process on a PC): its handlers over a user-data dir and a documents dir. */
function run(userData: string, me: Me, opts: { alive?: (pid: number) => boolean; open?: string[] } = {}) {
  const openPaths = [...(opts.open ?? [])];
  const deps: HostDeps = {
    dialog: {
      showOpenDialog: vi.fn(async () => {
        const p = openPaths.shift();
        return p ? { canceled: false, filePaths: [p] } : { canceled: true, filePaths: [] };
      }),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
    },
    files: { read: (f, max) => readFileLimited(f, max), write: (f, b, o) => atomicWrite(f, b, o) },
    recent: new RecentStore({ file: path.join(userData, RECENT_FILE_NAME) }),
    allowed: new PathAllowList(),
    printPdf: vi.fn(async () => new Uint8Array()),
    setDirty: vi.fn(),
    defaultDir: () => root,
    journal: createJournalStore(path.join(userData, RECOVERY_DIR_NAME)),
    lock: createDocumentLock(createFileLocks(me, opts.alive ?? (() => true))),
  };
  const handlers = createHandlers(deps);
  const call = <T>(channel: string, arg: unknown) => dispatch(handlers, isTrusted, channel, trusted, [arg]) as Promise<T>;
  return { deps, call };
}

async function sampleFile(name: string): Promise<string> {
  const file = path.join(root, name);
  fs.writeFileSync(file, budgetToBytes(await loadSqlJsNode(), yubeiBigData2024()));
  return file;
}

describe('desktop crash recovery (journal under the user-data directory)', () => {
  it('an edit journaled, the process killed: the next start lists it, 恢复 gives exactly that document, a save clears it', async () => {
    const sql = await loadSqlJsNode();
    const userData = path.join(root, 'userData-1');
    const file = await sampleFile('办公室.budget');
    const me: Me = { user: '张三', host: 'PC-01', pid: 4242 };

    // First run: open the file (its lock is taken), an edit, journaled as the renderer does it.
    const first = run(userData, me, { open: [file] });
    const opened = await first.call<OpenedFile>('file:open-dialog', { extensions: ['budget'], title: '打开' });
    expect(opened.lockedBy).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8'))).toMatchObject({ user: '张三', host: 'PC-01', pid: 4242 });
    const { budget } = budgetFromBytes(sql, opened.bytes, opened.name);
    expect(applyEdit(budget, { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' }, value: '123456.78' }).ok).toBe(true);
    const entry: JournalEntry = { id: 'doc-1', name: '办公室.budget', path: file, edits: 1, updatedAt: '2026-12-03T01:02:03.000Z', bytes: budgetToBytes(sql, budget) };
    await first.call('journal:write', entry);
    // This run's own journal is not "left over".
    expect(await first.call<JournalEntry[]>('journal:list', null)).toEqual([]);
    const dir = path.join(userData, RECOVERY_DIR_NAME);
    expect(fs.readdirSync(dir)).toHaveLength(1); // one whole file per document, no temp files

    // The process dies (no clean close): its lock stays. Next start on the same PC, a new pid.
    const second = run(userData, { ...me, pid: 5151 }, { alive: (pid) => pid === 5151 });
    const left = await second.call<JournalEntry[]>('journal:list', null);
    expect(left.map(({ bytes: _b, ...rest }) => rest)).toEqual([{ id: 'doc-1', name: '办公室.budget', path: file, edits: 1, updatedAt: '2026-12-03T01:02:03.000Z' }]);
    const restored = budgetFromBytes(sql, left[0].bytes, 'x').budget;
    expect(restored.econLines.find((l) => l.scheme === 'department' && l.kind === 'basic' && l.code === '30201')?.amount).toBe(12_345_678);
    expect(restored).toEqual(budget);

    // 恢复 reattaches the file: the stale lock of the dead process is taken over, 保存 writes back.
    const again = await second.call<OpenedFile>('file:open-recent', { path: file });
    expect(again.lockedBy).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8'))).toMatchObject({ pid: 5151 });
    await second.call('journal:write', { ...entry, edits: 1 }); // the restored document journals on
    await second.call('file:save', { path: file, suggestedName: '办公室.budget', bytes: left[0].bytes });
    await second.call('journal:clear', { id: 'doc-1' });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await run(userData, { ...me, pid: 6000 }).call<JournalEntry[]>('journal:list', null)).toEqual([]);
    expect(budgetFromBytes(sql, fs.readFileSync(file), 'x').budget).toEqual(restored);

    // Closing the document releases the lock file.
    await second.call('file:release', { path: file });
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it('refuses journal records it cannot trust: a path never handed out, a bad id', async () => {
    const userData = path.join(root, 'userData-2');
    const r = run(userData, { user: 'a', host: 'h', pid: 1 });
    const entry = { id: 'doc-2', name: 'x', edits: 1, updatedAt: '2026-12-03T01:02:03.000Z', bytes: new Uint8Array([1]) };
    await expect(r.call('journal:write', { ...entry, path: path.join(root, '别人的.budget') })).rejects.toThrow('恢复记录中的文件路径不是本程序打开过的文件');
    await expect(r.call('journal:write', { ...entry, id: '../../etc' })).rejects.toThrow('文档标识只能由字母、数字');
    await expect(r.call('journal:write', { ...entry, edits: -1 })).rejects.toThrow('修改次数应为非负整数');
    expect(fs.existsSync(path.join(userData, RECOVERY_DIR_NAME))).toBe(false);
  });
});

describe('lock file beside a .budget: one writer at a time', () => {
  it('a second PC opening the file is told who has it, gets it read-only, and cannot save over it', async () => {
    const file = await sampleFile('共享.budget');
    const a = run(path.join(root, 'ua'), { user: '张三', host: 'PC-A', pid: 100 }, { open: [file] });
    const b = run(path.join(root, 'ub'), { user: '李四', host: 'PC-B', pid: 200 }, { open: [file] });
    expect((await a.call<OpenedFile>('file:open-dialog', { extensions: ['budget'], title: '打开' })).lockedBy).toBeUndefined();

    const seen = await b.call<OpenedFile>('file:open-dialog', { extensions: ['budget'], title: '打开' });
    expect(seen.bytes.byteLength).toBeGreaterThan(0);
    expect(seen.lockedBy).toMatchObject({ user: '张三', host: 'PC-A' });
    const before = fs.readFileSync(file);
    await expect(b.call('file:save', { path: file, suggestedName: '共享.budget', bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrow(
      /^“共享\.budget”正由张三（PC-A）打开编辑，自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起。为免互相覆盖，同一时间只能有一处保存此文件。本次未保存，该文件未被改动。请用“另存为”保存为另一个文件。$/,
    );
    expect(fs.readFileSync(file)).toEqual(before);

    // A lock of another PC is never taken over as stale (its process cannot be checked from here).
    const b2 = run(path.join(root, 'ub'), { user: '李四', host: 'PC-B', pid: 201 }, { alive: () => false });
    await b2.deps.recent.add(file);
    expect((await b2.call<OpenedFile>('file:open-recent', { path: file })).lockedBy?.host).toBe('PC-A');

    // The first window closes the document: the file is free for the second.
    await a.call('file:release', { path: file });
    expect((await b.call<OpenedFile>('file:open-recent', { path: file })).lockedBy).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8'))).toMatchObject({ user: '李四', host: 'PC-B' });
  });

  it('opening another file releases the previous one; the same window reopening its file keeps it', async () => {
    const one = await sampleFile('一.budget');
    const two = await sampleFile('二.budget');
    const r = run(path.join(root, 'uc'), { user: 'u', host: 'PC-C', pid: 300 }, { open: [one, one, two] });
    for (let i = 0; i < 2; i++) expect((await r.call<OpenedFile>('file:open-dialog', { extensions: ['budget'], title: '' })).lockedBy).toBeUndefined();
    expect(fs.existsSync(lockPathFor(one))).toBe(true);
    await r.call('file:open-dialog', { extensions: ['budget'], title: '' });
    expect(fs.existsSync(lockPathFor(one))).toBe(false);
    expect(fs.existsSync(lockPathFor(two))).toBe(true);
    // The window closes (main.ts, 'closed'): released before the app can quit.
    r.deps.lock.dropSync();
    expect(fs.existsSync(lockPathFor(two))).toBe(false);
  });
});
