/**
 * SUM: within-table arithmetic. These hold by construction in derived tables, so each break test
 * alters a derived table cell directly (as an imported or hand-edited table could show it).
 */
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../shared/model/edit';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables } from '../../shared/tables/derive';
import { bump, check, env, lineCell, of, only, ref, sampleWith, setMoney } from './rules-setup';

describe('SUM-01 类 = Σ 款, 款 = Σ 项', () => {
  it('table altered: 表三 215 总计 one 分 above its 款 → names the 类 and the 款 cell', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't3', '215', 'total')), 'SUM-01');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表三 215 资源勘探工业信息等支出（总计） 5,566,509.67 元不等于其下各款之和 5,566,509.66 元，相差 0.01 元');
    expect(f.cells).toEqual([ref('t3', '215', 'total'), ref('t3', '21505', 'total')]);
  });

  it('table altered: 表五 上年 column too (both years are checked)', () => {
    const messages = of(check(yubeiBigData2024(), (t) => bump(t, 't5', '21011', 'prior', -100)), 'SUM-01').map((f) => f.message);
    // The 款 no longer matches its 项, nor its 类 210 the 款.
    expect(messages).toEqual([
      '表五 210 卫生健康支出（2023年预算数） 108,922.91 元不等于其下各款之和 108,921.91 元，相差 1.00 元',
      '表五 21011 行政事业单位医疗（2023年预算数） 108,921.91 元不等于其下各项之和 108,922.91 元，相差 1.00 元',
    ]);
  });

  it('table altered: 表六 302 ≠ Σ its 款', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't6', '302', 'public', 5)), 'SUM-01');
    expect(f.message).toContain('表六 302 商品和服务支出');
    expect(f.message).toContain('相差 0.05 元');
  });
});

describe('SUM-02 合计 = Σ 类', () => {
  it('table altered: 表七 合计', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't7', 'total', 'total', 1)), 'SUM-02');
    expect(f.message).toBe('表七合计（基本支出） 2,685,855.90 元不等于各类之和 2,685,855.89 元，相差 0.01 元');
    expect(f.cells[0]).toEqual(ref('t7', 'total', 'total'));
    expect(f.cells).toContainEqual(ref('t7', '501', 'total'));
  });
});

describe('SUM-03 row identities', () => {
  it('table altered: 表三 2150501 基本支出 ≠ 总计 − 项目支出', () => {
    const f = of(check(yubeiBigData2024(), (t) => bump(t, 't3', '2150501', 'basic', -1)), 'SUM-03')[0];
    expect(f.message).toBe('表三 2150501 行政运行（总计） 1,243,914.78 元不等于基本支出 1,243,914.77 元、项目支出 0.00 元之和 1,243,914.77 元，相差 0.01 元');
    expect(f.cells).toEqual([ref('t3', '2150501', 'total'), ref('t3', '2150501', 'basic'), ref('t3', '2150501', 'project')]);
  });

  it('table altered: 表六 总计 ≠ 人员经费 + 日常公用经费', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't6', '30201', 'public', 1)), 'SUM-03');
    expect(f.message).toContain('表六 30201 办公费');
    expect(f.cells).toContainEqual(ref('t6', '30201', 'public'));
  });
});

describe('SUM-04 表一 balance', () => {
  it('table altered: 收入合计 no longer equals 支出合计', () => {
    const found = check(yubeiBigData2024(), (t) => {
      const c = lineCell(t, 't1', 'incomeTotal', 'inAmount');
      c.fen = c.fen! + 100;
    });
    const messages = of(found, 'SUM-04').map((f) => f.message);
    expect(messages).toContain('表一收入合计 6,095,656.89 元与表一支出合计 6,095,655.89 元不一致，相差 1.00 元（收支不平衡）');
    expect(of(found, 'SUM-04')[0].cells[0]).toEqual(ref('t1', 'incomeTotal', 'inAmount'));
  });
});

describe('SUM-05 表二 row = Σ sources', () => {
  it('table altered: 表二 2150501 一般公共预算 column', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't2', '2150501', 'gpb', 1)), 'SUM-05');
    expect(f.message).toContain('表二 2150501 行政运行（合计） 1,243,914.78 元不等于');
    expect(f.message).toContain('相差 0.01 元');
    expect(f.cells).toContainEqual(ref('t2', '2150501', 'gpb'));
  });
});

describe('SUM-06 表四 balance', () => {
  it('table altered: 一般公共预算 income line', () => {
    const found = check(yubeiBigData2024(), (t) => {
      const c = lineCell(t, 't4', 'income:gpb', 'inAmount');
      c.fen = c.fen! - 1;
    });
    const f = of(found, 'SUM-06')[0];
    expect(f.message).toBe('表四本年收入 6,095,655.89 元不等于各项财政拨款收入之和 6,095,655.88 元，相差 0.01 元');
    expect(f.cells).toContainEqual(ref('t4', 'income:gpb', 'inAmount'));
  });
});

describe('SUM-06 表四 every line', () => {
  it('a cent off in any amount of 表四 is a SUM-06 finding naming that cell (every sum is live)', () => {
    const base = deriveTables(yubeiBigData2024(), env).find((t) => t.id === 't4')!;
    const places = base.body.flatMap((r) => r.cells.filter((c) => c.kind === 'money' && (c as { line?: string }).line).map((c) => [(c as { line?: string }).line!, c.col] as const));
    expect(places.length).toBeGreaterThan(20);
    for (const [line, col] of places) {
      const found = check(yubeiBigData2024(), (t) => {
        const c = lineCell(t, 't4', line, col);
        c.fen = c.fen! + 1;
      });
      expect(of(found, 'SUM-06').flatMap((f) => f.cells), `${line} ${col}`).toContainEqual(ref('t4', base.body.find((r) => r.cells.some((c) => (c as { line?: string }).line === line && c.col === col))!.key, col));
    }
  });

  it('a fund whose income lines moved with their totals still fails its own balance (本年收入 + 上年结转 = 本年支出 + 结转下年)', () => {
    const found = check(yubeiBigData2024(), (t) => {
      for (const line of ['income:gpb', 'incomeCurrent', 'incomeTotal']) {
        const c = lineCell(t, 't4', line, 'inAmount');
        c.fen = c.fen! + 100;
      }
    });
    const messages = of(found, 'SUM-06').map((f) => f.message);
    expect(messages.some((m) => m.includes('一般公共预算') && m.includes('本年收入与上年结转之和')), messages.join('\n')).toBe(true);
  });
});

describe('SUM-07 表十 三公', () => {
  it('table altered: 公务用车 小计 ≠ 购置 + 运行', () => {
    const found = check(yubeiBigData2024(), (t) => bump(t, 't10', 'amounts', 'current:vehicle', 100));
    const messages = of(found, 'SUM-07').map((f) => f.message);
    expect(messages).toContain('表十2024年公务用车购置及运行费小计 40,001.00 元不等于公务用车购置费 0.00 元、公务用车运行费 40,000.00 元之和 40,000.00 元，相差 1.00 元');
    expect(of(found, 'SUM-07').flatMap((f) => f.cells)).toContainEqual(ref('t10', 'amounts', 'current:vehicle'));
  });
});

describe('SUM-08 表十四 政府采购', () => {
  const edit = { op: 'insertProcurement', line: { id: 'g1', deptCode: '801', deptName: '区大数据发展局', unitCode: '801001', unitName: '本级', item: '服务器', goods: 12000000, works: 0, services: 300000, source: 'gpb' } } as const;
  it('holds with a typed procurement line', () => {
    expect(of(check(sampleWith(edit)), 'SUM-08')).toEqual([]);
  });
  it('table altered: the 合计 row ≠ Σ lines', () => {
    const found = of(check(sampleWith(edit), (t) => bump(t, 't14', 'total', 'goods', 1)), 'SUM-08');
    const f = found.find((x) => x.message.includes('各行之和'))!;
    expect(f.message).toBe('表十四合计（货物类） 120,000.01 元不等于各行之和 120,000.00 元，相差 0.01 元');
    expect(f.cells).toEqual([ref('t14', 'total', 'goods'), ref('t14', 'g1', 'goods')]);
    // and the 合计 row's own 合计 = 货物 + 工程 + 服务
    expect(found.map((x) => x.message)).toContain('表十四合计（合计） 123,000.00 元不等于货物类 120,000.01 元、工程类 0.00 元、服务类 3,000.00 元之和 123,000.01 元，相差 0.01 元');
  });
});

describe('SUM-09 表十三 项目支出明细', () => {
  it('table altered: project p1 total ≠ its fund columns', () => {
    const found = check(yubeiBigData2024(), (t) => setMoney(t, 't13', 'p1', 'gpb', 149999999));
    const messages = of(found, 'SUM-09').map((f) => f.message);
    expect(messages).toContainEqual(expect.stringContaining('表十三“落实“云长制”数据资源治理”（合计） 1,500,000.00 元不等于财政拨款 一般公共预算 1,499,999.99 元'));
    expect(messages).toContainEqual(expect.stringContaining('表十三合计（财政拨款 一般公共预算） 3,409,800.00 元不等于各行之和 3,409,799.99 元'));
  });
});

it('SUM rules keep holding after real edits (an amount typed into 表五 flows to every total)', () => {
  const b = yubeiBigData2024();
  applyEdit(b, { op: 'set', ref: { t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'current' }, value: '1,300,000.00' });
  const found = check(b);
  for (const id of ['SUM-01', 'SUM-02', 'SUM-03', 'SUM-04', 'SUM-05', 'SUM-06']) expect(of(found, id)).toEqual([]);
});
