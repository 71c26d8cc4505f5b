/**
 * The rule engine: run rules over a context, in order, and collect their findings. A rule that
 * throws does not stop the others: it reports itself as 无法核验 with the reason.
 */
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { DerivedTable } from '../tables/types';
import type { TemplateSet } from '../tables/template-types';
import type { CheckedDocument, Finding, Rule, RuleContext, Severity } from './types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'unverifiable'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
  unverifiable: '无法核验',
};

export type Counts = Record<Severity, number>;

export function makeRuleContext(
  budget: Budget,
  tables: readonly DerivedTable[],
  env: { catalog: Catalog; templates: TemplateSet },
  document?: CheckedDocument,
): RuleContext {
  const byId = new Map<string, DerivedTable>();
  for (const t of tables) if (!byId.has(t.id)) byId.set(t.id, t);
  return {
    budget,
    tables,
    table: (id) => byId.get(id),
    catalog: env.catalog,
    profile: env.templates.profile,
    templates: env.templates,
    ...(document ? { document } : {}),
  };
}

/** One rule's findings; an exception becomes an 无法核验 finding naming the rule. */
export function runRule(ctx: RuleContext, rule: Rule): Finding[] {
  try {
    return rule.check(ctx);
  } catch (e) {
    return [ruleFailure(rule, e)];
  }
}

export function ruleFailure(rule: Rule, e: unknown): Finding {
  return {
    id: rule.id,
    severity: 'unverifiable',
    message: `${rule.title}：校验时出错，无法核验（${e instanceof Error ? e.message : String(e)}）`,
    cells: [],
  };
}

/** All findings, rule by rule in the order given. */
export function runRules(ctx: RuleContext, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) out.push(...runRule(ctx, rule));
  return out;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, unverifiable: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
