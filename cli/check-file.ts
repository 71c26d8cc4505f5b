/**
 * Checking one input file, whatever it is: the per-input dispatch of `check`. Each checker names
 * which files it takes; the first that takes a file checks it (a narrative checker plugs in
 * here: cli/commands/check-narrative.ts). Used in-process for one file and by the worker threads for a folder.
 */
import { basename, extname } from 'node:path';
import { deriveTables } from '../shared/tables/derive';
import { ALL_RULES, countFindings, describeCell, makeRuleContext, runRules, SEVERITIES, SEVERITY_LABELS } from '../shared/rules/index';
import type { Counts } from '../shared/rules/engine';
import type { Finding, RuleContext } from '../shared/rules/types';
import type { Budget } from '../shared/model/types';
import { markUnverifiable } from '../shared/import/index';
import { openBudgetOrWorkbook } from './open';
import { contextFor } from './context';
import { CliError } from './errors';
import { renderFindings } from './findings-text';
import { narrativeChecker } from './commands/check-narrative';

export interface CheckReport {
  findings: {
    id: string;
    severity: Finding['severity'];
    message: string;
    cells: { table: string; row: string; column: string; tableNo: string }[];
  }[];
  counts: Counts;
}

/** Runs every rule on a budget; `extra` findings (a workbook's import findings) come first. */
export function checkBudget(budget: Budget, extra: readonly Finding[] = []): { ctx: RuleContext; findings: Finding[] } {
  const env = contextFor(budget);
  const tables = deriveTables(budget, env);
  const ctx = makeRuleContext(budget, tables, env);
  const findings = [...extra, ...runRules(ctx, ALL_RULES)];
  // Grouped by severity, rule order kept within a group.
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  findings.sort((a, b) => rank(a) - rank(b));
  return { ctx, findings };
}

/** The JSON of `check --json`: exactly findings (id, severity, message, cells) and counts; cells add tableNo. */
export function reportOf(ctx: RuleContext, findings: readonly Finding[]): CheckReport {
  return {
    findings: findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      message: f.message,
      cells: f.cells.map((c) => ({
        table: c.table,
        row: c.row,
        column: c.column,
        tableNo: ctx.table(c.table)?.no ?? '',
      })),
    })),
    counts: countFindings(findings),
  };
}

const MAX_LOCATIONS = 8;

export function renderText(file: string, ctx: RuleContext, report: CheckReport): string {
  const budget = ctx.budget;
  const projectName = (id: string) => budget.projects.find((p) => p.id === id)?.name;
  const heading = `检查 ${file}：${budget.meta.department || '（未填部门名称）'} ${budget.meta.year}年部门预算`;
  return renderFindings(heading, report.counts, report.findings, (f) => {
    if (f.cells.length === 0) return [];
    const shown = f.cells.slice(0, MAX_LOCATIONS).map((x) => describeCell(ctx, x, projectName));
    const more = f.cells.length > MAX_LOCATIONS ? ` 等 ${f.cells.length} 处` : '';
    return [`位置：${shown.join('；')}${more}`];
  });
}

/** One file's entry of `check` over several files (JSON: files[]). */
export interface FileEntry {
  file: string;
  department: string;
  year: number | null;
  counts: Counts;
  findings: CheckReport['findings'];
  /** Why the file could not be read at all (counts are then zero, findings empty). */
  error?: string;
}

export interface Checked {
  entry: FileEntry;
  /** The full text report of this one file. */
  text: string;
  /** The single-file JSON (`{findings, counts}`). */
  report: CheckReport;
}

export interface InputChecker {
  /** Whether this checker takes the file (by its name), also when walking a folder. */
  takes(path: string): boolean;
  /** Whether a folder walk picks such files up (a narrative is checked only when named). */
  inFolders: boolean;
  check(path: string): Promise<Checked>;
}

/** A .budget, or a seventeen-table workbook imported in memory (nothing is written). */
export const budgetChecker: InputChecker = {
  takes: (path) => ['.budget', '.xlsx', '.xlsm', '.xls'].includes(extname(path).toLowerCase()),
  inFolders: true,
  async check(path) {
    const opened = await openBudgetOrWorkbook(path);
    const { ctx, findings } = checkBudget(opened.budget, opened.findings);
    const report = reportOf(ctx, markUnverifiable(findings, opened.absences));
    const meta = opened.budget.meta;
    return {
      entry: { file: path, department: meta.department, year: meta.year, counts: report.counts, findings: report.findings },
      text: renderText(basename(path), ctx, report),
      report,
    };
  },
};

export const INPUT_CHECKERS: InputChecker[] = [budgetChecker, narrativeChecker];

export function checkerFor(path: string): InputChecker | undefined {
  return INPUT_CHECKERS.find((c) => c.takes(path));
}

/** Never throws for a bad file: an unreadable one is an entry with its reason. */
export async function checkEntry(path: string): Promise<FileEntry> {
  try {
    return (await (checkerFor(path) ?? budgetChecker).check(path)).entry;
  } catch (e) {
    const reason = e instanceof CliError ? e.message : `出错：${(e as Error).message}`;
    return { file: path, department: '', year: null, counts: countFindings([]), findings: [], error: reason };
  }
}

/** The worst finding of a file, for its one line. */
export function worstOf(entry: FileEntry): FileEntry['findings'][number] | undefined {
  return [...entry.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0];
}
