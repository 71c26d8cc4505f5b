/**
 * The narrative rules (RULES §5.5 NT, §5.6 CHG narrative part, STR-03/04 narrative side, STR-05/06/
 * 07/10, TIM-02 prose). One analysis (check.ts) reads the narrative once and tags each finding with
 * its rule id; each Rule here returns the findings of its id. The analysis is shared by the rules of
 * one run (one rule context), so checking costs one read, not twenty-five. In a Session (the context
 * names its document) the analysis is kept per revision (undo and redo find it again) and the
 * readings of the paragraphs are kept between runs (memo.ts), so after an edit only the paragraphs
 * whose text or facts changed are read and checked again; both live in the Session's store.
 *
 * The text checked is texts['narrative:edited'] when the officer has edited (or pasted) one, else
 * the generated narrative — which passes every rule by construction, except NT-08 when a reason is
 * still missing, and NT-10/CHG-05 "unverifiable" when last year's 机关运行经费 is unknown.
 */
import { addTo } from '../arrays';
import type { Budget } from '../model/types';
import type { Finding, Rule, RuleContext, RuleDeps, Severity } from '../rules/types';
import { roleTable } from '../rules/roles';
import type { TableRole } from '../tables/roles';
import type { DerivedTable } from '../tables/types';
import { TABLE_ROLE_NAMES as T } from '../text/terms';
import { checkNarrative, type NarrativeCheck } from './check';
import { narrativeFacts, sameValue, shareFacts, type NarrativeFacts } from './facts';
import { NarrativeMemo } from './memo';

/** What a Session's store keeps for the narrative rules. */
interface NarrativeStore {
  memo: NarrativeMemo;
  byRevision: Map<number, NarrativeCheck>;
  /** The last analysis and everything it was made from (see `inputsOf`). */
  last: { inputs: Inputs; result: NarrativeCheck } | null;
}

/**
 * Everything the narrative and its check are made from, besides the catalog, the profile and the
 * set: the facts (every figure the text states; parts shared with the last state's, facts.ts), the
 * texts (reasons, hand-edited narrative), meta, the asset counts and last year's 机关运行经费 the
 * generator reads as inputs (copied: the budget changes in place), and the fund tables (STR-03). An
 * edit that leaves them as they were (a project's name, a line that moves no fact) leaves the
 * analysis as it was: nothing is re-read.
 */
interface Inputs {
  facts: NarrativeFacts;
  meta: Budget['meta'];
  texts: Budget['texts'];
  assets: Budget['assets'];
  priorOperatingCost: Budget['priorOperatingCost'];
  fundTables: (DerivedTable | undefined)[];
}

function inputsOf(ctx: RuleContext, facts: NarrativeFacts, last: Inputs | undefined): Inputs {
  const b = ctx.budget;
  // Copies only when changed: an unchanged part is the last one, so comparing is by identity.
  const keep = <T>(now: T, before: T | undefined, copy: (x: T) => T): T => (before !== undefined && sameValue(now, before) ? before : copy(now));
  return {
    facts,
    meta: keep(b.meta, last?.meta, (m) => ({ ...m })),
    texts: keep(b.texts, last?.texts, (t) => ({ ...t })),
    assets: keep(b.assets, last?.assets, (a) => structuredClone(a)),
    priorOperatingCost: b.priorOperatingCost,
    fundTables: fundTablesOf(ctx),
  };
}

function sameInputs(a: Inputs, b: Inputs): boolean {
  return (
    sameParts(a.facts, b.facts) &&
    a.meta === b.meta &&
    a.texts === b.texts &&
    a.assets === b.assets &&
    a.priorOperatingCost === b.priorOperatingCost &&
    a.fundTables.length === b.fundTables.length &&
    a.fundTables.every((t, i) => t === b.fundTables[i])
  );
}

/** Every part the same object (for-in: no keys array per edit). */
function sameParts(a: NarrativeFacts, b: NarrativeFacts): boolean {
  for (const k in a) if (a[k as keyof NarrativeFacts] !== b[k as keyof NarrativeFacts]) return false;
  return true;
}

/** The tables the check reads besides the facts (STR-03: an empty table's 备注), by role. */
const FUND_ROLES: readonly TableRole[] = ['fund', 'soe'];

const fundTablesOf = (ctx: RuleContext): (DerivedTable | undefined)[] => (ctx.templates ? FUND_ROLES.map((r) => roleTable(ctx, r)) : []);

/** What the narrative check is given from a rule context: the set is the context's. */
const narrativeContext = (ctx: RuleContext) => ({ catalog: ctx.catalog, profile: ctx.profile, templates: ctx.templates });

const STORE_KEY = 'narrative';
/** Revisions whose analysis is kept: enough for a run of undo and redo. */
const REVISIONS_KEPT = 8;

/** A context without a document (a one-off check): its analysis, held as long as the context lives. */
const oneOff = new WeakMap<RuleContext, NarrativeCheck>();

/** The narrative check of this rule context, computed once per context (per revision in a Session). */
export function narrativeCheckFor(ctx: RuleContext): NarrativeCheck {
  const doc = ctx.document;
  if (!doc) {
    let result = oneOff.get(ctx);
    if (!result) oneOff.set(ctx, (result = checkNarrative(ctx.budget, narrativeContext(ctx), { tables: ctx.tables })));
    return result;
  }
  let store = doc.store.get(STORE_KEY) as NarrativeStore | undefined;
  if (!store || store.memo.catalog !== ctx.catalog) {
    store = { memo: new NarrativeMemo(ctx.catalog), byRevision: new Map(), last: null };
    doc.store.set(STORE_KEY, store);
  }
  let result = store.byRevision.get(doc.revision);
  if (!result) {
    const nctx = narrativeContext(ctx);
    const last = store.last;
    const facts = shareFacts(last?.inputs.facts, narrativeFacts(ctx.budget, nctx));
    const inputs = inputsOf(ctx, facts, last?.inputs);
    if (last && sameInputs(last.inputs, inputs)) result = last.result;
    else result = checkNarrative(ctx.budget, nctx, { tables: ctx.tables, memo: store.memo, facts });
    store.last = { inputs, result };
    store.byRevision.set(doc.revision, result);
    if (store.byRevision.size > REVISIONS_KEPT) store.byRevision.delete(store.byRevision.keys().next().value!);
  }
  return result;
}

const DEPS: RuleDeps = {
  roles: FUND_ROLES,
  inputs: ['meta', 'units', 'functionLines', 'econLines', 'threePublic', 'projects', 'procurement', 'assets', 'texts', 'names', 'carryForward', 'priorOperatingCost'],
};

/** An analysis's findings by rule id, grouped once for the thirty rules that read it. */
const byId = new WeakMap<NarrativeCheck, Map<string, Finding[]>>();
function findingsById(check: NarrativeCheck): Map<string, Finding[]> {
  let map = byId.get(check);
  if (!map) {
    map = new Map();
    for (const f of check.findings) addTo(map, f.id, f);
    byId.set(check, map);
  }
  return map;
}

function narrativeRule(id: string, severity: Severity, title: string): Rule {
  return {
    id,
    severity,
    title,
    deps: DEPS,
    // Their findings are about the narrative (the engine's stamp reads this).
    scope: 'narrative',
    check(ctx: RuleContext): Finding[] {
      // The analysis's findings as they are: the engine stamps each once per finding object.
      return findingsById(narrativeCheckFor(ctx)).get(id) ?? [];
    },
  };
}

export const NARRATIVE_RULES: Rule[] = [
  narrativeRule('NT-01', 'error', `情况说明收入预算总额、各项收入及占比与${T.summary}一致`),
  narrativeRule('NT-02', 'error', `情况说明收入、支出与上年比较可核验（上年数见${T.gpb}/录入）`),
  narrativeRule('NT-03', 'error', `情况说明支出预算总额、各类支出及占比与${T.summary}、${T.spending}一致`),
  narrativeRule('NT-04', 'error', `情况说明基本支出、项目支出金额、占比及增减与${T.gpb}一致`),
  narrativeRule('NT-05', 'error', `情况说明人员经费、公用经费及“主要包括”与${T.basicDept}一致`),
  narrativeRule('NT-06', 'error', `情况说明一般公共预算财政拨款收支与${T.appropriation}、${T.gpb}一致`),
  narrativeRule('NT-07', 'error', `情况说明按支出功能科目逐项说明，金额、科目名称与${T.gpb}一致`),
  narrativeRule('NT-08', 'warning', '情况说明每项增减变化都说明了原因'),
  narrativeRule('NT-09', 'error', `情况说明“三公”经费合计及四个分项与${T.threePublic}一致`),
  narrativeRule('NT-10', 'warning', `情况说明机关运行经费与${T.basicGov}中机关运行经费的科目一致`),
  narrativeRule('NT-11', 'error', `情况说明政府采购总额及货物、工程、服务与${T.procurement}一致`),
  narrativeRule('NT-12', 'error', '情况说明国有资产（车辆、大额设备）分项之和与录入一致'),
  narrativeRule('NT-13', 'error', `情况说明绩效目标项目个数、金额与${T.keyProjects}、${T.generalProjects}相符`),
  narrativeRule('NT-14', 'error', '情况说明金额带单位，且单位与数值相符（元/万元）'),
  narrativeRule('NT-15', 'warning', '情况说明占比带“%”，各部分占比合计为100%'),
  narrativeRule('CHG-02', 'warning', '情况说明上年为0的项目不写增长百分比'),
  narrativeRule('CHG-03', 'error', '情况说明“增长/下降x%”按本年、上年金额复算正确'),
  narrativeRule('CHG-04', 'error', '情况说明增减用词（增加/减少/持平）与实际增减一致'),
  narrativeRule('CHG-05', 'error', '情况说明增减金额等于本年与上年之差'),
  narrativeRule('STR-03', 'error', '没有数据的政府性基金、国有资本经营预算表有备注或在情况说明中说明'),
  narrativeRule('STR-04', 'error', `情况说明对政府性基金、国有资本经营预算的说明与${T.fund}、${T.soe}相符`),
  narrativeRule('STR-05', 'error', '情况说明包含“三公”、机关运行经费、政府采购、国有资产、绩效目标、名词解释'),
  narrativeRule('STR-06', 'warning', '情况说明包含职能职责、单位构成、收支预算、按属性和功能科目说明、联系方式'),
  narrativeRule('STR-07', 'warning', '名词解释包含基本支出、项目支出、“三公”经费和机关运行经费'),
  narrativeRule('STR-10', 'warning', '单位构成与机关运行经费中的下属单位数一致'),
  narrativeRule('TIM-02', 'warning', '情况说明中的预算年度、比较年度和资产截止日期一致'),
  // Within the text alone (internal.ts), for a hand-edited narrative.
  narrativeRule('NT-16', 'error', '情况说明称收支平衡时，收入预算总额等于支出预算总额'),
  narrativeRule('CHG-06', 'error', '同一增减在情况说明二、三部分的写法一致'),
  narrativeRule('STR-13', 'warning', '单位构成所写个数与列出的名称数一致'),
  narrativeRule('STR-14', 'info', '情况说明没有在句中中断'),
];
