/**
 * Compares our printed tables with the published reference, cell for cell.
 *
 * The reference was extracted from the published document, and a few rows of it carry the
 * extraction's own artifacts rather than the tables' content. They are listed here, each with why,
 * and compared by their non-empty cells in order (the same texts, in the same sequence), so every
 * printed text is still checked. Everything else must be equal to the letter.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PrintedTable {
  no: string;
  title: string;
  text: string[];
  rows: string[][];
}

export const REFERENCE = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/reference/yubei-bigdata-2024.printed.json', import.meta.url)), 'utf8'),
) as { department: string; year: number; catalogue: string[][]; tables: PrintedTable[] };

/** [index of the table in the reference's list, row index, why]. */
export const EXTRACTION_ARTIFACTS: readonly [number, number, string][] = [
  [8, 0, '表十：“2023年预算数”被提取到第6列，而其下各列从第7列开始'],
  [14, 19, '表十七“云长制”：末行指标左移一列（提取丢失了合并的“绩效指标”格）'],
  [15, 10, '表十七“编外聘用人员”：分页处重复打印了合并格“绩效指标”'],
  [16, 0, '表十七“办公场地租赁”：表头合并方式与前两块不同'],
  [16, 1, '同上'],
  [16, 2, '同上'],
  [17, 0, '表十七“专班工作经费”：表头合并方式与前两块不同'],
  [17, 1, '同上'],
  [17, 2, '同上'],
  [18, 0, '表十七“评估、评审”：表头合并方式与前两块不同'],
  [18, 1, '同上'],
  [18, 2, '同上'],
  [18, 15, '表十七“评估、评审”：末行指标左移一列'],
];

/** `<b>` marks bold in the extraction; the text is what counts (bold is the row's role). */
const stripMarkup = (s: string) => s.replace(/<\/?b>/g, '');
/** Non-empty texts in order; a label repeated at a page break is not content. */
const content = (row: string[], repeatedLabel?: string) =>
  row.map(stripMarkup).filter((s, i) => s !== '' && !(i === 0 && s === repeatedLabel));

export interface Tally {
  tables: number;
  cells: number;
  exact: number;
  artifactRows: number;
  artifactCells: number;
  differences: string[];
}

export function compareWithReference(mine: PrintedTable[]): Tally {
  // 表二 and 表十三 are listed but not printed in the reference.
  const printed = mine.filter((t) => t.no !== '表二' && t.no !== '表十三');
  const tally: Tally = { tables: 0, cells: 0, exact: 0, artifactRows: 0, artifactCells: 0, differences: [] };
  if (printed.length !== REFERENCE.tables.length) {
    tally.differences.push(`表数不同：参考 ${REFERENCE.tables.length}，本程序 ${printed.length}`);
  }
  REFERENCE.tables.forEach((ref, ti) => {
    const ours = printed[ti];
    const where = `${ref.no}（第${ti + 1}张）`;
    if (!ours) return;
    tally.tables++;
    if (ours.no !== ref.no || ours.title !== ref.title) tally.differences.push(`${where} 标题：参考“${ref.title}”，本程序“${ours.title}”`);
    if (JSON.stringify(ours.text) !== JSON.stringify(ref.text)) {
      tally.differences.push(`${where} 表头说明：参考 ${JSON.stringify(ref.text)}，本程序 ${JSON.stringify(ours.text)}`);
    }
    if (ours.rows.length !== ref.rows.length) tally.differences.push(`${where} 行数：参考 ${ref.rows.length}，本程序 ${ours.rows.length}`);
    ref.rows.forEach((refRow, ri) => {
      const row = ours.rows[ri] ?? [];
      const artifact = EXTRACTION_ARTIFACTS.find(([t, r]) => t === ti && r === ri);
      if (artifact) {
        tally.artifactRows++;
        tally.artifactCells += refRow.length;
        tally.cells += refRow.length;
        const a = content(refRow, '绩效指标');
        const b = content(row, '绩效指标');
        if (JSON.stringify(a) === JSON.stringify(b)) tally.exact += refRow.length;
        else tally.differences.push(`${where} 第${ri + 1}行（${artifact[2]}）：参考 ${JSON.stringify(a)}，本程序 ${JSON.stringify(b)}`);
        return;
      }
      const width = Math.max(refRow.length, row.length);
      for (let ci = 0; ci < width; ci++) {
        tally.cells++;
        const expected = stripMarkup(refRow[ci] ?? '（无此格）');
        const actual = row[ci] ?? '（无此格）';
        if (expected === actual) tally.exact++;
        else tally.differences.push(`${where} 第${ri + 1}行第${ci + 1}列：参考“${expected}”，本程序“${actual}”`);
      }
    });
  });
  return tally;
}
