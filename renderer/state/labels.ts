/** Words for places: '表六 合计·总计', '表十七（编外聘用人员）绩效指标 3'. */
import type { DerivedTable } from '../../shared/tables';
import type { CellRef } from '../../shared/rules/types';
import { cellTitle, columnTitles, rowLabel } from '../grid/model';

const titleCache = new WeakMap<DerivedTable, Record<string, string>>();

export function tableLabel(table: DerivedTable, projectName?: string): string {
  return table.projectId && projectName ? `${table.no}（${projectName}）` : table.no;
}

export function cellLabel(table: DerivedTable | undefined, ref: CellRef, projectName?: string): string {
  if (!table) return ref.table;
  let titles = titleCache.get(table);
  if (!titles) {
    titles = columnTitles(table);
    titleCache.set(table, titles);
  }
  const row = table.body.find((r) => r.key === ref.row);
  const r = row ? rowLabel(table, row) : ref.row;
  const c = cellTitle(table, ref.row, ref.column, titles);
  return `${tableLabel(table, projectName)} ${r}${c ? `·${c}` : ''}`;
}
