/**
 * The rule engine: run rules over a context, in order, and collect their findings. A rule that
 * throws does not stop the others: it reports itself as 无法核验 with the reason. Each finding is
 * stamped with its scope and subject (the table roles it concerns), so no one parses messages.
 */
import { pushAll, sameItems } from '../arrays';
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { DerivedTable } from '../tables/types';
import type { TemplateSet } from '../tables/template-types';
import { ruleFailure } from './define';
import { roleOf } from './roles';
import { templateOf } from '../tables/roles';
import type { TableRole } from '../tables/roles';
import type { CellRef, CheckedDocument, Finding, FindingScope, Rule, RuleContext, Severity } from './types';

export { SEVERITY_LABELS } from '../text/terms';
export { ruleFailure };

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'unverifiable'];

export type Counts = Record<Severity, number>;

/**
 * `byTemplate`: the tables grouped by template, `tables` being their concatenation in the set's
 * order (a Session keeps them so; a table's id starts with its template's, shared/tables/roles.ts
 * templateOf): tables are then found through their template's list, with no index of every table
 * built per edit.
 */
export function makeRuleContext(
  budget: Budget,
  tables: readonly DerivedTable[],
  env: { catalog: Catalog; templates: TemplateSet },
  document?: CheckedDocument,
  byTemplate?: ReadonlyMap<string, readonly DerivedTable[]>,
): RuleContext {
  let table: RuleContext['table'];
  if (byTemplate) table = (id) => inList(byTemplate.get(templateOf(id)), id);
  else {
    const byId = new Map<string, DerivedTable>();
    for (const t of tables) if (!byId.has(t.id)) byId.set(t.id, t);
    table = (id) => byId.get(id);
  }
  return {
    budget,
    tables,
    table,
    catalog: env.catalog,
    profile: env.templates.profile,
    templates: env.templates,
    ...(document ? { document } : {}),
    ...(byTemplate ? { tablesOf: (id: string) => byTemplate.get(id) } : {}),
  };
}

/** Per long list of a template's tables (project blocks), its tables by id (the first of each). */
const listIndex = new WeakMap<readonly DerivedTable[], Map<string, DerivedTable>>();

/** The first table of `id` in a template's list: scanned when short (the usual one table), else indexed once per list. */
function inList(list: readonly DerivedTable[] | undefined, id: string): DerivedTable | undefined {
  if (!list) return undefined;
  if (list.length <= 8) {
    for (const t of list) if (t.id === id) return t;
    return undefined;
  }
  let m = listIndex.get(list);
  if (!m) {
    m = new Map();
    for (const t of list) if (!m.has(t.id)) m.set(t.id, t);
    listIndex.set(list, m);
  }
  return m.get(id);
}

/**
 * One rule's findings; an exception becomes an 无法核验 finding naming the rule. `prior`: the rule's
 * stamped findings of its last run on the same template set (see stamp).
 */
export function runRule(ctx: RuleContext, rule: Rule, prior?: readonly Finding[] | null): Finding[] {
  let found: Finding[];
  try {
    found = rule.check(ctx);
  } catch (e) {
    found = [ruleFailure(rule, e)];
  }
  return stamp(ctx, rule, found, prior);
}

/**
 * Scope and subject of a rule's findings: a narrative rule's are about the narrative; the subject
 * is the roles of the cells named, else of the tables the rule reads.
 *
 * `prior`: what this rule's last run on the same template set returned. A finding equal to one of
 * them (same fields, cells compared cell by cell) is that old object, and when every one is, the
 * result is `prior` itself: findings stay the same objects across edits (nothing new is kept as
 * state, and callers see "unchanged" by identity).
 */
export function stamp(ctx: RuleContext, rule: Rule, found: Finding[], prior?: readonly Finding[] | null): Finding[] {
  if (found.length === 0) return prior && prior.length === 0 ? (prior as Finding[]) : found;
  const scope = rule.scope ?? (rule.reads?.length || rule.deps?.tables || rule.deps?.roles ? 'tables' : 'inputs');
  let byMessage: Map<string, Finding> | null = null;
  let same = !!prior && prior.length === found.length;
  const out = new Array<Finding>(found.length);
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    let o: Finding | undefined;
    if (prior) {
      // Findings mostly come in the same order: by position first, else by message.
      const p = prior[k];
      if (p && sameFinding(p, f, scope)) o = p;
      else {
        if (!byMessage) {
          byMessage = new Map();
          for (const x of prior) if (!byMessage.has(x.message)) byMessage.set(x.message, x);
        }
        const q = byMessage.get(f.message);
        if (q && sameFinding(q, f, scope)) o = q;
      }
    }
    if (o) {
      if (o !== prior![k]) same = false;
      out[k] = o;
      continue;
    }
    same = false;
    out[k] = stampOne(ctx, rule, f, scope);
  }
  return same ? (prior as Finding[]) : out;
}

function stampOne(ctx: RuleContext, rule: Rule, f: Finding, scope: FindingScope): Finding {
  if (f.scope) return f;
  // A finding a rule emits again (reuseFindings, a kept narrative topic) keeps its stamped copy.
  const kept = stampedCopies.get(f);
  if (kept && kept.rule === rule && kept.templates === ctx.templates) return kept.out;
  // The roles of its cells, each once in first-seen order (a loop: most findings name a cell or two).
  const named: TableRole[] = [];
  for (const c of f.cells) {
    const r = roleOf(ctx.templates, c.table);
    if (r && !named.includes(r)) named.push(r);
  }
  const out: Finding = { ...f, scope, subject: named.length ? named : readRoles(rule) };
  stampedCopies.set(f, { rule, templates: ctx.templates, out });
  return out;
}

/** Per rule, the roles of the tables it reads, each once (the subject of findings naming no cell; never mutated). */
const readRolesOf = new WeakMap<Rule, TableRole[]>();

function readRoles(rule: Rule): TableRole[] {
  let r = readRolesOf.get(rule);
  if (!r) readRolesOf.set(rule, (r = [...new Set((rule.reads ?? []).map((x) => x.table))]));
  return r;
}

/**
 * Whether `p`, a stamped finding of the same rule and template set, is what stamping `f` gives:
 * every field of `f` the same (cells cell by cell, a subject role by role), and no other field
 * than the scope and subject stamping adds. An unstamped `f`'s subject follows from its cells
 * (and the rule), so equal cells give an equal subject.
 */
function sameFinding(p: Finding, f: Finding, scope: FindingScope): boolean {
  if (p === f) return true;
  if (p.message !== f.message || p.id !== f.id || p.severity !== f.severity || !sameCells(p.cells, f.cells)) return false;
  const stamped = !f.scope;
  if (stamped && p.scope !== scope) return false;
  const x = f as unknown as Record<string, unknown>;
  const y = p as unknown as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    n++;
    if (k === 'message' || k === 'id' || k === 'severity' || k === 'cells') continue;
    if (stamped && (k === 'scope' || k === 'subject')) continue;
    const a = x[k];
    const b = y[k];
    if (a === b) continue;
    if (k === 'subject' && Array.isArray(a) && Array.isArray(b) && sameItems(a, b)) continue;
    return false;
  }
  if (stamped) n += ('scope' in x ? 0 : 1) + ('subject' in x ? 0 : 1);
  let m = 0;
  for (const _ in y) m++;
  return m === n;
}

function sameCells(a: readonly CellRef[], b: readonly CellRef[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const c = a[i];
    const d = b[i];
    if (c !== d && (c.table !== d.table || c.row !== d.row || c.column !== d.column)) return false;
  }
  return true;
}

/**
 * Per finding object, its stamped copy (a stamp depends only on the finding, the rule and the
 * template set; findings are never mutated once made). Held only as long as the finding is.
 */
const stampedCopies = new WeakMap<Finding, { rule: Rule; templates: TemplateSet | undefined; out: Finding }>();

/** All findings, rule by rule in the order given. */
export function runRules(ctx: RuleContext, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) pushAll(out, runRule(ctx, rule));
  return out;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, unverifiable: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
