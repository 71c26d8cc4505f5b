import { describe, expect, it } from 'vitest';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables, toPrintedJson, CHONGQING_YUBEI_2024 } from '../../shared/tables/index';
import { builtinCatalog } from '../../shared/catalog/index';
import { compareWithReference, REFERENCE, EXTRACTION_ARTIFACTS } from '../helpers/reference';

const ctx = { catalog: builtinCatalog(), templates: CHONGQING_YUBEI_2024 };

describe('the built-in sample reproduces the published 2024 disclosure', () => {
  const budget = yubeiBigData2024();
  const json = toPrintedJson(budget, deriveTables(budget, ctx), CHONGQING_YUBEI_2024);

  it('matches every printed cell of the 19 printed tables', () => {
    const tally = compareWithReference(json.tables);
    console.log(
      `参考对照：${tally.tables} 张表，${tally.cells} 格，一致 ${tally.exact} 格：` +
        `逐字逐格一致 ${tally.exact - tally.artifactCells} 格，` +
        `${tally.artifactRows} 行（${tally.artifactCells} 格）为提取瑕疵、按非空格顺序一致；不一致 ${tally.differences.length} 处`,
    );
    expect(tally.differences.slice(0, 5)).toEqual([]); // the first differing cells, table/row/column
    expect(tally.tables).toBe(19);
    expect(tally.exact).toBe(tally.cells);
    expect(tally.artifactRows).toBe(EXTRACTION_ARTIFACTS.length);
  });

  it('lists the same 目录 as the reference', () => {
    expect(json.catalogue).toEqual(REFERENCE.catalogue);
  });

  it('reports a changed amount as the first differing cell', () => {
    const broken = yubeiBigData2024();
    broken.econLines.find((l) => l.code === '30201' && l.kind === 'basic')!.amount += 1;
    const t = compareWithReference(toPrintedJson(broken, deriveTables(broken, ctx), CHONGQING_YUBEI_2024).tables);
    expect(t.differences[0]).toBe('表六（第5张） 第3行第3列：参考“2,685,855.89”，本程序“2,685,855.90”');
  });

  it('prints 表二 and 表十三 in our own layout, consistent with the other tables', () => {
    const t2 = json.tables.find((t) => t.no === '表二')!;
    expect(t2.rows[0].slice(0, 4)).toEqual(['功能分类科目', '', '合计', '上年结转']);
    const total2 = t2.rows.find((r) => r[0] === '合计')!;
    expect(total2[2]).toBe('6,095,655.89');
    expect(total2[4]).toBe('6,095,655.89'); // 一般公共预算财政拨款
    const t13 = json.tables.find((t) => t.no === '表十三')!;
    const total13 = t13.rows.find((r) => r[0] === '合计')!;
    expect(total13[3]).toBe('3,409,800.00'); // = 表三 项目支出
    expect(t13.rows.filter((r) => r[0] === '801001')).toHaveLength(6);
  });
});
