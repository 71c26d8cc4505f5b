/** Words for a table in the problems panel: '表六', '表十七（编外聘用人员）'. A cell's name is describeCell (shared/text). */
import type { DerivedTable } from '../../shared/tables';

export function tableLabel(table: DerivedTable, projectName?: string): string {
  return table.projectId && projectName ? `${table.no}（${projectName}）` : table.no;
}
