/**
 * What a published workbook does not contain, and the checks that read it. Run on a budget imported
 * from a workbook, those checks cannot pass or fail: their findings are 无法核验, naming what is
 * missing (fail closed, never a warning about something the reviewer was not given).
 */
import type { Finding } from '../rules/types';
import { roleTableNo, tableOfRole } from '../tables/roles';
import type { TemplateSet } from '../tables/template-types';

export interface Absence {
  /** What is missing, as the message says it ('情况说明'). */
  what: string;
  /** Rule ids (or id prefixes ending in '-') that read it. */
  rules: readonly string[];
}

/** A workbook never carries the narrative: its texts, reasons and asset counts. */
const NARRATIVE: Absence = { what: '情况说明（文字、增减原因、资产情况）', rules: ['NT-', 'STR-06', 'STR-07'] };

/** The absences of a workbook whose recognised tables are `present` (template ids). */
export function absencesOf(present: ReadonlySet<string>, templates: TemplateSet, priorPrinted: boolean): Absence[] {
  const out = [NARRATIVE];
  const projects = tableOfRole(templates, 'projects');
  if (!priorPrinted) out.push({ what: `${roleTableNo(templates, 'gpb')}的上年预算数`, rules: ['CHG-', 'XT-15'] });
  // Without the project list, a project's 功能科目 and its split by source are not printed anywhere.
  if (!projects || !present.has(projects.id)) out.push({ what: `${roleTableNo(templates, 'projects')}（项目所属功能科目、资金来源）`, rules: ['XT-12', 'XT-16', 'PERF-05'] });
  return out;
}

const reads = (a: Absence, id: string) => a.rules.some((r) => (r.endsWith('-') ? id.startsWith(r) : id === r));

/**
 * Findings of checks that read something absent become 无法核验 (info stays info), one per rule:
 * what the rule could not verify, listed.
 */
export function markUnverifiable(findings: readonly Finding[], absences: readonly Absence[]): Finding[] {
  const out: Finding[] = [];
  const grouped = new Map<string, Finding>();
  for (const f of findings) {
    const a = absences.find((x) => reads(x, f.id));
    if (!a || f.severity === 'info' || f.severity === 'unverifiable') {
      out.push(f);
      continue;
    }
    const seen = grouped.get(f.id);
    if (seen) {
      seen.message += `；${f.message}`;
      seen.cells = [...seen.cells, ...f.cells];
      continue;
    }
    const g: Finding = { ...f, severity: 'unverifiable', message: `工作簿不含${a.what}，无法核验：${f.message}` };
    grouped.set(f.id, g);
    out.push(g);
  }
  return out;
}
