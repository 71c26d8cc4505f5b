/**
 * One call per output for hosts (the 导出 dialog, the CLI): the narrative that is published — the
 * hand-edited text when there is one, else the generated — as the HTML section that goes before the
 * tables (`tablesToHtml(…, { extraSectionsHtml })`, so HTML and PDF are one document), or as docx.
 */
import type { Budget } from '../model/types';
import type { NarrativeContext } from './facts';
import { narrativeForExport } from './edited';
import { narrativeToHtml } from './html';

/** For `narrativeHtml` of the export dialog / `extraSectionsHtml` of tablesToHtml. */
export function narrativeSectionHtml(budget: Budget, ctx: NarrativeContext): string {
  return narrativeToHtml(narrativeForExport(budget, ctx).doc);
}

/** The Word file's bytes; the docx package is loaded on demand. */
export async function narrativeDocxBytes(budget: Budget, ctx: NarrativeContext): Promise<Uint8Array> {
  const { narrativeToDocx } = await import('./docx');
  return narrativeToDocx(narrativeForExport(budget, ctx).doc);
}

/** File name without extension: '2024年重庆市渝北区大数据应用发展管理局部门预算情况说明'. */
export function narrativeBaseName(budget: Budget): string {
  return `${budget.meta.year}年${budget.meta.department}部门预算情况说明`.replace(/[\\/:*?"<>|\s]+/g, '');
}
