/**
 * Facts: every figure the narrative states, computed once from the inputs with the same helpers the
 * tables use (so a fact equals the table cell it names). The generator writes them; the checker
 * compares what a text says against them. Amounts are 分; nothing here formats or rounds.
 */
import type { Catalog } from '../catalog/catalog';
import { addFen, sumFen, type Fen } from '../money/money';
import {
  APPROPRIATION_FUNDS,
  CARRYOVER_SOURCES,
  CURRENT_SOURCES,
  FUND_SOURCES,
  SOURCE_NAMES,
  VEHICLE_KINDS,
  type Budget,
  type SourceKey,
  type SpendKind,
  type ThreePublicItem,
  type VehicleKind,
  type YearSlot,
} from '../model/types';
import { codeName, isPersonnelCode, operatingCostOf, projectTotal, spend, threePublicTotal } from '../tables/derive';
import type { TemplateProfile, TemplateSet } from '../tables/template-types';
import { parseAmount } from '../money/money';
import { addTo, sortInPlace } from '../arrays';
import { textKey } from './keys';

export interface NarrativeContext {
  catalog: Catalog;
  profile: TemplateProfile;
  /** The table set whose tables the check points at (by role); default: the set of `profile`. */
  templates?: TemplateSet;
}

/** An amount this year against last year; prior null = unknown (the comparison is unverifiable). */
export interface Pair {
  current: Fen;
  prior: Fen | null;
}

export interface NamedAmount {
  key: string;
  name: string;
  fen: Fen;
}

export interface FunctionItemFact {
  code: string; // 7-digit 项
  classCode: string;
  segmentCode: string;
  className: string;
  segmentName: string;
  itemName: string;
  current: Fen; // 表五 本年小计
  prior: Fen; // 表五 上年预算数
}

export interface FundFact {
  total: Fen;
  basic: Fen;
  project: Fen;
}

export interface ProcurementFact {
  total: Fen;
  goods: Fen;
  works: Fen;
  services: Fen;
}

export interface EvaluationFact {
  count: number;
  amount: Fen;
}

export interface NarrativeFacts {
  year: number;
  priorYear: number;
  department: string;
  shortName: string;
  income: { total: Fen; prior: Fen; sources: NamedAmount[] };
  expenditure: { total: Fen; prior: Fen; classes: (NamedAmount & { code: string })[]; basic: Pair; project: Pair };
  /** 表四/表五: 一般公共预算财政拨款. */
  gpb: { income: Fen; expenditure: Fen; prior: Fen; basic: Pair; project: Pair };
  personnel: { fen: Fen; items: NamedAmount[] };
  public: { fen: Fen; items: NamedAmount[] };
  functionItems: FunctionItemFact[];
  /** 表五 项 with last year's money only (−100%): not given a paragraph. */
  droppedItems: FunctionItemFact[];
  fund: FundFact;
  soe: FundFact;
  threePublic: { current: Record<ThreePublicItem | 'total', Fen>; prior: Record<ThreePublicItem | 'total', Fen> };
  operatingCost: { current: Fen; prior: Fen | null; subUnits: number; uses: NamedAmount[] };
  procurement: { all: ProcurementFact; gpb: ProcurementFact };
  performance: {
    count: number;
    amount: Fen;
    gpbCount: number;
    gpbAmount: Fen;
    /** Σ target blocks = 项目支出: "项目支出均实行了绩效目标管理" is true. */
    fullCoverage: boolean;
    keyEvaluation: EvaluationFact | null;
    generalEvaluation: EvaluationFact | null;
  };
  assets: {
    held: Record<VehicleKind, number>;
    heldTotal: number;
    equipmentHeld: number;
    planned: Record<VehicleKind, number>;
    plannedTotal: number;
    equipmentPlanned: number;
  };
  subUnits: number;
}

/** How many list items a "主要包括……等" names. */
export const LIST_ITEMS = 8;

const isFund = (s: SourceKey): boolean => (APPROPRIATION_FUNDS as readonly SourceKey[]).includes(s);

function byAmountDesc(a: NamedAmount, b: NamedAmount): number {
  return b.fen - a.fen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function evaluation(budget: Budget, kind: 'key' | 'general'): EvaluationFact | null {
  const count = budget.texts[textKey.evaluation(kind, 'count')];
  const amount = budget.texts[textKey.evaluation(kind, 'amount')];
  if (count === undefined || count.trim() === '') return null;
  const n = Number(count.trim());
  if (!Number.isInteger(n) || n < 0) return null;
  const a = parseAmount(amount ?? '');
  return { count: n, amount: a.ok ? a.fen : 0 };
}

/** Function names by code, kept per catalog while the budget's printed names stay the same. */
const namesKept = new WeakMap<Catalog, { overrides: Record<string, string>; names: Map<string, string> }>();

/** The printed name of a function code (codeName), each looked up once while names stay the same. */
function functionNames(budget: Budget, catalog: Catalog): (code: string) => string {
  let kept = namesKept.get(catalog);
  if (!kept || !sameValue(kept.overrides, budget.nameOverrides)) {
    kept = { overrides: { ...budget.nameOverrides }, names: new Map() };
    namesKept.set(catalog, kept);
  }
  const names = kept.names;
  return (code) => {
    let name = names.get(code);
    if (name === undefined) names.set(code, (name = codeName(budget, catalog, 'function', code)));
    return name;
  };
}

/** The facts made from the function lines (and 结转 and the names): what a 表五/表一 figure says. */
type LineFacts = Pick<NarrativeFacts, 'income' | 'expenditure' | 'gpb' | 'functionItems' | 'droppedItems' | 'fund' | 'soe'> & { projectSpend: Fen };

/**
 * The line facts of the last call per budget and catalog, with a copy of every value they were
 * made from (each line's code, kind, source and amounts, 结转, the printed names): an edit that
 * leaves those as they were (any edit but of a function line, 结转 or a name) gets the same objects
 * back without a pass over the lines, and shareFacts then shares them by identity.
 */
const lineFactsKept = new WeakMap<Budget, { catalog: Catalog; from: LineInputs; made: LineFactsMade }>();

/**
 * Line facts and, for the next call, every 项's fact with the places of its lines in
 * budget.functionLines, the sums by source, kind and year and by 类, and the 类 (sorted, named).
 */
interface LineFactsMade {
  facts: LineFacts;
  items: FunctionItemFact[];
  itemLines: number[][];
  bySource: Map<SourceKey, Record<SpendKind, Record<YearSlot, Fen>>>;
  byClass: Map<string, Fen>;
  classes: readonly { code: string; name: string }[];
}

interface LineInputs {
  codes: string[];
  kinds: SpendKind[];
  sources: SourceKey[];
  current: Fen[];
  prior: Fen[];
  carryForward: Budget['carryForward'];
  nameOverrides: Budget['nameOverrides'];
}

function lineInputs(budget: Budget): LineInputs {
  const lines = budget.functionLines;
  return {
    codes: lines.map((l) => l.code),
    kinds: lines.map((l) => l.kind),
    sources: lines.map((l) => l.source),
    current: lines.map((l) => l.current),
    prior: lines.map((l) => l.prior),
    carryForward: { ...budget.carryForward },
    nameOverrides: { ...budget.nameOverrides },
  };
}

/**
 * The places of the lines whose amounts differ from `from`'s; null when more than amounts differ
 * (a line added, removed or moved, its code, kind or source, 结转, a name).
 */
function changedAmounts(from: LineInputs, budget: Budget): number[] | null {
  const lines = budget.functionLines;
  if (lines.length !== from.codes.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.code !== from.codes[i] || l.kind !== from.kinds[i] || l.source !== from.sources[i]) return null;
    if (l.current !== from.current[i] || l.prior !== from.prior[i]) changed.push(i);
  }
  return sameValue(from.carryForward, budget.carryForward) && sameValue(from.nameOverrides, budget.nameOverrides) ? changed : null;
}

function lineFactsOf(budget: Budget, catalog: Catalog): LineFacts {
  const kept = lineFactsKept.get(budget);
  const changed = kept && kept.catalog === catalog ? changedAmounts(kept.from, budget) : null;
  if (kept && changed?.length === 0) return kept.made.facts;
  if (kept && changed) {
    // Only amounts changed: the 项 are the same, with their lines in the same places; only the 项
    // of the changed lines get new facts, and the sums move by the changed lines' differences.
    const made = computeLineFacts(budget, catalog, { made: kept.made, changed, from: kept.from });
    for (const i of changed) {
      kept.from.current[i] = budget.functionLines[i]!.current;
      kept.from.prior[i] = budget.functionLines[i]!.prior;
    }
    kept.made = made;
    return made.facts;
  }
  const made = computeLineFacts(budget, catalog);
  lineFactsKept.set(budget, { catalog, from: lineInputs(budget), made });
  return made.facts;
}

type BySource = LineFactsMade['bySource'];

function computeLineFacts(budget: Budget, catalog: Catalog, after?: { made: LineFactsMade; changed: readonly number[]; from: LineInputs }): LineFactsMade {
  const lines = budget.functionLines;
  const carryForward = sumFen(Object.values(budget.carryForward));
  // Amounts by source, kind and year, and this year's by 类: one pass over the lines, or the last
  // sums moved by the changed lines (fen are integers: the sums are exact either way); the sums
  // below add these up (a large department has hundreds of lines, and a pass per sum was the cost).
  let bySource: BySource;
  let byClass: Map<string, Fen>;
  if (after) {
    bySource = new Map();
    for (const [source, kinds] of after.made.bySource) {
      bySource.set(source, { basic: { ...kinds.basic }, project: { ...kinds.project } });
    }
    byClass = new Map(after.made.byClass);
    for (const i of after.changed) {
      const l = lines[i]!;
      const s = bySource.get(l.source)!;
      s[l.kind].current += l.current - after.from.current[i]!;
      s[l.kind].prior += l.prior - after.from.prior[i]!;
      const cls = l.code.slice(0, 3);
      byClass.set(cls, byClass.get(cls)! + l.current - after.from.current[i]!);
    }
  } else {
    bySource = new Map();
    byClass = new Map();
    for (const l of lines) {
      let s = bySource.get(l.source);
      if (!s) bySource.set(l.source, (s = { basic: { current: 0, prior: 0 }, project: { current: 0, prior: 0 } }));
      s[l.kind].current += l.current;
      s[l.kind].prior += l.prior;
      const cls = l.code.slice(0, 3);
      byClass.set(cls, (byClass.get(cls) ?? 0) + l.current);
    }
  }
  // The sums below add these up: ~30 of them per edit, each over the few sources, without an
  // options object, a one-source array or a Map entry per source visited.
  const sourcesHeld = [...bySource.keys()];
  const kindsHeld = [...bySource.values()];
  const total = (sources: readonly SourceKey[] | null, kind: SpendKind | null, year: YearSlot): Fen => {
    let sum = 0;
    for (let i = 0; i < sourcesHeld.length; i++) {
      if (sources && !sources.includes(sourcesHeld[i]!)) continue;
      const kinds = kindsHeld[i]!;
      if (kind !== 'project') sum += kinds.basic[year];
      if (kind !== 'basic') sum += kinds.project[year];
    }
    return sum;
  };

  // 二（一）收入: 表一's income lines; last year's income = last year's expenditure (balanced budget).
  const sourceAmount = (s: SourceKey): Fen => {
    const kinds = bySource.get(s);
    return kinds ? kinds.basic.current + kinds.project.current : 0;
  };
  const sources: NamedAmount[] = [];
  for (const s of CURRENT_SOURCES) {
    const fen = sourceAmount(s);
    if (fen !== 0) sources.push({ key: s, name: `${SOURCE_NAMES[s]}${isFund(s) ? '收入' : ''}`, fen });
  }
  const carry = total(CARRYOVER_SOURCES, null, 'current');
  if (carry !== 0) sources.push({ key: 'carryover', name: '上年结转', fen: carry });
  const reserve = sourceAmount('reserve');
  if (reserve !== 0) sources.push({ key: 'reserve', name: SOURCE_NAMES.reserve, fen: reserve });
  const spendCurrent = total(null, null, 'current');
  const spendPrior = total(null, null, 'prior');

  // The 类 of the lines, sorted and named: the same while the codes and names are (after).
  const namedClasses =
    after?.made.classes ?? [...new Set(lines.map((l) => l.code.slice(0, 3)))].sort().map((code) => ({ code, name: codeName(budget, catalog, 'function', code) }));
  const classes = namedClasses.map(({ code, name }) => ({ key: code, code, name, fen: byClass.get(code) ?? 0 })).filter((c) => c.fen !== 0);

  const gpbSources = FUND_SOURCES.gpb;
  const gpbCurrent = total(gpbSources, null, 'current');
  const gpbPair = (kind: 'basic' | 'project'): Pair => ({
    current: total(gpbSources, kind, 'current'),
    prior: total(gpbSources, kind, 'prior'),
  });

  // 表五 项 rows.
  const functionName = functionNames(budget, catalog);
  const itemFact = (code: string, places: readonly number[]): FunctionItemFact => {
    const own = places.map((i) => lines[i]!);
    return {
      code,
      classCode: code.slice(0, 3),
      segmentCode: code.slice(0, 5),
      className: functionName(code.slice(0, 3)),
      segmentName: functionName(code.slice(0, 5)),
      itemName: functionName(code),
      current: spend(own, { year: 'current' }),
      prior: spend(own, { year: 'prior' }),
    };
  };
  let items: FunctionItemFact[];
  let itemLines: number[][];
  if (after) {
    // The same 项 and places: a new fact only for a 项 with a changed line.
    const changed = new Set(after.changed.map((i) => lines[i]!.code));
    itemLines = after.made.itemLines;
    items = after.made.items.map((f, i) => (changed.has(f.code) ? itemFact(f.code, itemLines[i]!) : f));
  } else {
    // One pass over the lines, not one per 项 (large departments have hundreds).
    const byItem = new Map<string, number[]>();
    lines.forEach((l, i) => {
      if (gpbSources.includes(l.source)) addTo(byItem, l.code, i);
    });
    const itemCodes = [...byItem.keys()].sort();
    itemLines = itemCodes.map((code) => byItem.get(code)!);
    items = itemCodes.map((code, i) => itemFact(code, itemLines[i]!));
  }

  const fundFact = (fund: 'fund' | 'soe'): FundFact => ({
    total: total(FUND_SOURCES[fund], null, 'current'),
    basic: total(FUND_SOURCES[fund], 'basic', 'current'),
    project: total(FUND_SOURCES[fund], 'project', 'current'),
  });
  const projectSpend = total(null, 'project', 'current');

  const facts: LineFacts = {
    income: { total: spendCurrent + carryForward, prior: spendPrior, sources },
    expenditure: {
      total: spendCurrent,
      prior: spendPrior,
      classes,
      basic: { current: total(null, 'basic', 'current'), prior: total(null, 'basic', 'prior') },
      project: { current: projectSpend, prior: total(null, 'project', 'prior') },
    },
    gpb: {
      // Both are the same sum over this year's gpb lines: computed once.
      income: gpbCurrent,
      expenditure: gpbCurrent,
      prior: total(gpbSources, null, 'prior'),
      basic: gpbPair('basic'),
      project: gpbPair('project'),
    },
    functionItems: items.filter((i) => i.current !== 0),
    droppedItems: items.filter((i) => i.current === 0 && i.prior !== 0),
    fund: fundFact('fund'),
    soe: fundFact('soe'),
    projectSpend,
  };
  return { facts, items, itemLines, bySource, byClass, classes: namedClasses };
}

/** The facts made from the econ lines: 人员经费, 公用经费 (表六) and this year's 机关运行经费 (表七). */
interface EconFacts {
  personnel: NarrativeFacts['personnel'];
  public: NarrativeFacts['public'];
  operatingCost: Fen;
}

/**
 * The econ facts of the last call per budget, kept (like the line facts) with a copy of what they
 * were made from: every econ line's scheme, kind, code and amount, the names, the catalog and the
 * profile's 机关运行经费 classes; and the printed names by code while the catalog and names stay.
 */
const econFactsKept = new WeakMap<
  Budget,
  { catalog: Catalog; classes: readonly string[]; from: unknown[]; nameOverrides: Budget['nameOverrides']; names: Map<string, string>; facts: EconFacts }
>();

function econInputs(budget: Budget): unknown[] {
  const out: unknown[] = [];
  for (const l of budget.econLines) out.push(l.scheme, l.kind, l.code, l.amount);
  return out;
}

function econFactsOf(budget: Budget, ctx: NarrativeContext): EconFacts {
  const classes = ctx.profile.operatingCostClasses;
  let kept = econFactsKept.get(budget);
  const lines = budget.econLines;
  // The same catalog, profile and names: the kept names by code still hold.
  const sameContext = kept !== undefined && kept.catalog === ctx.catalog && kept.classes === classes && sameValue(kept.nameOverrides, budget.nameOverrides);
  const sameShape = sameContext && kept!.from.length === lines.length * 4;
  if (sameShape) {
    const from = kept!.from;
    let same = true;
    for (let i = 0; i < lines.length && same; i++) {
      const l = lines[i]!;
      same = l.scheme === from[4 * i] && l.kind === from[4 * i + 1] && l.code === from[4 * i + 2] && l.amount === from[4 * i + 3];
    }
    if (same) return kept!.facts;
  }
  const names = sameContext ? kept!.names : new Map<string, string>();
  // 表六: 人员经费 (301, 303) and 公用经费 (the rest) of 基本支出, in one pass over the lines.
  const named = (l: { code: string; amount: Fen }): NamedAmount => {
    let name = names.get(l.code);
    if (name === undefined) names.set(l.code, (name = codeName(budget, ctx.catalog, 'econ-department', l.code)));
    return { key: l.code, name, fen: l.amount };
  };
  const personnelLines: NamedAmount[] = [];
  const publicLines: NamedAmount[] = [];
  for (const l of lines) {
    if (l.scheme !== 'department' || l.kind !== 'basic' || l.amount === 0) continue;
    (isPersonnelCode(l.code) ? personnelLines : publicLines).push(named(l));
  }
  sortInPlace(personnelLines, byAmountDesc);
  sortInPlace(publicLines, byAmountDesc);
  const facts: EconFacts = {
    personnel: { fen: sumAmounts(personnelLines), items: personnelLines },
    public: { fen: sumAmounts(publicLines), items: publicLines },
    operatingCost: operatingCostOf(budget, classes),
  };
  if (sameShape) {
    // Only amounts or codes moved: the kept copy of the inputs is updated in place.
    const from = kept!.from;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      from[4 * i] = l.scheme;
      from[4 * i + 1] = l.kind;
      from[4 * i + 2] = l.code;
      from[4 * i + 3] = l.amount;
    }
    kept!.facts = facts;
  } else {
    kept = { catalog: ctx.catalog, classes, from: econInputs(budget), nameOverrides: { ...budget.nameOverrides }, names, facts };
    econFactsKept.set(budget, kept);
  }
  return facts;
}

/** sumFen of the amounts (checked the same way), without an array of them. */
function sumAmounts(items: readonly NamedAmount[]): Fen {
  let total = 0;
  for (const i of items) total = addFen(total, i.fen);
  return total;
}

/** A facts part with a copy of the input record it was made from (the budget changes in place). */
interface KeptPart<I, P> {
  input: I;
  part: P;
}

/** The last parts made per budget from one input record each (narrativeFacts). */
const partsKept = new WeakMap<
  Budget,
  {
    threePublic: KeptPart<Budget['threePublic'], NarrativeFacts['threePublic']>;
    procurement: KeptPart<Budget['procurement'], NarrativeFacts['procurement']>;
    assets: KeptPart<Budget['assets'], NarrativeFacts['assets']>;
  }
>();

/** The kept part while `input` equals its kept copy, else one made afresh with a copy of `input`. */
function keptPart<I, P>(kept: KeptPart<I, P> | undefined, input: I, make: () => P): KeptPart<I, P> {
  if (kept && sameValue(kept.input, input)) return kept;
  return { input: structuredClone(input), part: make() };
}

export function narrativeFacts(budget: Budget, ctx: NarrativeContext): NarrativeFacts {
  const year = budget.meta.year;
  const { projectSpend, ...fromLines } = lineFactsOf(budget, ctx.catalog);

  const { personnel, public: publicPart, operatingCost } = econFactsOf(budget, ctx);

  const tp = (slot: 'current' | 'prior') => {
    const v = budget.threePublic[slot];
    const out = { ...v, total: threePublicTotal(v) };
    return out;
  };
  // The parts made from one input record each (三公, 政府采购, 资产): the last ones while the input
  // is equal to the copy kept of it (most edits change none of them: no part made per edit).
  const kept = partsKept.get(budget);
  const threePublic = keptPart(kept?.threePublic, budget.threePublic, () => ({ current: tp('current'), prior: tp('prior') }));

  const subUnits = budget.units.filter((u) => !u.isOwnOffice).length;

  const gpbSources = FUND_SOURCES.gpb;
  const proc = (filter: (source: SourceKey) => boolean): ProcurementFact => {
    const ls = budget.procurement.filter((l) => filter(l.source));
    const goods = sumFen(ls.map((l) => l.goods));
    const works = sumFen(ls.map((l) => l.works));
    const services = sumFen(ls.map((l) => l.services));
    return { total: goods + works + services, goods, works, services };
  };

  // The projects with targets, counted and summed in one pass (a large department has hundreds).
  let count = 0;
  let perfAmount = 0;
  let gpbCount = 0;
  let gpbAmount = 0;
  for (const p of budget.projects) {
    if (!p.hasTargets) continue;
    count++;
    perfAmount = addFen(perfAmount, projectTotal(p));
    const gpb = p.amounts.gpb ?? 0;
    if (gpb !== 0) {
      gpbCount++;
      gpbAmount = addFen(gpbAmount, gpb);
    }
  }

  const vehicles = (r: Record<VehicleKind, number>) => VEHICLE_KINDS.reduce((n, k) => n + (r[k] ?? 0), 0);
  const procurement = keptPart(kept?.procurement, budget.procurement, () => ({ all: proc(() => true), gpb: proc((s) => gpbSources.includes(s)) }));
  const assets = keptPart(kept?.assets, budget.assets, () => ({
    held: { ...budget.assets.vehiclesHeld },
    heldTotal: vehicles(budget.assets.vehiclesHeld),
    equipmentHeld: budget.assets.equipmentHeld,
    planned: { ...budget.assets.vehiclesPlanned },
    plannedTotal: vehicles(budget.assets.vehiclesPlanned),
    equipmentPlanned: budget.assets.equipmentPlanned,
  }));
  if (!kept || kept.threePublic !== threePublic || kept.procurement !== procurement || kept.assets !== assets) partsKept.set(budget, { threePublic, procurement, assets });

  return {
    year,
    priorYear: year - 1,
    department: budget.meta.department,
    shortName: budget.meta.shortName || budget.meta.department,
    income: fromLines.income,
    expenditure: fromLines.expenditure,
    gpb: fromLines.gpb,
    personnel,
    public: publicPart,
    functionItems: fromLines.functionItems,
    droppedItems: fromLines.droppedItems,
    fund: fromLines.fund,
    soe: fromLines.soe,
    threePublic: threePublic.part,
    operatingCost: { current: operatingCost, prior: budget.priorOperatingCost, subUnits, uses: publicPart.items },
    procurement: procurement.part,
    performance: {
      count,
      amount: perfAmount,
      gpbCount,
      gpbAmount,
      fullCoverage: count > 0 && perfAmount === projectSpend,
      keyEvaluation: evaluation(budget, 'key'),
      generalEvaluation: evaluation(budget, 'general'),
    },
    assets: assets.part,
    subUnits,
  };
}

/** The "三公" items in the order the narrative names them (R1). */
export const THREE_PUBLIC_ORDER: readonly ThreePublicItem[] = ['abroad', 'reception', 'vehicleOperation', 'vehiclePurchase'];
export const VEHICLE_PROSE: Record<VehicleKind, string> = {
  leader: '领导干部用车（含在职和离退休部级干部用车）',
  confidential: '机要通信用车',
  emergency: '应急保障用车',
  law: '执法执勤用车',
  special: '特种专业技术用车',
  other: '其他用车',
};

/** Plain data (numbers, strings, null, arrays, records) equal in value. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  // Own enumerable keys by for-in, not Object.keys: this runs on every edit over the budget's
  // records (meta, texts, assets, each facts part), and Object.keys made a keys array per record.
  // The same comparison: as many keys each, and a's values equal to b's under a's keys.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    if (!hasOwn.call(ra, k)) continue;
    na++;
    if (!sameValue(ra[k], rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (hasOwn.call(rb, k)) nb++;
  return na === nb;
}

const hasOwn = Object.prototype.hasOwnProperty;

const sameItem = (a: FunctionItemFact, b: FunctionItemFact): boolean =>
  a.code === b.code &&
  a.current === b.current &&
  a.prior === b.prior &&
  a.itemName === b.itemName &&
  a.segmentName === b.segmentName &&
  a.className === b.className &&
  a.classCode === b.classCode &&
  a.segmentCode === b.segmentCode;

/** The same 项 codes place by place (arrays of one length). */
function sameCodes(prev: readonly FunctionItemFact[], next: readonly FunctionItemFact[]): boolean {
  for (let i = 0; i < next.length; i++) if (next[i] !== prev[i] && next[i]!.code !== prev[i]!.code) return false;
  return true;
}

/** The 项 of `next`, each the object of `prev` when its values are the same; `prev` itself when all are. */
function shareItems(prev: readonly FunctionItemFact[], next: FunctionItemFact[]): FunctionItemFact[] {
  if (prev === next) return next;
  // The same 项 in the same places (an amount edit): compared place by place, no lookup (plain
  // loops: a large department has hundreds of 项 and this runs on every edit).
  if (prev.length === next.length && sameCodes(prev, next)) {
    let all = true;
    const out = new Array<FunctionItemFact>(next.length);
    for (let i = 0; i < next.length; i++) {
      const f = next[i]!;
      const old = prev[i]!;
      const kept = f === old || sameItem(old, f) ? old : f;
      if (kept !== old) all = false;
      out[i] = kept;
    }
    return all ? (prev as FunctionItemFact[]) : out;
  }
  const before = new Map(prev.map((f) => [f.code, f]));
  let all = prev.length === next.length;
  const out = next.map((f, i) => {
    const old = before.get(f.code);
    const kept = old && sameItem(old, f) ? old : f;
    if (kept !== prev[i]) all = false;
    return kept;
  });
  return all ? (prev as FunctionItemFact[]) : out;
}

/**
 * The facts of the state after an edit, sharing every part whose values did not change with the
 * facts before it (a 项's fact object, the 三公 part, …): what is read from them — a 项's
 * paragraph, a topic's check — is kept by object identity and made again only where the edit
 * changed a fact. The values are those of `next` exactly.
 */
export function shareFacts(prev: NarrativeFacts | undefined, next: NarrativeFacts): NarrativeFacts {
  if (!prev) return next;
  const out = { ...next };
  // for-in, not Object.keys: no keys array per edit (facts are plain objects).
  for (const key in next) {
    const k = key as keyof NarrativeFacts;
    if (k === 'functionItems' || k === 'droppedItems') out[k] = shareItems(prev[k], next[k]);
    else if (sameValue(prev[k], next[k])) (out as Record<string, unknown>)[k] = prev[k];
  }
  return out;
}
