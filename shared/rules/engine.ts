/**
 * The rule engine: run rules over a context, in order, and collect their findings. A rule that
 * throws does not stop the others: it reports itself as 无法核验 with the reason. Each finding is
 * stamped with its scope and subject (the table roles it concerns), so no one parses messages.
 */
import { pushAll } from '../arrays';
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { DerivedTable } from '../tables/types';
import type { TemplateSet } from '../tables/template-types';
import { ruleFailure } from './define';
import { roleOf } from './roles';
import { templateOf } from '../tables/roles';
import type { TableRole } from '../tables/roles';
import type { CheckedDocument, Finding, Rule, RuleContext, Severity } from './types';

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

/** One rule's findings; an exception becomes an 无法核验 finding naming the rule. */
export function runRule(ctx: RuleContext, rule: Rule): Finding[] {
  let found: Finding[];
  try {
    found = rule.check(ctx);
  } catch (e) {
    found = [ruleFailure(rule, e)];
  }
  return stamp(ctx, rule, found);
}

/**
 * Scope and subject of a rule's findings: a narrative rule's are about the narrative; the subject
 * is the roles of the cells named, else of the tables the rule reads.
 */
export function stamp(ctx: RuleContext, rule: Rule, found: Finding[]): Finding[] {
  if (found.length === 0) return found;
  const scope = rule.scope ?? (rule.reads?.length || rule.deps?.tables || rule.deps?.roles ? 'tables' : 'inputs');
  let read: TableRole[] | undefined;
  return found.map((f) => {
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
    const out: Finding = { ...f, scope, subject: named.length ? named : (read ??= [...new Set((rule.reads ?? []).map((r) => r.table))]) };
    stampedCopies.set(f, { rule, templates: ctx.templates, out });
    return out;
  });
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
