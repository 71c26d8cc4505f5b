/** The export formats and file names: light, so the UI can list them without loading exceljs. */
import type { Budget } from '../model/types';

export const EXPORT_FORMATS = ['xlsx', 'html', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  html: '网页（.html）',
  pdf: 'PDF（.pdf）',
  json: '逐格数据（tables.json）',
};

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** '2024年重庆市渝北区大数据应用发展管理局部门预算公开表' — a bare file name without extension. */
export function exportBaseName(budget: Budget): string {
  return `${budget.meta.year}年${budget.meta.department}部门预算公开表`.replace(/[\\/:*?"<>|\s]+/g, '');
}


/**
 * The names an export produces, and only those: tables.json, `{年}年{部门}部门预算公开表.xlsx/html/pdf`
 * (exportBaseName) and `…部门预算情况说明.docx` (the narrative). The desktop host accepts nothing
 * else from the renderer, so no page can write `.bashrc`, `autorun.inf` or `x.exe` into a folder.
 */
export function isExportFileName(name: string): boolean {
  return name === 'tables.json' || /^\d{4}年[^\\/:*?"<>|\s]{0,200}部门预算(?:公开表\.(?:xlsx|html|pdf)|(?:公开表)?情况说明\.docx)$/.test(name);
}
