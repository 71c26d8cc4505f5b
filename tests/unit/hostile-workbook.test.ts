/**
 * Hostile and huge workbooks, generated here from the sample's own export (tests/helpers/zip.ts
 * rewrites its XML; no binary is committed): long digit runs, compressed bombs, a size that lies,
 * 200,000 rows, hidden copies of a table, formulas without cached values. `check` and `import`
 * must end within 30 s under 1.5 GB with one Chinese line naming the file (and sheet/row/cell).
 */
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tablesToXlsx } from '../../shared/export/xlsx';
import { importWorkbook, ImportError } from '../../shared/import/index';
import { parseAmount } from '../../shared/money/money';
import { sampleExport } from './export-fixture';
import { deflateRepeated, unzip, zip, type ZipFile } from '../helpers/zip';
import { expectOneLine, recordCase, reportFigures, runCli } from '../helpers/hostile';

reportFigures('hostile-workbook');

const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-xlsx-'));
let files: ZipFile[];
beforeAll(async () => {
  const { budget, tables, templates } = sampleExport();
  files = unzip(await tablesToXlsx(budget, tables, templates));
});

const T5 = 'xl/worksheets/sheet6.xml'; // 表五 (sheet1 is 目录)
const T13 = 'xl/worksheets/sheet14.xml'; // 表十三
const E8 = '<c r="E8" s="12"><v>172169.12</v></c>'; // 表五 2080505 基本支出: an input

/** The sample workbook with some parts replaced. */
function workbook(change: (name: string, xml: string) => string | ZipFile, extra: ZipFile[] = []): Buffer {
  return zip([
    ...files.map((f) => {
      const out = change(f.name, f.data.toString('utf8'));
      return typeof out === 'string' ? { name: f.name, data: f.name.endsWith('.xml') || f.name.endsWith('.rels') ? Buffer.from(out, 'utf8') : f.data } : out;
    }),
    ...extra,
  ]);
}

const replaced = (part: string, from: string, to: string) => (name: string, xml: string) => {
  if (name !== part) return xml;
  expect(xml).toContain(from);
  return xml.replace(from, to);
};

/** A sheet part whose inflated XML is `head` + `repeat`×`count` + `tail`, deflated without building it. */
function bomb(name: string, xml: string, marker: string, repeat: string, count: number, declared?: number): ZipFile {
  const at = xml.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  const { deflated, size } = deflateRepeated(xml.slice(0, at), repeat, count, xml.slice(at));
  return { name, data: Buffer.alloc(0), deflated, declaredSize: declared ?? size };
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

interface Case {
  name: string;
  make: () => Buffer;
  says: RegExp;
  /** Also run `import` (the cases the issue names, and one size that lies); `check` runs for all. */
  importToo?: boolean;
}

const MiB = 1024 * 1024;

const CASES: Case[] = [
  {
    name: '一兆数字.xlsx',
    importToo: true,
    make: () => workbook(replaced(T5, E8, inlineCell('E8', '9'.repeat(MiB)))),
    says: /工作表“表五”第8行 E 列的单元格有 1,048,576 个字符，超过 Excel 单元格的上限 32,767 个字符/,
  },
  {
    name: '空格炸弹.xlsx',
    importToo: true,
    make: () => workbook((n, x) => (n === T5 ? bomb(n, x, '</sheetData>', ' '.repeat(1024), 300 * 1024) : x)),
    says: /工作表“表五”（xl\/worksheets\/sheet6\.xml）解压后有 300 MB，超过上限 50 MB/,
  },
  {
    name: '谎报大小.xlsx',
    importToo: true,
    make: () => workbook((n, x) => (n === T5 ? bomb(n, x, '</sheetData>', ' '.repeat(1024), 300 * 1024, Buffer.byteLength(x)) : x)),
    says: /工作表“表五”（xl\/worksheets\/sheet6\.xml）解压后超过 50 MB（目录中声明为 8,481 字节）/,
  },
  {
    name: '谎报小了.xlsx',
    make: () => workbook((n, x) => (n === T5 ? { name: n, data: Buffer.from(x), declaredSize: Buffer.byteLength(x) + 1000 } : x)),
    says: /解压后为 8,481 字节，与 ZIP 目录声明的 9,481 字节不符/,
  },
  {
    name: '巨型共享字符串.xlsx',
    importToo: true,
    make: () => workbook((n, x) => (n === 'xl/sharedStrings.xml' ? bomb(n, x, '</t></si>', '数'.repeat(1000), 100 * 1024) : x)),
    says: /工作簿中的文件 xl\/sharedStrings\.xml解压后有 293 MB，超过上限 50 MB/,
  },
  {
    name: '共享字符串十兆.xlsx',
    make: () => workbook((n, x) => (n === 'xl/sharedStrings.xml' ? bomb(n, x, '</t></si>', '1234567890', 1024 * 1024) : x)),
    says: /单元格有 10,4\d\d,\d\d\d 个字符，超过 Excel 单元格的上限 32,767 个字符/,
  },
  {
    name: '行炸弹.xlsx',
    make: () => workbook((n, x) => (n === T13 ? bomb(n, x, '</sheetData>', '<row/>', 3_000_000) : x)),
    says: /工作表“表十三”（xl\/worksheets\/sheet14\.xml）有 3,000,0\d\d 行，超过上限 25,000 行/,
  },
  {
    name: '单元格炸弹.xlsx',
    make: () => workbook((n, x) => (n === T13 ? bomb(n, x, '</sheetData>', `<row>${'<c/>'.repeat(30)}</row>`, 20_000) : x)),
    says: /工作表“表十三”（xl\/worksheets\/sheet14\.xml）有 600,\d\d\d 个单元格，超过上限 500,000 个/,
  },
  {
    name: '宽行炸弹.xlsx',
    make: () => workbook((n, x) => (n === T13 ? bomb(n, x, '</sheetData>', '<c/>', 600_000) : x)),
    says: /工作表“表十三”（xl\/worksheets\/sheet14\.xml）有 600,\d\d\d 个单元格，超过上限 500,000 个/,
  },
  {
    name: '宽表.xlsx',
    make: () => workbook(replaced(T5, E8, `${E8}<c r="ZZ8" t="inlineStr"><is><t>x</t></is></c>`)),
    says: /工作表“表五”用到了第 702 列（ZZ 列），超过上限 200 列/,
  },
  {
    name: '总量炸弹.xlsx',
    make: () =>
      workbook(
        (n, x) => x,
        [1, 2, 3, 4, 5].map((i) => {
          const { deflated, size } = deflateRepeated('<x>', ' '.repeat(1024), 45 * 1024, '</x>');
          return { name: `xl/media/pad${i}.xml`, data: Buffer.alloc(0), deflated, declaredSize: size };
        }),
      ),
    says: /工作簿解压后共有 225 MB，超过上限 200 MB/,
  },
  {
    // exceljs refuses it and prints English warnings to the console: neither reaches the officer.
    name: '长表名.xlsx',
    make: () => workbook((n, x) => (n === 'xl/workbook.xml' ? x.replace('name="表五"', `name="表五${'支出功能分类预算明细'.repeat(4)}"`) : x)),
    says: /工作簿已损坏，无法读取。请在 Excel\/WPS 中打开并另存为 \.xlsx 后再试/,
  },
  {
    name: '表十三二十万行.xlsx',
    importToo: true,
    // 200,000 project rows in the template's columns (unit code, unit, name, amounts, description).
    make: () =>
      workbook((n, x) => {
        if (n !== T13) return x;
        const rows: string[] = [];
        for (let r = 10; r < 200_010; r++) {
          rows.push(`<row r="${r}">${inlineCell(`A${r}`, '801001')}${inlineCell(`C${r}`, `项目${r}`)}<c r="D${r}"><v>1000</v></c><c r="E${r}"><v>1000</v></c></row>`);
        }
        return x.replace(/<row r="10"[\s\S]*<\/sheetData>/, `${rows.join('')}</sheetData>`);
      }),
    says: /工作表“表十三”（xl\/worksheets\/sheet14\.xml）有 200,0\d\d 行，超过上限 25,000 行/,
  },
];

describe('hostile workbooks end quickly with one Chinese line naming the file', () => {
  it.each(CASES)('$name: check (and import) refuse it (exit 2)', ({ name, make, says, importToo }) => {
    const path = save(name, make());
    expectOneLine(runCli(`check ${name}`, ['check', path]), 2, name, says);
    if (!importToo) return;
    const out = join(dir, `${name}.budget`);
    const r = runCli(`import ${name}`, ['import', path, out]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(`无法导入“${name}”`);
    expect(r.stderr).toMatch(says);
    expect(existsSync(out)).toBe(false);
  });
});

/** 表十三 with `n` project rows in the template's columns, as a department's largest export would be. */
function projectRows(n: number): Buffer {
  return workbook((name, x) => {
    if (name !== T13) return x;
    const rows: string[] = [];
    for (let r = 10; r < 10 + n; r++) {
      rows.push(
        `<row r="${r}">${inlineCell(`A${r}`, '801001')}${inlineCell(`B${r}`, '重庆市渝北区大数据应用发展管理局')}${inlineCell(`C${r}`, `项目${r}`)}` +
          `<c r="D${r}"><v>1000</v></c><c r="E${r}"><v>1000</v></c><c r="F${r}"><v>0</v></c><c r="G${r}"><v>0</v></c><c r="H${r}"><v>0</v></c>${inlineCell(`I${r}`, '说明')}</row>`,
      );
    }
    return x.replace(/<row r="10"[\s\S]*<\/sheetData>/, `${rows.join('')}</sheetData>`);
  });
}

// [heavy] about 20 s: a 20,000-project workbook imported and checked through the CLI.
describe('[heavy] the largest department within the bounds', () => {
  it('19,990 project rows in 表十三: import writes the file, and check (which derives every table) runs on it: no stack overflow', () => {
    const path = save('两万项目.xlsx', projectRows(19_990));
    const out = join(dir, '两万项目.budget');
    const imported = runCli('import 两万项目', ['import', path, out]);
    expect(imported.status, imported.stderr).toBe(1); // 表十三's printed 合计 no longer adds up: an error found, file written
    expect(imported.stdout).toContain('项目 19995 个');
    // IMP-08 names 30 of the projects whose 功能科目 it had to assume, then counts the rest: not one 300 KB line.
    expect(imported.stdout).toMatch(/等共 19,9\d\d 个项目（均已标为待复核）/);
    expect(imported.stdout.length).toBeLessThan(20_000);
    const checked = runCli('check 两万项目.budget', ['check', out, '--json']);
    expect(checked.status, checked.stderr).toBe(0); // the projects disagree with 表三 only as warnings (XT-12)
    const counts = JSON.parse(checked.stdout).counts;
    expect(counts.warning).toBeGreaterThan(0);
    expect(counts.info).toBeGreaterThan(19_990); // one per project at least: the findings list has no stack limit
  }, 120_000);
});

describe('a workbook file too large to be one', () => {
  it('100 MB (sparse) is refused from its size by check and import, without reading it', () => {
    const path = save('超大工作簿.xlsx', workbook((_, x) => x));
    truncateSync(path, 100 * MiB);
    const line = /有 104,857,600 字节，超过上限 67,108,864 字节/;
    const checked = runCli('check 超大工作簿', ['check', path]);
    expectOneLine(checked, 2, '超大工作簿.xlsx', line);
    const imported = runCli('import 超大工作簿', ['import', path, join(dir, '超大工作簿.budget')]);
    expectOneLine(imported, 2, '超大工作簿.xlsx', line);
    expect(Math.max(checked.maxRssMb, imported.maxRssMb)).toBeLessThan(400);
  });
});

describe('amounts and cells within the bounds', () => {
  it('a megabyte of digits is refused by parseAmount at once, in linear time', () => {
    for (const n of [16_000, 32_000, MiB]) {
      const start = Date.now();
      const r = parseAmount('1'.repeat(n) + 'e5');
      recordCase(`parseAmount ${n} 位`, r.ok ? 0 : 2, Date.now() - start);
      expect(r).toEqual({ ok: false, reason: `“11111111111111111111…”共 ${(n + 2).toLocaleString('en-US')} 个字符，不是金额（金额最多 64 个字符）` });
    }
    // The scan itself (below the cap) still refuses an exponent by name.
    expect(parseAmount('1,234.5e+3')).toEqual({ ok: false, reason: '“1,234.5e+3”：不接受科学计数法，请写出完整数字' });
  });

  it('a 30,000-digit run in an input cell names the cell and is not imported', async () => {
    const start = Date.now();
    const bytes = workbook(replaced(T5, E8, inlineCell('E8', '7'.repeat(30_000))));
    const e = await importWorkbook(bytes, { fileName: '长数字.xlsx' }).catch((x: unknown) => x);
    recordCase('import 3 万位数字', 2, Date.now() - start);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).message).toMatch(/^无法导入“长数字\.xlsx”：工作表“表五”第8行 E 列（“基本支出”列）：“7{20}…”共 30,000 个字符，不是金额/);
  });

  it('a formula without a cached value is a finding naming the cell, never 0', async () => {
    const bytes = workbook(replaced(T5, E8, '<c r="E8" s="12"><f>E9+E10</f></c>'));
    const e = await importWorkbook(bytes, { fileName: '公式.xlsx' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).code).toBe('bad-cells');
    expect((e as ImportError).message).toBe(
      '无法导入“公式.xlsx”：工作表“表五”第8行 E 列（“基本支出”列）：单元格是公式“=E9+E10”，但文件中没有保存它的计算结果，不能当作 0（请在 Excel/WPS 中打开、重新计算并保存后再导入），此金额无法导入',
    );
    // With its cached value the same formula imports as that value.
    const cached = workbook(replaced(T5, E8, '<c r="E8" s="12"><f>E9+E10</f><v>172169.12</v></c>'));
    const ok = await importWorkbook(cached, { fileName: '公式.xlsx' });
    expect(ok.budget.functionLines.find((l) => l.code === '2080505' && l.kind === 'basic')?.current).toBe(17216912);
  });

  it('a very-hidden copy of 表五 placed first loses to the visible one, and the report names it hidden', async () => {
    const t5 = files.find((f) => f.name === T5)!.data.toString('utf8');
    const forged = t5.replace(E8, '<c r="E8" s="12"><v>999999.99</v></c>');
    const bytes = workbook((n, x) => {
      if (n === 'xl/workbook.xml') return x.replace('<sheets>', '<sheets><sheet sheetId="99" name="表五 (2)" state="veryHidden" r:id="rId99"/>');
      if (n === 'xl/_rels/workbook.xml.rels') {
        return x.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>');
      }
      if (n === '[Content_Types].xml') {
        return x.replace('</Types>', '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
      }
      return x;
    }, [{ name: 'xl/worksheets/sheet99.xml', data: Buffer.from(forged) }]);
    const r = await importWorkbook(bytes, { fileName: '隐藏表.xlsx' });
    expect(r.budget.functionLines.find((l) => l.code === '2080505' && l.kind === 'basic')?.current).toBe(17216912);
    expect(r.report).toContain('隐藏的工作表：“表五 (2)”');
    expect(r.findings.map((f) => f.message)).toContain('工作表“表五 (2)”（隐藏的工作表）与工作表“表五”都是表五，只导入了可见的“表五”');

    // Alone, a hidden 表五 is imported, and said to be hidden.
    const onlyHidden = workbook((n, x) => (n === 'xl/workbook.xml' ? x.replace('name="表五" state="visible"', 'name="表五" state="hidden"') : x));
    const r2 = await importWorkbook(onlyHidden, { fileName: '隐藏表2.xlsx' });
    expect(r2.report.join('\n')).toContain('表五←“表五”（隐藏）');
    expect(r2.findings.map((f) => f.message)).toContain('工作表“表五”（隐藏的工作表）已作为表五导入（工作簿中没有可见的表五），请确认它就是要公开的数据');
  });
});
