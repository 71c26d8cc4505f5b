/**
 * From what was read to a Budget: the input model, each number once. Where a published workbook
 * does not say something the model needs (which kind last year's money was, which fund a 表三
 * amount came from, which 项 a project is booked in), the importer decides as stated in an info
 * finding, so nothing is guessed silently.
 */
import { formatCount, formatYuan, sumFen, type Fen } from '../money/money';
import type { Catalog, Scheme } from '../catalog/catalog';
import { emptyBudget } from '../model/budget';
import { blankProject } from '../model/defaults';
import type { Budget, EconLine, FunctionLine, Project, SourceKey, SpendKind, Unit } from '../model/types';
import type { Expr, TemplateSet } from '../tables/template-types';
import { summaryBase, type ImportState, type Printed, type TreeRow } from './read';
import { roleTableNo, tableOfRole, type TableRole } from '../tables/roles';
import { COL } from '../rules/roles';
import { labelKey } from './grid';

/** How many guessed projects IMP-08 names one by one (a 20,000-project workbook would make it one 300 KB line). */
const GUESSES_LISTED = 30;

/** 项 that are basic expenditure by nature (RULES GRN-05): where last year's money goes without other clues. */
export function basicByNature(code: string): boolean {
  return (
    /^\d{5}(01|50)$/.test(code) ||
    ['2080505', '2080506', '2210201', '2210202', '2210203'].includes(code) ||
    code.startsWith('21011')
  );
}

const KINDS: readonly SpendKind[] = ['basic', 'project'];

/** The non-appropriation income columns of 表二 and the source each stands for. */
const OTHER_SOURCES: readonly [string, SourceKey][] = [
  ['special', 'special'],
  ['business', 'business'],
  ['operating', 'operating'],
  ['superior', 'superior'],
  ['affiliated', 'affiliated'],
  ['other', 'other'],
  ['reserve', 'reserve'],
  ['carryover', 'carryOther'],
];

/** The sources a summary line's income expression names ('事业收入资金' → business). */
function sourcesOf(e: Expr): SourceKey[] {
  if ('spend' in e) return [...(e.spend.sources ?? [])];
  if ('carryForward' in e) return e.carryForward === 'all' ? [] : [...e.carryForward];
  return [...new Set(e.sum.flatMap(sourcesOf))];
}

/**
 * Without 表二, the other sources' money as 表一 prints it (one line per source): what 表三 has
 * beyond the three funds is booked to these, in 表一's order.
 */
function incomeBySummary(state: ImportState, templates: TemplateSet): Map<SourceKey, Fen> {
  const pool = new Map<SourceKey, Fen>();
  const others = new Set(OTHER_SOURCES.map(([, s]) => s));
  for (const t of templates.tables) {
    if (t.body.type !== 'summary') continue;
    const col = t.body.leftColumns[1];
    for (const section of t.body.sections) {
      for (const line of section.left.lines ?? []) {
        const sources = line.values[0] ? sourcesOf(line.values[0]) : [];
        if (sources.length !== 1 || !others.has(sources[0]) || pool.has(sources[0])) continue;
        const key = `${summaryBase('L', line.label, state.catalog)}#0`;
        const printed = state.printed.find((p) => p.table === t.id && p.row === key && p.col === col);
        if (printed && printed.fen > 0) pool.set(sources[0], printed.fen);
      }
    }
  }
  return pool;
}

function functionLines(state: ImportState, templates: TemplateSet): FunctionLine[] {
  const lines = new Map<string, FunctionLine>();
  const line = (code: string, kind: SpendKind, source: SourceKey): FunctionLine => {
    const key = `${code}|${kind}|${source}`;
    let l = lines.get(key);
    if (!l) lines.set(key, (l = { code, kind, source, current: 0, prior: 0 }));
    return l;
  };
  const table = (role: TableRole) => tableOfRole(templates, role);
  const tree = (role: TableRole) => {
    const t = table(role);
    return t ? state.trees.get(t.id) : undefined;
  };
  const no = (role: TableRole) => roleTableNo(templates, role);
  const t2 = tree('income');
  const t3 = tree('spending');
  const t5 = tree('gpb') ?? new Map<string, TreeRow>();
  const t11 = tree('fund');
  const t12 = tree('soe');
  const gpbId = table('gpb')?.id ?? '';
  const spendingId = table('spending')?.id ?? '';
  /** What has been placed so far, per code × kind (to find 表三's remainder). */
  const placed = new Map<string, Fen>();
  const place = (code: string, kind: SpendKind, source: SourceKey, fen: Fen) => {
    if (fen === 0) return;
    line(code, kind, source).current += fen;
    placed.set(`${code}|${kind}`, (placed.get(`${code}|${kind}`) ?? 0) + fen);
  };

  // 一般公共预算 (表五): this year by kind, last year as one total.
  for (const [code, row] of t5) {
    const basic = row.values.basic ?? 0;
    const project = row.values.project ?? 0;
    const prior = row.values.prior ?? 0;
    // 表二 separates this year's 一般公共预算 from its 上年结转 (which 表五 includes).
    let carry = 0;
    const t2row = t2?.get(code);
    if (t2row && t2row.values.gpb !== undefined && (t2row.values.carryover ?? 0) > 0) {
      carry = Math.max(0, Math.min(basic + project - t2row.values.gpb, t2row.values.carryover ?? 0));
    }
    const carryProject = Math.min(carry, project);
    const carryBasic = carry - carryProject;
    if (carry) {
      state.add(
        'IMP-08',
        'info',
        `科目 ${code}：${no('gpb')}的 ${formatYuan(carry)}按${no('income')}记为上年结转的一般公共预算拨款（先计入项目支出）`,
      );
    }
    place(code, 'basic', 'gpb', basic - carryBasic);
    place(code, 'project', 'gpb', project - carryProject);
    place(code, 'basic', 'carryGpb', carryBasic);
    place(code, 'project', 'carryGpb', carryProject);
    let priorKind: SpendKind;
    if (basic !== 0 && project === 0) priorKind = 'basic';
    else if (project !== 0 && basic === 0) priorKind = 'project';
    else if (basic !== 0 && project !== 0) {
      priorKind = 'basic';
      if (prior !== 0) {
        state.add(
          'IMP-08',
          'info',
          `科目 ${code}：${no('gpb')}只列上年预算数合计 ${formatYuan(prior)}，本年既有基本支出又有项目支出，上年数全部记为基本支出（请核对）`,
          [{ table: gpbId, row: code, column: COL.prior }],
        );
      }
    } else priorKind = basicByNature(code) ? 'basic' : 'project';
    if (prior !== 0) line(code, priorKind, 'gpb').prior += prior;
    if (basic === 0 && project === 0 && prior === 0) line(code, priorKind, 'gpb'); // a printed row without money stays a row
  }
  // 政府性基金 (表十一), 国有资本经营 (表十二).
  for (const [tree, source] of [[t11, 'fund'], [t12, 'soe']] as const) {
    for (const [code, row] of tree ?? []) for (const k of KINDS) place(code, k, source, row.values[k] ?? 0);
  }
  // Everything else: what 表三 has beyond the three funds, by source as 表二 shows it.
  if (t3) {
    const pool = new Map<string, Map<SourceKey, Fen>>();
    const bySummary = t2 ? null : incomeBySummary(state, templates);
    for (const [code, row] of t3) {
      for (const kind of KINDS) {
        let rest = (row.values[kind] ?? 0) - (placed.get(`${code}|${kind}`) ?? 0);
        if (rest <= 0) continue;
        let p = bySummary ?? pool.get(code);
        if (!p) {
          p = new Map();
          const t2row = t2?.get(code);
          for (const [col, source] of OTHER_SOURCES) {
            let v = t2row?.values[col] ?? 0;
            if (source === 'carryOther') v -= sumFen([...lines.values()].filter((l) => l.code === code && l.source === 'carryGpb').map((l) => l.current));
            if (v > 0) p.set(source, v);
          }
          pool.set(code, p);
        }
        for (const [source, available] of p) {
          const take = Math.min(available, rest);
          if (take <= 0) continue;
          place(code, kind, source, take);
          p.set(source, available - take);
          rest -= take;
        }
        if (rest > 0) {
          place(code, kind, 'other', rest);
          state.add(
            'IMP-08',
            'info',
            `科目 ${code}：${no('spending')}的${kind === 'basic' ? '基本' : '项目'}支出比财政拨款多 ${formatYuan(rest)}，` +
              `${t2 ? no('income') : no('summary')}未说明其资金来源，记为其他收入（请核对）`,
            [{ table: spendingId, row: code, column: kind }],
          );
        }
      }
    }
  }
  return [...lines.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Each economic table's 款 are the lines of its scheme and kind (as the template declares them). */
function econLines(state: ImportState, templates: TemplateSet): EconLine[] {
  const out: EconLine[] = [];
  for (const t of templates.tables) {
    if (t.body.type !== 'econTree') continue;
    const { scheme, kind } = t.body;
    for (const [code, row] of state.trees.get(t.id) ?? []) out.push({ scheme, kind, code, amount: row.values[COL.total] ?? 0 });
  }
  return out;
}

const sameName = (a: string, b: string) => labelKey(a) === labelKey(b);

function unitKindOf(name: string): Unit['kind'] {
  return /(中心|院|站|所|队|馆|台|社|学校|幼儿园|医院)$/.test(name.replace(/（.*?）$/, '')) ? 'institution' : 'administrative';
}

/** Projects from 表十三 (p1…) and the 表十六/十七 blocks; blocks without a 表十三 row become projects too. */
function projects(state: ImportState, budget: Budget, templates: TemplateSet): Project[] {
  const list = tableOfRole(templates, 'projects');
  const out: Project[] = [];
  const own = budget.meta.compilingUnit;
  const [ownCode, ...ownRest] = own.split(/[-－—]/);
  const ownName = ownRest.join('-');
  const base = (id: string, name: string): Project =>
    blankProject({
      id,
      name,
      unitCode: /^\d+$/.test(ownCode ?? '') ? ownCode : '',
      unitName: ownName || budget.meta.department,
      department: budget.meta.department,
    });
  for (const row of state.projectRows ?? []) {
    const p = base(`p${out.length + 1}`, row.name);
    p.unitCode = row.unitCode || p.unitCode;
    p.unitName = row.unitName || p.unitName;
    p.description = row.description;
    const amounts: Partial<Record<SourceKey, Fen>> = {};
    if (row.gpb) amounts.gpb = row.gpb;
    if (row.fund) amounts.fund = row.fund;
    if (row.soe) amounts.soe = row.soe;
    if (row.others) amounts.other = row.others;
    if (!row.gpb && !row.fund && !row.soe && !row.others) amounts.gpb = 0;
    p.amounts = amounts;
    p.district = sumFen(Object.values(amounts));
    out.push(p);
  }
  // Printed 表十三 rows got placeholder keys '#0', '#1' …: now they have ids.
  for (const pr of state.printed) if (pr.table === list?.id && pr.row.startsWith('#')) pr.row = out[Number(pr.row.slice(1))]?.id ?? pr.row;
  const matched = new Set<Project>();
  for (const b of state.blocks) {
    let p = out.find((x) => !matched.has(x) && sameName(x.name, b.name));
    if (!p) {
      p = base(`p${out.length + 1}`, b.name);
      // The block's 编制单位 line names the unit (a 下属单位's block is under its own).
      const unit = /^(\d+)\s*[-－—]\s*(.+)$/.exec(b.compilingUnit);
      if (unit) [p.unitCode, p.unitName] = [unit[1], unit[2]];
      const total = b.printed.find((x) => x.row === 'budget' && x.col === 'c1')?.fen ?? b.district + b.town;
      p.amounts = { gpb: total };
      p.needsReview = true;
      out.push(p);
      if (state.projectRows) {
        state.add(
          'IMP-07',
          'warning',
          `工作表“${b.sheet}”第${b.rowNo}行：项目“${b.name}”有绩效目标表，但${roleTableNo(templates, 'projects')}中没有这个项目；已按其当年预算 ${formatYuan(total)}（记为一般公共预算）建立项目，请核对`,
        );
      }
    }
    matched.add(p);
    p.category = b.category;
    p.hasTargets = true;
    p.department = b.department;
    p.summary = b.summary;
    p.basis = b.basis;
    p.goal = b.goal;
    p.district = b.district;
    p.town = b.town;
    p.indicators = b.indicators;
    for (const pr of b.printed) {
      pr.table = `${b.table}:${p.id}`;
      state.printed.push(pr);
    }
  }
  return out;
}

/** Which 项 each project is booked in: the one whose 项目支出 equals the project, else the largest (flagged). */
function assignFunctionCodes(state: ImportState, budget: Budget): void {
  const byCode = new Map<string, Fen>();
  for (const l of budget.functionLines) if (l.kind === 'project' && l.current) byCode.set(l.code, (byCode.get(l.code) ?? 0) + l.current);
  const codes = [...byCode.keys()].sort();
  if (codes.length === 0) return;
  const guessed: string[] = [];
  const left = new Map(byCode);
  const open: Project[] = [];
  // A project whose amount is exactly one 项's 项目支出 is booked there.
  for (const p of budget.projects) {
    const total = sumFen(Object.values(p.amounts));
    const exact = codes.filter((c) => byCode.get(c) === total);
    if (exact.length === 1) {
      p.functionCode = exact[0];
      // A block's project (no 表十三 row) has the fund of the 项 it is exactly: as the tables print it.
      const sources = new Set(budget.functionLines.filter((l) => l.code === exact[0] && l.kind === 'project' && l.current).map((l) => l.source));
      if (!state.projectRows && sources.size === 1) p.amounts = { [[...sources][0]]: total };
      left.set(exact[0], (left.get(exact[0]) ?? 0) - total);
    } else open.push(p);
  }
  // The rest: into the one 项 with 项目支出 still unaccounted for; if there are several, the largest (flagged).
  const remaining = codes.filter((c) => (left.get(c) ?? 0) > 0);
  const openTotal = sumFen(open.map((p) => sumFen(Object.values(p.amounts))));
  for (const p of open) {
    if (remaining.length === 1 && left.get(remaining[0]) === openTotal) p.functionCode = remaining[0];
    else {
      const pool = remaining.length ? remaining : codes;
      p.functionCode = [...pool].sort((a, b) => (left.get(b) ?? 0) - (left.get(a) ?? 0))[0];
      p.needsReview = true;
      guessed.push(`“${p.name}”→${p.functionCode}`);
    }
  }
  if (guessed.length) {
    state.add(
      'IMP-08',
      'info',
      `公开表格不列项目所属的功能科目，以下项目按项目支出最多的科目暂定，请核对：${guessed.slice(0, GUESSES_LISTED).join('、')}${guessed.length > GUESSES_LISTED ? `等共 ${formatCount(guessed.length)} 个项目（均已标为待复核）` : ''}`,
    );
  }
}

function units(state: ImportState, budget: Budget): Unit[] {
  const out: Unit[] = [];
  const add = (code: string, name: string) => {
    if (!name || out.some((u) => (code && u.code === code) || u.name === name)) return;
    const isOwn = /（本级）$|\(本级\)$/.test(name) || name === budget.meta.department;
    out.push({ code, name, kind: isOwn ? 'administrative' : unitKindOf(name), isOwnOffice: isOwn });
  };
  const cu = budget.meta.compilingUnit;
  const m = /^(\d+)\s*[-－—]\s*(.+)$/.exec(cu);
  if (m) add(m[1], m[2]);
  for (const p of state.projectRows ?? []) add(p.unitCode, p.unitName);
  for (const l of state.procurement ?? []) add(l.unitCode, l.unitName);
  if (!out.some((u) => u.isOwnOffice)) out.unshift({ code: budget.meta.departmentCode ? `${budget.meta.departmentCode}001` : '', name: `${budget.meta.department}（本级）`, kind: 'administrative', isOwnOffice: true });
  return out;
}

export interface MetaRead {
  department: string;
  year: number;
  district: string;
}

export function assemble(state: ImportState, meta: MetaRead, templates: TemplateSet, catalog: Catalog): Budget {
  const budget = emptyBudget({ department: meta.department, year: meta.year, district: meta.district, templateId: templates.profile.id });
  budget.meta.compilingUnit = state.compilingUnits.find((c) => c !== '') ?? '';
  const code = /^(\d{3})/.exec(budget.meta.compilingUnit)?.[1] ?? (state.procurement ?? []).find((l) => l.deptCode)?.deptCode ?? /^(\d{3})/.exec(state.projectRows?.[0]?.unitCode ?? '')?.[1] ?? '';
  budget.meta.departmentCode = code;
  budget.functionLines = functionLines(state, templates);
  budget.econLines = econLines(state, templates);
  const tp = state.threePublic ?? {};
  for (const y of ['current', 'prior'] as const) {
    for (const item of ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) budget.threePublic[y][item] = tp[`${y}:${item}`] ?? 0;
  }
  budget.projects = projects(state, budget, templates);
  assignFunctionCodes(state, budget);
  budget.procurement = (state.procurement ?? []).map((l, i) => ({ id: `g${i + 1}`, ...l, source: 'gpb' as const }));
  const procurement = tableOfRole(templates, 'procurement');
  for (const pr of state.printed) if (pr.table === procurement?.id && pr.row.startsWith('#')) pr.row = `g${Number(pr.row.slice(1)) + 1}`;
  if (state.performance) budget.performance = { goal: state.performance.goal, indicators: state.performance.indicators };
  budget.units = units(state, budget);
  const cf = state.carryForward;
  if (cf.gpb) budget.carryForward.gpb = cf.gpb;
  if (cf.fund) budget.carryForward.fund = cf.fund;
  if (cf.soe) budget.carryForward.soe = cf.soe;
  const rest = (cf.all ?? 0) - cf.gpb - cf.fund - cf.soe;
  if (rest > 0) budget.carryForward.other = rest;
  // Printed names that are not the catalog's spelling are kept, so the tables print as published.
  for (const [key, name] of state.names) {
    const [scheme, c] = key.split(':') as [Scheme, string];
    const official = catalog.name(scheme, c);
    if (name && name.replace(/\s+/g, '') !== official) budget.nameOverrides[key] = name.replace(/\s+/g, '');
  }
  return budget;
}

export type { Printed };
