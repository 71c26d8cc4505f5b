/**
 * Whole writes: the CLI's one write helper under a full disk, a read-only folder and kill -9.
 * A full or read-only disk is simulated by failing the helper's own fs calls (the tests run as root
 * in CI, where permissions do not stop a write); kill -9 is real, at random moments of real runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { budgetFromBytes, type SqlJs } from '../../shared/storage/index';
import { removeStaleTemps, TEMP_FILE_PATTERN, writeWholeFile } from '../../cli/atomic-write';
import { CliError } from '../../cli/errors';
import { BIN, recordCase, reportFigures, runCli } from '../helpers/hostile';
import { unzip } from '../helpers/zip';

reportFigures('hostile-writes');

/** When set, the helper's write or rename fails with this errno code (a full disk, a read-only one). */
const failing: { call: 'writeSync' | 'renameSync' | 'openSync' | null; code: string } = { call: null, code: '' };
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fail = (call: typeof failing.call) => {
    if (failing.call === call) throw Object.assign(new Error(`${failing.code}: simulated, ${call}`), { code: failing.code });
  };
  return {
    ...fs,
    writeSync: (...a: Parameters<typeof fs.writeSync>) => (fail('writeSync'), fs.writeSync(...a)),
    renameSync: (...a: Parameters<typeof fs.renameSync>) => (fail('renameSync'), fs.renameSync(...a)),
    openSync: (...a: Parameters<typeof fs.openSync>) => (fail('openSync'), fs.openSync(...a)),
  };
});

let sql: SqlJs;
beforeAll(async () => {
  sql = await loadSqlJsNode();
});

const temps = (dir: string) => readdirSync(dir).filter((n) => TEMP_FILE_PATTERN.test(n));

describe('the write helper', () => {
  it.each([
    ['writeSync', 'ENOSPC', '磁盘已满，无法写出“tables.xlsx”。原有的“tables.xlsx”未被改动，请腾出空间后重试'],
    ['openSync', 'EROFS', '所在的磁盘是只读的，无法写出“tables.xlsx”。原有的“tables.xlsx”未被改动'],
    ['renameSync', 'EACCES', '的权限，无法写出“tables.xlsx”。原有的“tables.xlsx”未被改动'],
  ] as const)('%s failing with %s: one Chinese line, the original intact, no temp left', (call, code, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-write-'));
    const out = join(dir, 'tables.xlsx');
    writeFileSync(out, 'the original');
    failing.call = call;
    failing.code = code;
    let error: unknown;
    try {
      writeWholeFile(out, new Uint8Array(1000).fill(7), true);
    } catch (e) {
      error = e;
    } finally {
      failing.call = null;
    }
    expect(error).toBeInstanceOf(CliError);
    const e = error as CliError;
    expect(e.message).toContain(text);
    expect(e.message).not.toMatch(/ENOSPC|EROFS|EACCES|simulated/);
    expect(e.detail).toContain('simulated');
    expect(readFileSync(out, 'utf8')).toBe('the original');
    expect(temps(dir)).toEqual([]);
  });

  it('a new file on a full disk: no file at all, and it says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-write-'));
    failing.call = 'writeSync';
    failing.code = 'ENOSPC';
    try {
      expect(() => writeWholeFile(join(dir, 'new.budget'), new Uint8Array(10), false)).toThrow('磁盘已满，无法写出“new.budget”。没有留下不完整的文件');
    } finally {
      failing.call = null;
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes only its own temporary files, and only once they are an hour old', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-stale-'));
    const old = '.s.budget.4242.1700000000000.tmp';
    const fresh = '.s.budget.4243.1700000000001.tmp';
    const foreign = '.s.budget.tmp';
    for (const n of [old, fresh, foreign]) writeFileSync(join(dir, n), 'x');
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(join(dir, old), twoHoursAgo, twoHoursAgo);
    utimesSync(join(dir, foreign), twoHoursAgo, twoHoursAgo);
    expect(removeStaleTemps(dir)).toEqual([old]);
    expect(readdirSync(dir).sort()).toEqual([fresh, foreign].sort());
  });
});

// [heavy] about 15 s per command on 2 busy cores: each trial is a real CLI process killed at a random moment.
describe('[heavy] kill -9 never leaves a torn file; the next run removes the left-over temp', () => {
  const TRIALS = 4; // per command
  const HEAVY = 120_000;

  /** Runs the CLI and SIGKILLs it after `ms`; resolves with its exit (null when killed). */
  function runAndKill(args: string[], ms: number): Promise<number | null> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** How long a normal run takes here, so the kills fall across its whole length, writes included. */
  async function durationOf(args: string[]): Promise<number> {
    const start = Date.now();
    const code = await runAndKill(args, 60_000);
    expect(code).toBe(0);
    return Date.now() - start;
  }

  const wholeBudget = (path: string) => budgetFromBytes(sql, new Uint8Array(readFileSync(path)), 'x.budget').budget;

  /** Ages the left-over temps past an hour and runs `args` once more: they must be gone. */
  function recover(dir: string, args: string[]): void {
    const past = (Date.now() - 2 * 3600_000) / 1000;
    for (const n of temps(dir)) utimesSync(join(dir, n), past, past);
    const r = runCli(`recover ${args[0]}`, args);
    expect(r.status, r.stderr).toBeLessThan(2);
    expect(temps(dir)).toEqual([]);
  }

  async function trials(command: string, dir: string, args: (i: number) => string[], check: (i: number, exit: number | null) => void): Promise<void> {
    const t = await durationOf(args(-1));
    let killed = 0;
    for (let i = 0; i < TRIALS; i++) {
      const delay = Math.round(t * (0.4 + (0.8 * i) / TRIALS) + Math.random() * 40);
      const start = Date.now();
      const exit = await runAndKill(args(i), delay);
      recordCase(`kill -9 ${command} @${delay}ms`, exit, Date.now() - start);
      if (exit === null) killed++;
      check(i, exit);
    }
    console.log(`kill -9 ${command}: ${TRIALS} 次，其中 ${killed} 次在运行中被杀`);
    recover(dir, args(TRIALS));
  }

  it('sample (over an existing file, with its .bak)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-kill-sample-'));
    const out = join(dir, 's.budget');
    await trials('sample', dir, () => ['sample', out], () => {
      // The file and its backup are each a whole sample, whichever moment the kill came.
      expect(wholeBudget(out).meta.year).toBe(2024);
      if (existsSync(`${out}.bak`)) expect(wholeBudget(`${out}.bak`).meta.year).toBe(2024);
    });
  }, HEAVY);

  /** A sample file, and its export as a workbook, to import and roll over. */
  let shared: { source: string; workbook: string };
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-kill-src-'));
    const source = join(dir, 's.budget');
    expect(runCli('sample', ['sample', source]).status).toBe(0);
    expect(runCli('export xlsx', ['export', source, '--out', dir, '--format', 'xlsx']).status).toBe(0);
    shared = { source, workbook: join(dir, 'tables.xlsx') };
  }, HEAVY);
  const sources = () => ({ ...shared, dir: mkdtempSync(join(tmpdir(), 'bw-kill-')) });

  it('import (a new file: none, or whole)', async () => {
    const { dir, workbook } = sources();
    await trials('import', dir, (i) => ['import', workbook, join(dir, `i${i}.budget`)], (i, exit) => {
      const out = join(dir, `i${i}.budget`);
      if (exit === null && !existsSync(out)) return;
      expect(wholeBudget(out).projects.length).toBeGreaterThan(0);
    });
  }, HEAVY);

  it('rollover (a new file: none, or whole)', async () => {
    const { dir, source } = sources();
    await trials('rollover', dir, (i) => ['rollover', source, join(dir, `r${i}.budget`)], (i, exit) => {
      const out = join(dir, `r${i}.budget`);
      if (exit === null && !existsSync(out)) return;
      expect(wholeBudget(out).meta.year).toBe(2025);
    });
  }, HEAVY);

  it('export (xlsx, html, json over an earlier export: each file the old one or the new one, whole)', async () => {
    const { source } = sources();
    const out = mkdtempSync(join(tmpdir(), 'bw-kill-export-'));
    await trials('export', out, () => ['export', source, '--out', out, '--format', 'xlsx,html,json'], () => {
      for (const name of readdirSync(out)) {
        if (TEMP_FILE_PATTERN.test(name)) continue; // a killed run's; recover() shows the next run removes it
        const bytes = readFileSync(join(out, name));
        if (name === 'tables.json') expect(JSON.parse(bytes.toString('utf8')).tables.length).toBeGreaterThan(16);
        else if (name === 'tables.html') expect(bytes.toString('utf8').trimEnd()).toMatch(/<\/html>$/);
        else if (name === 'tables.xlsx') expect(unzip(bytes).some((f) => f.name === 'xl/workbook.xml')).toBe(true);
        else throw new Error(`unexpected ${name}`);
      }
    });
  }, HEAVY);
});
