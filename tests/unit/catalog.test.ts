import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  Catalog,
  CatalogCsvError,
  NAME_ALIASES,
  builtinCatalog,
  builtinCsvTexts,
  isPinyinQuery,
  pinyinMatches,
  normalizeName,
  type CatalogEntry,
  type Scheme,
} from '../../shared/catalog';

const cat = builtinCatalog();
const codes = (es: CatalogEntry[]) => es.map((e) => e.code);
const countBy = (scheme: Scheme, pick: (e: CatalogEntry) => string) => {
  const out: Record<string, number> = {};
  for (const e of cat.entries(scheme)) out[pick(e)] = (out[pick(e)] ?? 0) + 1;
  return out;
};

describe('built-in catalog matches SOURCES.md', () => {
  it('has the row counts per level', () => {
    expect(cat.entries('function')).toHaveLength(1505);
    expect(countBy('function', (e) => e.level)).toEqual({ 类: 29, 款: 260, 项: 1216 });
    expect(cat.entries('econ-department')).toHaveLength(110);
    expect(countBy('econ-department', (e) => e.level)).toEqual({ 类: 10, 款: 100 });
    expect(cat.entries('econ-government')).toHaveLength(80);
    expect(countBy('econ-government', (e) => e.level)).toEqual({ 类: 15, 款: 65 });
    const mapped = cat.entries('econ-department').filter((e) => cat.mappingFor(e.code));
    expect(mapped).toHaveLength(100);
  });

  it('has the low-confidence counts', () => {
    expect(countBy('function', (e) => (e.lowConfidence ? e.level : 'ok'))).toMatchObject({ 类: 1, 款: 35, 项: 106 });
    expect(cat.entries('econ-department').filter((e) => e.lowConfidence)).toHaveLength(5);
    expect(cat.entries('econ-government').filter((e) => e.lowConfidence)).toHaveLength(6);
    const lowMappings = cat.entries('econ-department').filter((e) => cat.mappingFor(e.code)?.lowConfidence);
    expect(lowMappings).toHaveLength(24);
  });

  it('marks the three 2025-revision rows', () => {
    const e2025 = cat.entries('function').filter((e) => e.edition === '2025');
    expect(codes(e2025)).toEqual(['2170404', '22911', '23107']);
    expect(cat.get('function', '2150550')?.edition).toBe('2024');
  });

  it('is internally consistent: every parent and every mapped code exists', () => {
    for (const scheme of ['function', 'econ-department', 'econ-government'] as const) {
      for (const e of cat.entries(scheme)) if (e.parent) expect(cat.get(scheme, e.parent), e.code).toBeDefined();
    }
    for (const e of cat.entries('econ-department').filter((x) => x.level === '款')) {
      for (const kind of ['administrative', 'institution'] as const) {
        const gov = cat.govCodeFor(e.code, kind);
        expect(gov && cat.get('econ-government', gov), `${e.code} ${kind}`).toBeTruthy();
      }
    }
  });

  it('is cached', () => {
    expect(builtinCatalog()).toBe(cat);
  });

  it('keeps the CSV text verbatim (header, trailing newline, no CR)', () => {
    const t = builtinCsvTexts();
    expect(t.function.startsWith('code,name,level,parent_code,edition,source\n')).toBe(true);
    expect(t.mapping.startsWith('dept_code,gov_code_for_administrative_units,gov_code_for_public_institutions,note,source\n')).toBe(true);
    for (const text of Object.values(t)) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r');
    }
  });
});

describe('lookups', () => {
  it('finds 2150550 事业运行 with its parents', () => {
    const e = cat.get('function', '2150550')!;
    expect(e).toMatchObject({ scheme: 'function', name: '事业运行', level: '项', parent: '21505', lowConfidence: false });
    expect(cat.name('function', '21505')).toBe('工业和信息产业监管');
    expect(cat.name('function', '215')).toBe('资源勘探工业信息等支出');
    const chain = cat.parentChain('function', '2150550');
    expect(chain.map((x) => [x.code, x.level, x.name])).toEqual([
      ['215', '类', '资源勘探工业信息等支出'],
      ['21505', '款', '工业和信息产业监管'],
    ]);
    expect(cat.parentChain('function', '21505').map((x) => x.code)).toEqual(['215']);
    expect(cat.parentChain('function', '215')).toEqual([]);
  });

  it('finds 2080505 and economic codes', () => {
    expect(cat.name('function', '2080505')).toBe('机关事业单位基本养老保险缴费支出');
    expect(cat.parentChain('function', '2080505').map((x) => x.name)).toEqual(['社会保障和就业支出', '行政事业单位养老支出']);
    expect(cat.get('econ-department', '30201')).toMatchObject({ name: '办公费', level: '款', parent: '302' });
    expect(cat.get('econ-government', '50101')).toMatchObject({ name: '工资奖金津补贴', parent: '501' });
  });

  it('handles unknown codes without throwing', () => {
    // 2150598 is not in the catalog (2159999 其他资源勘探工业信息等支出 is).
    expect(cat.get('function', '2150598')).toBeUndefined();
    expect(cat.name('function', '2150598')).toBeUndefined();
    expect(cat.levelOf('function', '2150598')).toBe('项');
    expect(cat.parentChain('function', '2150598').map((x) => x.code)).toEqual(['215', '21505']);
    expect(cat.levelOf('function', '21598')).toBe('款');
    expect(cat.levelOf('econ-department', '30298')).toBe('款');
    expect(cat.levelOf('econ-department', '3029801')).toBeUndefined(); // econ has no 项
    expect(cat.levelOf('function', '2150')).toBeUndefined();
    expect(cat.get('function', '')).toBeUndefined();
    expect(cat.get('function', 'abc')).toBeUndefined();
    expect(cat.get('nope' as Scheme, '215')).toBeUndefined();
    expect(cat.get('function', undefined as unknown as string)).toBeUndefined();
    expect(cat.parentChain('function', '9990101')).toEqual([]);
    expect(cat.children('function', '9999')).toEqual([]);
  });

  it('accepts full-width digits and stray spaces in codes', () => {
    expect(cat.name('function', '２１５０５５０')).toBe('事业运行');
    expect(cat.name('function', ' 2150550 ')).toBe('事业运行');
  });

  it('lists children in code order', () => {
    const kids = cat.children('function', '21505');
    expect(kids[0]!.code).toBe('2150501');
    expect(codes(kids)).toContain('2150550');
    expect(kids.every((k) => k.parent === '21505' && k.level === '项')).toBe(true);
    expect(codes(kids)).toEqual([...codes(kids)].sort());
    const classes = cat.children('function', '');
    expect(classes).toHaveLength(29);
    expect(classes[0]!.code).toBe('201');
    expect(codes(cat.children('econ-department', '301'))).toContain('30101');
  });
});

describe('search', () => {
  it('puts the exact code first, then code prefixes in tree order', () => {
    expect(cat.search('function', '2150550')[0]!.code).toBe('2150550');
    const r = cat.search('function', '21505');
    expect(r[0]!.code).toBe('21505');
    expect(r.slice(1).every((e) => e.code.startsWith('21505'))).toBe(true);
    expect(codes(r.slice(1))).toEqual([...codes(r.slice(1))].sort());
    expect(cat.search('function', '２１５０５５０')[0]!.code).toBe('2150550');
    expect(cat.search('function', '215', 3).map((e) => e.code)).toEqual(['215', '21501', '2150101']);
  });

  it('matches name substrings, 项 before 款 before 类', () => {
    const r = cat.search('function', '事业运行');
    expect(r.length).toBeGreaterThan(20);
    expect(codes(r)).toContain('2150550');
    expect(r.every((e) => e.name.includes('事业运行'))).toBe(true);

    const levels = cat.search('function', '卫生').map((e) => e.level);
    const firstKuan = levels.indexOf('款');
    const firstLei = levels.indexOf('类');
    expect(firstKuan).toBeGreaterThan(levels.lastIndexOf('项'));
    expect(firstLei).toBeGreaterThan(levels.lastIndexOf('款'));
  });

  it('ranks an exact name or alias before substrings, and is stable', () => {
    expect(cat.search('function', '卫生健康支出')[0]!.code).toBe('210');
    expect(cat.search('function', '医疗卫生与计划生育支出')[0]!.code).toBe('210');
    expect(cat.search('econ-department', '维修(护)费')[0]!.code).toBe('30213');
    expect(codes(cat.search('function', '行政运行'))).toEqual(codes(cat.search('function', '行政运行')));
  });

  it('honours the limit and returns nothing for empty queries', () => {
    expect(cat.search('function', '事业运行', 5)).toHaveLength(5);
    expect(cat.search('function', '')).toEqual([]);
    expect(cat.search('function', '　 ')).toEqual([]);
    expect(cat.search('function', '不存在的科目名称')).toEqual([]);
  });
});

describe('economic mapping', () => {
  it('maps by unit kind (R1-confirmed rows)', () => {
    expect(cat.govCodeFor('30201', 'administrative')).toBe('50201');
    expect(cat.govCodeFor('30201', 'institution')).toBe('50502');
    expect(cat.govCodeFor('30101', 'institution')).toBe('50501');
    expect(cat.govCodeFor('30217', 'administrative')).toBe('50206');
    expect(cat.govCodeFor('30231', 'administrative')).toBe('50208');
    expect(cat.govCodeFor('31204', 'administrative')).toBe('50701');
    expect(cat.govCodeFor('31204', 'institution')).toBe('50701');
    expect(cat.govCodeFor('39999', 'administrative')).toBe('59999');
    expect(cat.govCodeFor('30298', 'administrative')).toBeUndefined();
  });

  it('maps back from government codes for any unit kind', () => {
    expect(cat.deptCodesFor('50201')).toEqual(expect.arrayContaining(['30201', '30214']));
    expect(cat.deptCodesFor('50205')).toEqual(['30203', '30226', '30227']);
    expect(cat.deptCodesFor('50701')).toEqual(['31204']);
    expect(cat.deptCodesFor('50502')).toContain('30201'); // institution side
    expect(cat.deptCodesFor('51201')).toEqual([]);
  });
});

describe('names', () => {
  it('normalises brackets, spaces and quotes', () => {
    expect(normalizeName('维修(护)费')).toBe('维修（护）费');
    expect(normalizeName('维修（护）费')).toBe('维修（护）费');
    expect(normalizeName('因公出国【境】费用')).toBe('因公出国（境）费用');
    expect(normalizeName(' 事业\u3000运行 ')).toBe('事业运行');
    expect(normalizeName('“两房”建设')).toBe(normalizeName('"两房"建设'));
    expect(normalizeName('５Ｇ')).toBe('5G');
  });

  it('matches printed names against the catalog', () => {
    expect(cat.namesMatch('econ-department', '30213', '维修(护)费')).toBe(true);
    expect(cat.namesMatch('econ-department', '30212', '因公出国(境)费用')).toBe(true);
    expect(cat.namesMatch('function', '2150550', '事　业 运行')).toBe(true);
    expect(cat.namesMatch('function', '2080505', '机关事业单位基本养老保险缴费支出（项）')).toBe(true);
    expect(cat.namesMatch('function', '2150550', '行政运行')).toBe(false);
    expect(cat.namesMatch('function', '2150598', '事业运行')).toBe(false); // unknown code
  });

  it('accepts the aliases from SOURCES.md', () => {
    expect(cat.namesMatch('function', '20805', '行政事业单位离退休')).toBe(true);
    expect(cat.namesMatch('function', '210', '医疗卫生与计划生育支出')).toBe(true);
    expect(cat.namesMatch('function', '207', '文化体育与传媒支出')).toBe(true);
    expect(cat.namesMatch('function', '215', '资源勘探信息等支出')).toBe(true);
    expect(cat.namesMatch('function', '220', '国土海洋气象等支出')).toBe(true);
    expect(cat.namesMatch('econ-department', '30110', '城镇职工基本医疗保险缴费')).toBe(true);
    expect(cat.namesMatch('econ-department', '30108', '机关事业单位基本养老保险费')).toBe(true);
    expect(cat.namesMatch('econ-department', '30307', '医疗补助费')).toBe(true);
    // An alias belongs to its code only.
    expect(cat.namesMatch('function', '207', '医疗卫生与计划生育支出')).toBe(false);
    expect(cat.namesMatch('econ-government', '50102', '城镇职工基本医疗保险缴费')).toBe(false);
    for (const a of NAME_ALIASES) expect(cat.get(a.scheme, a.code), a.code).toBeDefined();
  });
});

describe('Catalog.fromCsv', () => {
  const header = 'code,name,level,parent_code,edition,source\n';

  it('overrides and extends a base catalog without changing it', () => {
    const newer = Catalog.fromCsv(
      {
        function: header + '2150598,新设项目,项,21505,2025,MOF-2025\n2150550,事业运行（新）,项,21505,2025,MOF-2025\n',
        mapping: 'dept_code,gov_code_for_administrative_units,gov_code_for_public_institutions,note,source\n30201,50209,50502,,\n',
      },
      cat,
    );
    expect(newer.get('function', '2150598')).toMatchObject({ name: '新设项目', level: '项', parent: '21505', edition: '2025' });
    expect(newer.name('function', '2150550')).toBe('事业运行（新）');
    expect(newer.name('function', '2080505')).toBe('机关事业单位基本养老保险缴费支出');
    expect(newer.entries('function')).toHaveLength(1506);
    expect(codes(newer.children('function', '21505'))).toContain('2150598');
    expect(newer.govCodeFor('30201', 'administrative')).toBe('50209');
    expect(newer.govCodeFor('30217', 'administrative')).toBe('50206');
    expect(newer.entries('econ-government')).toHaveLength(80);
    // The base is untouched.
    expect(cat.get('function', '2150598')).toBeUndefined();
    expect(cat.name('function', '2150550')).toBe('事业运行');
    expect(cat.govCodeFor('30201', 'administrative')).toBe('50201');
  });

  it('works without a base and reads BOM, CRLF, quotes and optional columns', () => {
    const c = Catalog.fromCsv({
      function: '\ufeffcode,name\r\n215,资源勘探工业信息等支出\r\n21505,"工业和信息产业监管"\r\n2150501,"名称,带逗号和""引号"""\r\n\r\n',
    });
    expect(c.entries('function')).toHaveLength(3);
    expect(c.get('function', '2150501')).toMatchObject({ name: '名称,带逗号和"引号"', parent: '21505', level: '项', lowConfidence: false });
    expect(c.get('function', '215')?.parent).toBeNull();
    expect(c.entries('econ-department')).toEqual([]);
    expect(c.govCodeFor('30201', 'administrative')).toBeUndefined();
  });

  it('reports a malformed line with its number', () => {
    const bad = header + '215,资源勘探工业信息等支出,类,,2024,x\n21505,工业和信息产业监管,款\n';
    expect(() => Catalog.fromCsv({ function: bad })).toThrow(/第3行/);
    try {
      Catalog.fromCsv({ function: bad });
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogCsvError);
      expect(e).toBeInstanceOf(Error);
      expect((e as CatalogCsvError).line).toBe(3);
      expect((e as Error).message).toBe('支出功能分类科目 CSV 第3行：应有6列，实际为3列');
    }
  });

  it('numbers lines alike with and without quotes: BOM, CRLF, a lone CR and blank lines', () => {
    const lines = ['\ufeffcode,name', '215,资源勘探工业信息等支出', '', '  ', '21505,工业和信息产业监管', '2150501,款名,多一列'];
    for (const quoted of [false, true]) {
      const text = lines.map((l, i) => (quoted && i === 1 ? '215,"资源勘探工业信息等支出"' : l)).join('\r\n').replace('\r\n  \r\n', '\r  \n');
      expect(() => Catalog.fromCsv({ function: text }), `quoted ${quoted}`).toThrow('支出功能分类科目 CSV 第6行：应有2列，实际为3列');
      expect(Catalog.fromCsv({ function: lines.slice(0, 5).join('\n') + '\n' }).entries('function').map((e) => e.code)).toEqual(['215', '21505']);
    }
  });

  it.each([
    ['a bad code', header + '21x,名称,类,,,\n', /第2行：编码“21x”应为3、5、7位数字/],
    ['a wrong length', header + '2150,名称,款,215,,\n', /第2行/],
    ['a wrong level', header + '21505,名称,项,215,,\n', /第2行：编码“21505”的级次应为“款”/],
    ['a wrong parent', header + '2150550,名称,项,21506,,\n', /第2行：编码“2150550”的上级编码应为“21505”/],
    ['a duplicate', header + '215,甲,类,,,\n215,乙,类,,,\n', /第3行：编码“215”重复（首次出现在第2行）/],
    ['an empty name', header + '215,,类,,,\n', /第2行：编码“215”的名称为空/],
    ['a missing column', 'code,title\n215,甲\n', /第1行：表头缺少“name”列/],
    ['an empty text', '', /第1行：内容为空/],
    ['an unclosed quote', header + '215,甲,类,,,\n21505,"乙,款,215,,\n', /第3行：引号未闭合/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => Catalog.fromCsv({ function: text })).toThrow(message);
  });

  it('validates the economic and mapping files too', () => {
    expect(() => Catalog.fromCsv({ econDepartment: 'code,name\n3020101,办公费\n' })).toThrow(/部门预算支出经济分类 CSV 第2行/);
    expect(() => Catalog.fromCsv({ econGovernment: 'code,name\n501,甲\n50101\n' })).toThrow(/政府预算支出经济分类 CSV 第3行/);
    const mapHead = 'dept_code,gov_code_for_administrative_units,gov_code_for_public_institutions\n';
    expect(() => Catalog.fromCsv({ mapping: mapHead + '30201,50201,50502\n30202,5020,50502\n' })).toThrow(
      /两套经济分类对照表 CSV 第3行：政府经济分类编码“5020”应为5位数字/,
    );
    expect(() => Catalog.fromCsv({ mapping: 'dept_code,gov\n' })).toThrow(/第1行：表头缺少/);
  });

  it('leaves the base intact when a later file is bad', () => {
    expect(() => Catalog.fromCsv({ function: header + '2150598,新,项,21505,,\n', mapping: 'x\n' }, cat)).toThrow(CatalogCsvError);
    expect(cat.get('function', '2150598')).toBeUndefined();
  });
});

describe('shared/catalog stays portable', () => {
  it('uses no Node or DOM APIs and no .csv files', () => {
    const dir = fileURLToPath(new URL('../../shared/catalog', import.meta.url));
    const files = [...readdirSync(dir), ...readdirSync(join(dir, 'data')).map((f) => `data/${f}`)];
    expect(files.filter((f) => f.endsWith('.csv'))).toEqual([]);
    for (const f of files.filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from ['"](node:|fs['"]|path['"])|\b(window|document|process|globalThis)\.|\b(fetch|require)\(/);
    }
  });
});

describe('search by pinyin (code picker)', () => {
  const cat = builtinCatalog();

  it('finds 行政运行 by its initials and by syllables, 项 first', () => {
    const found = cat.search('function', 'xzyx');
    expect(found.length).toBeGreaterThan(10);
    expect(found.slice(0, 5).every((e) => e.name === '行政运行' && e.level === '项')).toBe(true);
    expect(cat.search('function', 'xingzhengyunxing').every((e) => e.name.includes('行政运行'))).toBe(true);
    expect(cat.search('econ-department', 'bgf').map((e) => `${e.code} ${e.name}`)).toContain('30201 办公费');
  });

  it('matches consecutive characters only, and only for Latin letters', () => {
    expect(pinyinMatches('事业运行', 'xzyx')).toBe(false);
    expect(pinyinMatches('一般行政管理事务', 'xzgl')).toBe(true);
    expect(isPinyinQuery('xzyx')).toBe(true);
    expect(isPinyinQuery('x')).toBe(false);
    expect(isPinyinQuery('2150501')).toBe(false);
  });
});
