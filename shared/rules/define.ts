/**
 * How a rule is written: `defineRule({ id, severity, title, reads, check(ctx, emit) })`. `emit`
 * (report, equal, atMost, sum) fills the rule's id and severity; `reads` names what the rule reads by table role, so the set in
 * use is checked once (roles.ts): a rule whose reads do not resolve reports 无法核验 naming what is
 * missing, a rule whose tables the set does not publish does not apply. A rule given `each` runs
 * table by table (a session re-runs it only on the tables that changed).
 */
import { NONE, pushAll } from '../arrays';
import { templateOf, type TableRole } from '../tables/roles';
import type { DerivedTable, Row } from '../tables/types';
import type { Value } from './amounts';
import { atMostDrafts, dedupeCells, equalDrafts, sumDrafts, type Draft } from './findings';
import { rowDiff, RowChecks } from './lineage';
import { resolveReads, roleOf, roleIds, roleTemplateId } from './roles';
import type { CellRef, Finding, InputDomain, RoleRead, Rule, RuleContext, Severity } from './types';

/**
 * What a rule reports through: each finding gets the rule's id and, unless it says otherwise, the
 * rule's severity. One object per run (its methods live on the class, nothing is allocated per rule).
 */
export class Emit {
  constructor(
    private readonly id: string,
    private readonly severity: Severity,
    readonly out: Finding[],
  ) {}
  /** One finding in the rule's words. */
  report(message: string, cells: readonly CellRef[] = [], severity?: Severity): void {
    this.push({ message, cells }, severity);
  }
  /** Drafts made elsewhere (memoised per row). */
  add(drafts: readonly Draft[], severity?: Severity): void {
    for (const d of drafts) this.push(d, severity);
  }
  equal(a: Value, b: Value, note?: string, severity?: Severity): void {
    this.add(equalDrafts(a, b, note), severity);
  }
  atMost(a: Value, b: Value, note?: string, severity?: Severity): void {
    this.add(atMostDrafts(a, b, note), severity);
  }
  sum(total: Value, parts: readonly Value[], partsLabel?: string, severity?: Severity): void {
    this.add(sumDrafts(total, parts, partsLabel), severity);
  }
  /**
   * Drafts a rule keeps between its runs (a memoised list, never changed once made): the same list
   * gives the very same findings as the last time, so they keep their stamped copies (engine.ts)
   * instead of being made and stamped afresh on every run.
   */
  addKept(drafts: readonly Draft[]): void {
    if (drafts.length === 0) return;
    const kept = keptFindings.get(drafts);
    if (kept && kept.id === this.id && kept.severity === this.severity) {
      pushAll(this.out, kept.found);
      return;
    }
    const start = this.out.length;
    this.add(drafts);
    keptFindings.set(drafts, { id: this.id, severity: this.severity, found: this.out.slice(start) });
  }
  private push(d: Draft, severity?: Severity): void {
    this.out.push({ id: this.id, severity: d.severity ?? severity ?? this.severity, message: d.message, cells: dedupeCells(d.cells) });
  }
}

/** Per kept list of drafts, the findings Emit.addKept made of it (and for which rule id and severity). */
const keptFindings = new WeakMap<readonly Draft[], { id: string; severity: Severity; found: Finding[] }>();

interface Common {
  id: string;
  severity: Severity;
  title: string;
  reads?: readonly RoleRead[];
  inputs?: readonly InputDomain[];
}

export interface SetRuleSpec extends Common {
  check(ctx: RuleContext, emit: Emit): void;
}

interface TableCommon extends Common {
  /** The roles whose tables it checks, one table (or project block) at a time; 'all': every table. */
  each: readonly TableRole[] | 'all';
}

export interface WholeTableRuleSpec extends TableCommon {
  checkTable(t: DerivedTable, ctx: RuleContext, emit: Emit): void;
}

/**
 * A row-local rule: a row's findings depend on that row alone (and the table's id, number,
 * columns and header). Its findings are the rows' drafts in row order; a session re-checks only
 * the rows an edit replaced.
 */
export interface RowRuleSpec extends TableCommon {
  /** `at`: the row's position in the body (to read what is kept per position: cells.ts). */
  checkRow(t: DerivedTable, row: Row, at: number): readonly Draft[];
  /** True when no row of `t` gives anything, decided from the table at once (cells.ts): its rows are not checked. */
  skips?(t: DerivedTable): boolean;
}

/**
 * A rule summing up its rows: each row gives parts (none: the row is clean), and the table's
 * findings come from the parts of its rows in row order (and the table's id, number, title,
 * lines, columns and header) alone. A session re-checks it only when a row it replaced has parts.
 */
export interface RowSummaryRuleSpec<P> extends TableCommon {
  rowParts(t: DerivedTable, row: Row, at: number): readonly P[];
  /** True when no row of `t` has parts, decided from the table at once: summarise gets none. */
  skips?(t: DerivedTable): boolean;
  summarise(t: DerivedTable, ctx: RuleContext, parts: readonly P[], emit: Emit): void;
}

export type TableRuleSpec = WholeTableRuleSpec | RowRuleSpec;

/** A rule that looks at one table at a time. */
export interface TableRule extends Rule {
  checkTable(t: DerivedTable, ctx: RuleContext): Finding[];
  appliesTo(tableId: string, set: RuleContext['templates']): boolean;
  /**
   * Row-local and summing rules only: true when `t`, which replaces `old` (lineage.ts noteReplaces),
   * has the findings `old` had: the rows it added and dropped yield nothing.
   */
  unchangedFrom?(t: DerivedTable, old: DerivedTable): boolean;
}

/** The 无法核验 finding of a rule whose reads do not resolve in the set. */
function unresolved(rule: Common, ctx: RuleContext, missing: readonly string[]): Finding {
  const set = ctx.templates?.profile.name ?? '';
  return {
    id: rule.id,
    severity: 'unverifiable',
    message: `${rule.title}：无法核验，报表模板“${set}”中${missing.join('；')}`,
    cells: [],
  };
}

/** null: run; [] does not apply; else the 无法核验 finding. */
function gate(spec: Common, ctx: RuleContext, reads: readonly RoleRead[]): Finding[] | null {
  if (!ctx.templates || reads.length === 0) return null;
  const r = resolveReads(ctx.templates, reads);
  if (!r.applies) return [];
  return r.missing.length ? [unresolved(spec, ctx, r.missing)] : null;
}

const rolesRead = (reads: readonly RoleRead[]): TableRole[] => [...new Set(reads.map((r) => r.table))];

export function defineRule(spec: SetRuleSpec): Rule;
export function defineRule(spec: TableRuleSpec): TableRule;
export function defineRule<P>(spec: RowSummaryRuleSpec<P>): TableRule;
export function defineRule(spec: SetRuleSpec | TableRuleSpec | RowSummaryRuleSpec<unknown>): Rule | TableRule {
  const reads = spec.reads ?? [];
  const roles = [...new Set([...rolesRead(reads), ...('each' in spec && spec.each !== 'all' ? spec.each : [])])];
  const base = {
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    reads,
    deps: { ...(roles.length ? { roles } : {}), ...(spec.inputs ? { inputs: spec.inputs } : {}) },
  };
  if (!('each' in spec)) {
    return {
      ...base,
      check(ctx) {
        const gated = gate(spec, ctx, reads);
        if (gated) return gated;
        const out: Finding[] = [];
        spec.check(ctx, new Emit(spec.id, spec.severity, out));
        return out;
      },
    };
  }
  const each = spec.each === 'all' ? null : new Set(spec.each);
  const readsOf = new Map<TableRole | undefined, readonly RoleRead[]>();
  const applies = (role: TableRole | undefined) => !each || (!!role && each.has(role));
  const appliesTo = (tableId: string, set: RuleContext['templates']) => applies(each ? roleOf(set, tableId) : undefined);
  // Row-local and summing rules: per-row results kept per table (lineage.ts), so a table that
  // replaces another re-checks only the rows it added.
  const rowChecks: RowChecks<unknown> | null =
    'checkRow' in spec ? new RowChecks<unknown>(spec.checkRow) : 'rowParts' in spec ? new RowChecks(spec.rowParts) : null;
  const skips = 'checkRow' in spec || 'rowParts' in spec ? spec.skips : undefined;
  let checkTable: WholeTableRuleSpec['checkTable'];
  if ('checkRow' in spec) {
    const drafts = rowChecks as RowChecks<Draft>;
    checkTable = (t, _ctx, emit) => {
      if (!skips?.(t)) emit.add(drafts.of(t));
    };
  } else if ('rowParts' in spec) {
    checkTable = (t, ctx, emit) => spec.summarise(t, ctx, skips?.(t) ? NONE : rowChecks!.of(t), emit);
  } else checkTable = spec.checkTable;
  /** Only the reads of this table's role gate it (one list per role, so its resolution is cached). */
  const gateTable = (t: DerivedTable, ctx: RuleContext): Finding[] | null => gateRole(roleOf(ctx.templates, t.id), ctx);
  const gateRole = (role: TableRole | undefined, ctx: RuleContext): Finding[] | null => {
    let mine = readsOf.get(role);
    if (!mine) readsOf.set(role, (mine = reads.filter((r) => r.table === role)));
    return gate(spec, ctx, mine);
  };
  const rule: TableRule = {
    ...base,
    appliesTo,
    checkTable(t, ctx) {
      const gated = gateTable(t, ctx);
      if (gated) return gated;
      const out: Finding[] = [];
      checkTable(t, ctx, new Emit(spec.id, spec.severity, out));
      return out;
    },
    ...(rowChecks
      ? {
          // Both skipped with the same frame: no rows' results either side (the findings come from the frame alone).
          unchangedFrom: (t: DerivedTable, old: DerivedTable) => (skips?.(t) && skips(old) ? rowDiff(old, t) !== null : rowChecks.sameAs(t, old)),
        }
      : {}),
    check(ctx) {
      // checkOneTable on every table, into one list: a table that throws leaves only its 无法核验.
      const out: Finding[] = [];
      const emit = new Emit(spec.id, spec.severity, out);
      for (const t of ctx.tables) {
        // The table's role once, for both whether the rule applies and what gates it.
        const role = roleOf(ctx.templates, t.id);
        if (!applies(role)) continue;
        const start = out.length;
        try {
          const gated = gateRole(role, ctx);
          if (gated) pushAll(out, gated);
          else checkTable(t, ctx, emit);
        } catch (e) {
          out.length = start;
          out.push(ruleFailure(rule, e));
        }
      }
      return out;
    },
  };
  return rule;
}

export function isTableRule(r: Rule): r is TableRule {
  return typeof (r as Partial<TableRule>).checkTable === 'function' && typeof (r as Partial<TableRule>).appliesTo === 'function';
}

/** A rule that throws does not stop the others: it reports itself as 无法核验 with the reason. */
export function ruleFailure(rule: Rule, e: unknown): Finding {
  return {
    id: rule.id,
    severity: 'unverifiable',
    message: `${rule.title}：校验时出错，无法核验（${e instanceof Error ? e.message : String(e)}）`,
    cells: [],
  };
}

/** One table rule on one table; an exception becomes an 无法核验 finding (the same in every engine). */
export function checkOneTable(rule: TableRule, t: DerivedTable, ctx: RuleContext): Finding[] {
  try {
    return rule.checkTable(t, ctx);
  } catch (e) {
    return [ruleFailure(rule, e)];
  }
}

/** Template ids a rule's findings depend on, in a set (roles resolved, plus any ids it names). */
export function depTables(rule: Rule, set: NonNullable<RuleContext['templates']>): string[] | undefined {
  const d = rule.deps;
  if (!d || (!d.tables && !d.roles)) return undefined;
  return [...(d.tables ?? []), ...(d.roles ? roleIds(set, d.roles) : [])];
}

// ------------------------------------------------------------------------------------------------
// Memos (derived tables and rows are never mutated once made)

/** A per-table-object memo. */
export function perTable<T>(read: (t: DerivedTable) => T): (t: DerivedTable) => T {
  const cache = new WeakMap<DerivedTable, T>();
  return (t) => {
    let v = cache.get(t);
    if (v === undefined) cache.set(t, (v = read(t)));
    return v;
  };
}

const byTemplateCache = new WeakMap<readonly DerivedTable[], Map<string, DerivedTable[]>>();

/** Every derived table of a role (a project-block role: every block), in order. */
export function roleTables(ctx: RuleContext, role: TableRole): readonly DerivedTable[] {
  if (ctx.tablesOf) {
    // Kept grouped by the caller (a Session): the same list while its tables are unchanged.
    const id = ctx.templates ? roleTemplateId(ctx.templates, role) : undefined;
    return (id && ctx.tablesOf(id)) || [];
  }
  let m = byTemplateCache.get(ctx.tables);
  if (!m) {
    m = new Map();
    for (const t of ctx.tables) {
      const k = templateOf(t.id);
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    }
    byTemplateCache.set(ctx.tables, m);
  }
  const id = ctx.templates ? roleTemplateId(ctx.templates, role) : undefined;
  return (id && m.get(id)) || [];
}

/** The derived tables of roles, or null after emitting 无法核验 for those the file lacks. */
export function requireTables<R extends TableRole[]>(ctx: RuleContext, emit: Emit, ...roles: R): { [K in keyof R]: DerivedTable } | null {
  const found = roles.map((r) => {
    const id = ctx.templates ? roleTemplateId(ctx.templates, r) : undefined;
    return id ? ctx.table(id) : undefined;
  });
  const absent = roles.filter((_, i) => !found[i]);
  if (absent.length === 0) return found as { [K in keyof R]: DerivedTable };
  const nos = absent.map((r) => ctx.templates?.tables.find((t) => t.role === r)?.no ?? r);
  emit.report(`无法核验：本文件没有${nos.join('、')}`, [], 'unverifiable');
  return null;
}

/**
 * A global rule's findings when its inputs are those of its last run on the open document: the
 * rule lists what its findings depend on (`inputs`, compared item by item with `same`); when all
 * are the same the last findings are emitted again, else `run` emits afresh. Kept in the
 * document's store (emptied whenever the state a revision stands for could differ); a one-off
 * check just runs.
 */
export function reuseFindings<I>(ctx: RuleContext, emit: Emit, name: string, inputs: readonly I[], same: (a: I, b: I) => boolean, run: () => void): void {
  const store = ctx.document?.store;
  if (!store) return run();
  const key = `rule:${name}`;
  const prev = store.get(key) as { inputs: readonly I[]; found: Finding[] } | undefined;
  if (prev && prev.inputs.length === inputs.length && prev.inputs.every((x, i) => same(x, inputs[i]))) {
    pushAll(emit.out, prev.found);
    return;
  }
  const start = emit.out.length;
  run();
  store.set(key, { inputs, found: emit.out.slice(start) });
}

/** A map a global rule keeps between its runs on the open document (see reuseFindings); fresh for a one-off check. */
export function documentMemo<K, V>(ctx: RuleContext, name: string): Map<K, V> {
  const store = ctx.document?.store;
  if (!store) return new Map();
  const key = `rule:${name}`;
  let m = store.get(key) as Map<K, V> | undefined;
  if (!m) store.set(key, (m = new Map()));
  return m;
}
