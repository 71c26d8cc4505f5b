/**
 * Shared by tests/unit/hostile-*.test.ts: runs the CLI under /usr/bin/time -v (wall time and peak
 * memory of the whole process), keeps a tally of every case and prints it when the file is done.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

export const BIN = join(__dirname, '../../cli/bin.mjs');
const TIME = '/usr/bin/time';
const HAS_TIME = existsSync(TIME);

/** The issue's bounds for every hostile input. */
export const TIME_LIMIT_MS = 30_000;
export const MEMORY_LIMIT_MB = 1536;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the CLI process in MB (GNU time -v). */
  maxRssMb: number;
}

interface CaseFigure {
  name: string;
  exit: number | null;
  ms: number;
  mb: number;
}

const figures: CaseFigure[] = [];

/** Prints the file's figures (cases, exits, worst time, worst memory) once all its tests ran. */
export function reportFigures(suite: string): void {
  afterAll(() => {
    if (!figures.length) return;
    const exits = new Map<string, number>();
    for (const f of figures) exits.set(String(f.exit), (exits.get(String(f.exit)) ?? 0) + 1);
    const worstTime = figures.reduce((a, b) => (b.ms > a.ms ? b : a));
    const worstMem = figures.reduce((a, b) => (b.mb > a.mb ? b : a));
    console.log(
      `[${suite}] ${figures.length} 例；退出码 ${[...exits].map(([k, v]) => `${k}×${v}`).join('、')}；` +
        `最长 ${(worstTime.ms / 1000).toFixed(1)} s（${worstTime.name}）；最大内存 ${worstMem.mb} MB（${worstMem.name}）`,
    );
  });
}

/** Records an in-process case (memory: this process's resident set). */
export function recordCase(name: string, exit: number | null, ms: number, mb = Math.round(process.memoryUsage().rss / 1048576)): void {
  figures.push({ name, exit, ms, mb });
  expect(ms, `${name}: time`).toBeLessThan(TIME_LIMIT_MS);
  expect(mb, `${name}: memory`).toBeLessThan(MEMORY_LIMIT_MB);
}

/** Runs `budget-workbench args…`, records it, and asserts the issue's time and memory bounds. */
export function runCli(name: string, args: string[], opts: { cwd?: string } = {}): CliRun {
  const dir = mkdtempSync(join(tmpdir(), 'bw-time-'));
  const timeFile = join(dir, 'time.txt');
  const start = Date.now();
  // Fail closed: without GNU time the memory bound could not be checked (.ci/run installs it).
  if (!HAS_TIME) throw new Error(`${TIME} is missing: apt-get install time (the hostile suite measures peak memory with it)`);
  const r = spawnSync(TIME, ['-v', '-o', timeFile, process.execPath, BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, timeout: 60_000, maxBuffer: 64 << 20 });
  const ms = Date.now() - start;
  const m = existsSync(timeFile) ? /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8')) : null;
  if (!m) throw new Error(`no peak memory from ${TIME} for ${name}`);
  const maxRssMb = Math.round(Number(m[1]) / 1024);
  rmSync(dir, { recursive: true, force: true });
  recordCase(name, r.status, ms, maxRssMb);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms, maxRssMb };
}

/** A refusal: the exit code and exactly one Chinese line on stderr naming the file. */
export function expectOneLine(r: CliRun, exit: number, fileName: string, text?: string | RegExp): string {
  expect(r.status, r.stderr).toBe(exit);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toContain(`“${fileName}”`);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(lines[0]).toMatch(text);
  return lines[0];
}
