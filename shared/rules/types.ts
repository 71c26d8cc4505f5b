/**
 * A rule is data (id, severity, title) plus one small predicate over the derived tables and inputs.
 * Ids come from the catalogue of checks (STR, GRN, SUM, XT, NT, CHG, PERF, FMT, TIM); a new check
 * gets a new id in the same style.
 */
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { DerivedTable } from '../tables/types';
import type { TableRole } from '../tables/roles';
import type { FormBinding, TemplateProfile, TemplateSet } from '../tables/template-types';

export type Severity = 'error' | 'warning' | 'info' | 'unverifiable';

/** A cell a finding concerns: derived table id (a block: '<id>:<project>'), row key ('30201', 'total'), column key. */
export interface CellRef {
  table: string;
  row: string;
  column: string;
}

/** What a finding is about, so no one classifies findings by their wording. */
export type FindingScope = 'tables' | 'inputs' | 'narrative';

export interface Finding {
  id: string; // 'XT-07'
  severity: Severity;
  message: string; // Chinese, with the numbers involved
  cells: CellRef[];
  /** Set by the engine from the rule that found it (absent on findings made outside a rule run). */
  scope?: FindingScope;
  /** The table roles the finding concerns (from its cells, else the rule's reads). */
  subject?: readonly TableRole[];
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
  /**
   * The tables of a template, in order, when the caller keeps them grouped (a Session): the same
   * array object for as long as they are unchanged, so what is computed per list stays valid.
   */
  tablesOf?(templateId: string): readonly DerivedTable[] | undefined;
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
  /**
   * A number that changes whenever the budget's inputs of `domain` may have changed (an edit
   * touching them, a full recompute) and is never given again for other contents: what a rule
   * computes from those inputs alone may be kept under it. Absent: assume they changed.
   */
  inputVersion?(domain: InputDomain): number;
}

/**
 * What a rule reads, so a session re-runs only the rules an edit can affect. `tables` are template
 * ids (a block template's id covers each of its '<id>:<project>' blocks); `inputs` are parts of the Budget. A rule without
 * deps is re-run after every edit.
 */
export type InputDomain =
  | 'meta'
  | 'units'
  | 'functionLines'
  | 'econLines'
  | 'threePublic'
  | 'projects' // projects' fields and amounts (not their indicators)
  | 'indicators' // the performance indicators of projects (the project-block tables)
  | 'procurement'
  | 'performance'
  | 'assets'
  | 'texts'
  | 'names'
  | 'carryForward'
  | 'priorOperatingCost';

export interface RuleDeps {
  /** Template ids (the narrative rules name these). */
  tables?: readonly string[];
  /** Table roles, resolved to ids against the set in use. */
  roles?: readonly TableRole[];
  inputs?: readonly InputDomain[];
}

/**
 * A place in a role's table that a rule reads: the table itself, one of its columns, a summary line
 * in a column, or a bound form field. Every read must resolve when the set is loaded, or the rule
 * reports 无法核验 naming what is missing. A set without a table for the role does not publish it:
 * the rule then does not apply, unless the read is `optional` (the rule runs without that table).
 */
export interface RoleRead {
  table: TableRole;
  column?: string;
  line?: string;
  field?: FormBinding;
  optional?: boolean;
}

export interface Rule {
  id: string;
  severity: Severity; // the usual severity; a finding may say otherwise
  title: string; // Chinese, one line: what the rule checks
  check(ctx: RuleContext): Finding[];
  deps?: RuleDeps;
  /** What the rule reads in the tables (rules made by defineRule). */
  reads?: readonly RoleRead[];
  scope?: FindingScope;
}
