/**
 * A rule is data (id, severity, title) plus one small predicate over the derived tables and inputs.
 * Ids come from the catalogue of checks (STR, GRN, SUM, XT, NT, CHG, PERF, FMT, TIM); a new check
 * gets a new id in the same style.
 */
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { DerivedTable } from '../tables/types';
import type { TemplateProfile, TemplateSet } from '../tables/template-types';

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
  /** The template set the tables come from (目录, mandatory tables); absent for foreign tables. */
  templates?: TemplateSet;
  /** The open document (a Session's) this context checks; absent for a one-off check. */
  document?: CheckedDocument;
}

/**
 * What a Session tells the rules about the document: which state it is in (the same revision for the
 * same state, shared/engine/session.ts) and a store where analyses shared by several rules (the
 * narrative's reading) keep what they may reuse in later runs. The Session empties it when the
 * state a revision stands for could differ (a failed edit, a refresh).
 */
export interface CheckedDocument {
  revision: number;
  store: Map<string, unknown>;
}

/**
 * What a rule reads, so a session re-runs only the rules an edit can affect. `tables` are template
 * ids ('t17' covers every 't17:<project>' block); `inputs` are parts of the Budget. A rule without
 * deps is re-run after every edit.
 */
export type InputDomain =
  | 'meta'
  | 'units'
  | 'functionLines'
  | 'econLines'
  | 'threePublic'
  | 'projects' // projects' fields and amounts (not their indicators)
  | 'indicators' // the performance indicators of projects (表十六/十七)
  | 'procurement'
  | 'performance'
  | 'assets'
  | 'texts'
  | 'names'
  | 'carryForward'
  | 'priorOperatingCost';

export interface RuleDeps {
  tables?: readonly string[];
  inputs?: readonly InputDomain[];
}

export interface Rule {
  id: string;
  severity: Severity; // the usual severity; a finding may say otherwise
  title: string; // Chinese, one line: what the rule checks
  check(ctx: RuleContext): Finding[];
  deps?: RuleDeps;
}
