/**
 * `check FILE [--json]`: every rule on a .budget (or a seventeen-table workbook, imported in memory),
 * findings grouped by severity. Exit 0 no errors, 1 errors found, 2 unreadable input.
 */
import { basename } from 'node:path';
import { deriveTables } from '../../shared/tables/derive';
import { ALL_RULES, countFindings, describeCell, makeRuleContext, runRules, SEVERITIES, SEVERITY_LABELS } from '../../shared/rules/index';
import type { Counts } from '../../shared/rules/engine';
import type { Finding, RuleContext } from '../../shared/rules/types';
import type { Budget } from '../../shared/model/types';
import { openBudgetOrWorkbook } from '../open';
import { contextFor } from '../context';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';
import { checkNarrativeFile, isNarrativeFile } from './check-narrative';

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
  const c = report.counts;
  const lines = [
    `检查 ${file}：${budget.meta.department || '（未填部门名称）'} ${budget.meta.year}年部门预算`,
    `错误 ${c.error} 项，警告 ${c.warning} 项，提示 ${c.info} 项，无法核验 ${c.unverifiable} 项`,
  ];
  if (report.findings.length === 0) lines.push('', '未发现问题。');
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${SEVERITY_LABELS[severity]}（${group.length}）`);
    for (const f of group) {
      lines.push(`  [${f.id}] ${f.message}`);
      if (f.cells.length) {
        const shown = f.cells.slice(0, MAX_LOCATIONS).map((x) => describeCell(ctx, x, projectName));
        const more = f.cells.length > MAX_LOCATIONS ? ` 等 ${f.cells.length} 处` : '';
        lines.push(`      位置：${shown.join('；')}${more}`);
      }
    }
  }
  return lines.join('\n');
}

export const check: Command = {
  name: 'check',
  usage: 'check FILE [--json]',
  summary: '校验部门预算文件（.budget）、十七张表工作簿（.xlsx）或单独一份情况说明（.txt/.docx/.html），按严重程度列出问题',
  async run(args) {
    const { positional, on } = parseArgs(args, [], ['--json']);
    const [file] = positional;
    if (!file || positional.length > 1) throw new CliError(`用法：budget-workbench ${check.usage}`);
    if (isNarrativeFile(file)) return checkNarrativeFile(file, on.has('--json'));
    const opened = await openBudgetOrWorkbook(file);
    const { ctx, findings } = checkBudget(opened.budget, opened.findings);
    const report = reportOf(ctx, findings);
    if (on.has('--json')) console.log(JSON.stringify(report, null, 1));
    else console.log(renderText(basename(file), ctx, report));
    return report.counts.error > 0 ? 1 : 0;
  },
};
