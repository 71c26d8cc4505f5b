/** `check … --report 汇总.xlsx`: one sheet of files and one of findings, with filters, for a reviewer to sort. */
import ExcelJS from 'exceljs';
import { SEVERITY_LABELS } from '../shared/rules/index';
import { worstOf, type FileEntry } from './check-file';
import { writeWholeFile } from './atomic-write';

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[], rows: (string | number)[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
}

export async function summaryXlsx(entries: readonly FileEntry[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '部门预算公开工作台';
  sheet(
    wb,
    '文件',
    [
      { header: '文件', width: 40 },
      { header: '部门', width: 36 },
      { header: '年度', width: 8 },
      { header: '错误', width: 8 },
      { header: '警告', width: 8 },
      { header: '提示', width: 8 },
      { header: '无法核验', width: 10 },
      { header: '最严重的问题', width: 80 },
      { header: '无法读取的原因', width: 60 },
    ],
    entries.map((e) => {
      const worst = worstOf(e);
      return [e.file, e.department, e.year ?? '', e.counts.error, e.counts.warning, e.counts.info, e.counts.unverifiable, worst ? `[${worst.id}] ${worst.message}` : '', e.error ?? ''];
    }),
  );
  sheet(
    wb,
    '问题',
    [
      { header: '文件', width: 40 },
      { header: '部门', width: 36 },
      { header: '编号', width: 10 },
      { header: '严重程度', width: 10 },
      { header: '问题', width: 100 },
      { header: '所在表', width: 16 },
    ],
    entries.flatMap((e) =>
      e.error
        ? [[e.file, e.department, '', '无法读取', e.error, '']]
        : e.findings.map((f) => [e.file, e.department, f.id, SEVERITY_LABELS[f.severity], f.message, [...new Set(f.cells.map((c) => c.tableNo).filter(Boolean))].join('、')]),
    ),
  );
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function writeSummaryXlsx(path: string, entries: readonly FileEntry[]): Promise<void> {
  writeWholeFile(path, await summaryXlsx(entries), true);
}
