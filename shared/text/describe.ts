/**
 * Readable locations of cells for people: '表六 30201 总计', '表十七“办公场地租赁” 指标4 指标值',
 * '表一 一般公共预算财政拨款资金 预算数'. The one readable name of a cell: the command line, the import report and the problems panel use it;
 * the window's toasts quote the same words (cells.ts quotedCellName).
 */
import type { DerivedTable } from '../tables/types';
import { columnLabel, rowCode, rowOf } from '../tables/lookup';
import type { CellRef } from '../rules/types';
import { cellTitle, leftLabel } from './cells';
import { indicatorIndex } from '../model/rows';

function tableLabel(t: DerivedTable, projectName: (id: string) => string | undefined): string {
  if (!t.projectId) return t.no;
  const name = projectName(t.projectId);
  return name ? `${t.no}“${name}”` : t.no;
}

export function describeCell(
  tables: { table(id: string): DerivedTable | undefined },
  ref: CellRef,
  projectName: (id: string) => string | undefined = () => undefined,
): string {
  const t = tables.table(ref.table);
  if (!t) return `${ref.table} ${ref.row} ${ref.column}`;
  const row = rowOf(t, ref.row);
  const parts = [tableLabel(t, projectName)];
  if (!row) return [...parts, ref.row, columnLabel(t, ref.column) || ref.column].join(' ');
  const code = rowCode(row);
  const indicator = indicatorIndex(row.key);
  let column = columnLabel(t, ref.column);
  if (row.key === 'total' || row.role === 'total') {
    if (t.header.length > 0 && !row.cells.some((c) => (c as { line?: string }).line)) parts.push('合计');
    else parts.push(leftLabel(row, ref.column) || '合计');
  } else if (code) {
    parts.push(code);
  } else if (indicator !== null) {
    parts.push(`指标${indicator + 1}`);
    column = cellTitle(t, row.key, ref.column) || column;
  } else {
    const named = row.cells.find((c) => !c.covered && (c.col === 'projectName' || c.col === 'item') && c.text);
    const label = named?.text ?? leftLabel(row, ref.column);
    if (label) parts.push(label.length > 24 ? `${label.slice(0, 23)}…` : label);
    else if (row.role !== 'form') parts.push(row.key);
  }
  if (column && !(parts.length > 1 && parts[parts.length - 1] === column)) parts.push(column);
  return parts.join(' ');
}
