/**
 * The text report of `check` for one file: a heading, the counts, then the findings grouped by
 * severity, each with the detail lines its kind of file gives (cells of a budget, quoted sentences
 * of a narrative). One layout for every kind of input.
 */
import { SEVERITIES, SEVERITY_LABELS, type Counts } from '../shared/rules/engine';
import type { Severity } from '../shared/rules/types';

interface Reported {
  id: string;
  severity: Severity;
  message: string;
}

export function renderFindings<F extends Reported>(heading: string, counts: Counts, findings: readonly F[], details: (f: F) => string[]): string {
  const lines = [heading, `错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项，无法核验 ${counts.unverifiable} 项`];
  if (findings.length === 0) lines.push('', '未发现问题。');
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${SEVERITY_LABELS[severity]}（${group.length}）`);
    for (const f of group) {
      lines.push(`  [${f.id}] ${f.message}`);
      for (const d of details(f)) lines.push(`      ${d}`);
    }
  }
  return lines.join('\n');
}
