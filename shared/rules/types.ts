/**
 * A rule is data (id, severity, title) plus one small predicate over the derived tables and inputs.
 * Ids come from the catalogue of checks (STR, GRN, SUM, XT, NT, CHG, PERF, FMT, TIM); a new check
 * gets a new id in the same style.
 */
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { DerivedTable } from '../tables/types';
import type { TemplateProfile } from '../tables/template-types';

export type Severity = 'error' | 'warning' | 'info' | 'unverifiable';

/** A cell a finding concerns: table id ('t6', 't17:p1'), row key ('30201', 'total'), column key. */
export interface CellRef {
  table: string;
  row: string;
  column: string;
}

export interface Finding {
  id: string; // 'XT-07'
  severity: Severity;
  message: string; // Chinese, with the numbers involved
  cells: CellRef[];
}

export interface RuleContext {
  budget: Budget;
  tables: readonly DerivedTable[];
  table(id: string): DerivedTable | undefined;
  catalog: Catalog;
  profile: TemplateProfile;
}

export interface Rule {
  id: string;
  severity: Severity; // the usual severity; a finding may say otherwise
  title: string; // Chinese, one line: what the rule checks
  check(ctx: RuleContext): Finding[];
}
