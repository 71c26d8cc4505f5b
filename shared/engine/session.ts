/**
 * A Session is one open department-year: the Budget, its derived tables and the findings of every
 * rule, kept current as edits come in. Every change is an Edit (shared/model/edit.ts); undo and redo
 * replay inverse edits. After an edit only the affected tables are re-derived (incremental.ts) and
 * only the rules whose inputs changed are re-run: table rules per changed table, the others by their
 * declared dependencies. The result always equals a full deriveTables + runRules
 * (tests/unit/engine-property.test.ts).
 */
import { NONE } from '../arrays';
import { builtinCatalog, type Catalog } from '../catalog/catalog';
import { applyEdits, type Edit } from '../model/edit';
import type { Budget } from '../model/types';
import { makeRuleContext, runRule, stamp, type Counts } from '../rules/engine';
import { checkOneTable, depTables, isTableRule, type TableRule } from '../rules/define';
import { forgetReplaces, noteReplaces, predecessorOf } from '../rules/lineage';
import { ALL_RULES } from '../rules/registry';
import type { Finding, InputDomain, Rule, RuleContext } from '../rules/types';
import { templatesFor } from '../tables/registry';
import type { TemplateSet } from '../tables/template-types';
import type { DerivedTable } from '../tables/types';
import { deriveAll, emptyChange, fullChange, noteEdit, rederive, type Change } from './incremental';

export interface SessionOptions {
  catalog?: Catalog;
  /** Defaults to the template set the budget names (meta.templateId). */
  templates?: TemplateSet;
  rules?: readonly Rule[];
  /** false: re-derive and re-check everything after each edit (for comparison and debugging). */
  incremental?: boolean;
  /**
   * Rules re-run off the typing path: after an edit they are marked pending and re-run by settle(),
   * which the session schedules itself (see `schedule`). Default: none — every rule, the narrative
   * rules included, runs within the edit (the narrative check re-reads only the paragraphs whose
   * text changed; shared/narrative/memo.ts). `(r) => NARRATIVE_RULE_SET.has(r)` defers those.
   */
  defer?: (rule: Rule) => boolean;
  /** How settle() is scheduled after an edit; default setTimeout(…, 0); null: only by calling settle(). */
  schedule?: ((task: () => void) => void) | null;
}

/** `index`: which of several edits was refused (absent when the edits were taken but deriving failed). */
export type ApplyResult = { ok: true } | { ok: false; reason: string; index?: number };

interface HistoryEntry {
  id: number;
  forward: Edit[];
  inverse: Edit[];
}

export type SessionListener = (session: Session) => void;

export class Session {
  private readonly catalog: Catalog;
  private readonly templates: TemplateSet;
  private readonly rules: readonly Rule[];
  private readonly incremental: boolean;
  private readonly _budget: Budget;

  /** Kept between runs for the rules (rules/types.ts CheckedDocument): the narrative's readings. */
  private readonly store = new Map<string, unknown>();
  /** CheckedDocument.inputVersion: per input domain the step it last changed at, and the last full recompute's. */
  private versionStep = 0;
  private fullVersion = 0;
  private readonly domainVersions = new Map<InputDomain, number>();
  private readonly inputVersion = (d: InputDomain): number => Math.max(this.fullVersion, this.domainVersions.get(d) ?? 0);
  private byTemplate = new Map<string, DerivedTable[]>();
  private _tables: DerivedTable[] = [];
  private ctx!: RuleContext;
  /** Per rule: its findings; for a table rule made from ruleParts when asked for (null until then). */
  private ruleFindings: (Finding[] | null)[] = [];
  /** Per table rule: its findings per template, per table in order (see checkTableRule). */
  private ruleParts: Finding[][][][] = [];
  private tableCache: WeakMap<DerivedTable, Finding[]>[] = [];
  /**
   * Per table rule and template: its tables as last checked and their findings. While the findings
   * stand, an entry only follows its template's new tables (checkTableRule).
   */
  private templateFindings: Map<string, { tables: readonly DerivedTable[]; found: Finding[][] }>[] = [];
  /** Per table rule: the template ids it checks in this session's set. */
  private readonly ruleTemplates: string[][];
  private allFindings: Finding[] | null = null;
  private _counts: Counts = { error: 0, warning: 0, info: 0, unverifiable: 0 };
  private cellIndex: Map<string, Finding[]> | null = null;

  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private nextId = 1;
  private savedId = 0;
  private listeners = new Set<SessionListener>();
  private readonly deferred: boolean[];
  /** Template ids each rule depends on in this session's set (roles resolved). */
  private readonly depTables: (string[] | undefined)[];
  /** Deferred rules whose inputs changed since they last ran. */
  private stale = new Set<number>();
  private readonly schedule: ((task: () => void) => void) | null;
  private scheduled = false;

  constructor(budget: Budget, options: SessionOptions = {}) {
    this._budget = budget;
    this.catalog = options.catalog ?? builtinCatalog();
    this.templates = options.templates ?? templatesFor(budget.meta.templateId);
    this.rules = options.rules ?? ALL_RULES;
    this.incremental = options.incremental ?? true;
    this.tableCache = this.rules.map(() => new WeakMap());
    this.templateFindings = this.rules.map(() => new Map());
    const defer = options.defer ?? (() => false);
    this.deferred = this.rules.map((r) => !isTableRule(r) && defer(r));
    this.depTables = this.rules.map((r) => depTables(r, this.templates));
    this.ruleTemplates = this.rules.map((r) => (isTableRule(r) ? this.templates.tables.filter((t) => r.appliesTo(t.id, this.templates)).map((t) => t.id) : []));
    this.schedule = options.schedule === undefined ? (task) => void setTimeout(task, 0) : options.schedule;
    this.recompute(fullChange(), true, 0);
    this.settle(false);
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** The live budget. Change it only through apply(), or the tables and findings go stale. */
  get budget(): Budget {
    return this._budget;
  }

  get tables(): readonly DerivedTable[] {
    return this._tables;
  }

  table(id: string): DerivedTable | undefined {
    return this.ctx.table(id);
  }

  get findings(): readonly Finding[] {
    return (this.allFindings ??= this.ruleFindings.flatMap((found, i) => found ?? this.flatten(i)));
  }

  get counts(): Counts {
    return this._counts;
  }

  /** The rule context of the current state (tables, catalog, profile): for describing cells, narrative. */
  get context(): RuleContext {
    return this.ctx;
  }

  /** Findings that name a cell (for marking the grid). */
  findingsForCell(table: string, row: string, column: string): readonly Finding[] {
    if (!this.cellIndex) {
      const idx = new Map<string, Finding[]>();
      for (const f of this.findings) {
        for (const c of f.cells) {
          const k = `${c.table}\u0000${c.row}\u0000${c.column}`;
          const list = idx.get(k);
          if (list) {
            if (list[list.length - 1] !== f) list.push(f);
          } else idx.set(k, [f]);
        }
      }
      this.cellIndex = idx;
    }
    return this.cellIndex.get(`${table}\u0000${row}\u0000${column}`) ?? [];
  }

  /** True while deferred rules (SessionOptions.defer) still have to catch up with the last edit. */
  get pending(): boolean {
    return this.stale.size > 0;
  }

  /** Re-runs the deferred rules that are out of date; afterwards findings equal a full check. */
  settle(notify = true): void {
    this.scheduled = false;
    if (this.stale.size === 0) return;
    for (const i of [...this.stale].sort((a, b) => a - b)) this.setRuleFindings(i, runRule(this.ctx, this.rules[i], this.ruleFindings[i]));
    this.stale.clear();
    this.publishFindings();
    if (notify) this.notify();
  }

  // ---------------------------------------------------------------------------------------------
  // Edits and history

  /** Applies one edit, or several as one undo step (a paste). A rejected edit changes nothing. */
  apply(edit: Edit | readonly Edit[]): ApplyResult {
    const forward = Array.isArray(edit) ? [...(edit as readonly Edit[])] : [edit as Edit];
    if (forward.length === 0) return { ok: true };
    const r = this.run(forward, this.nextId);
    if (!r.ok) return r;
    this.undoStack.push({ id: this.nextId++, forward, inverse: r.inverse });
    this.redoStack = [];
    this.notify();
    return { ok: true };
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  undo(): boolean {
    const entry = this.undoStack.pop();
    if (!entry) return false;
    const r = this.run(entry.inverse, this.revision);
    if (!r.ok) {
      this.undoStack.push(entry);
      return false;
    }
    this.redoStack.push(entry);
    this.notify();
    return true;
  }

  redo(): boolean {
    const entry = this.redoStack.pop();
    if (!entry) return false;
    const r = this.run(entry.forward, entry.id);
    if (!r.ok) {
      this.redoStack.push(entry);
      return false;
    }
    this.undoStack.push({ ...entry, inverse: r.inverse });
    this.notify();
    return true;
  }

  /**
   * Which state of the budget this is: the same number exactly when the same edits are in effect
   * (undo and redo come back to a number). Re-checks after an edit do not change it.
   */
  get revision(): number {
    return this.undoStack[this.undoStack.length - 1]?.id ?? 0;
  }

  /** True when the state differs from the one last saved (or opened). */
  get dirty(): boolean {
    return this.revision !== this.savedId;
  }

  /**
   * Records what was saved: `revision` is the state the written bytes were taken from (a save
   * snapshots, writes, then calls this; edits made meanwhile stay unsaved). Default: now.
   */
  markSaved(revision: number = this.revision): void {
    this.savedId = revision;
    this.notify();
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Re-derives and re-checks everything (after loading a newer catalog into the same objects, say). */
  refresh(): void {
    this.store.clear(); // the same revision, but read with a newer catalog
    this.recompute(fullChange(), true, this.revision);
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l(this);
    if (this.stale.size > 0 && this.schedule && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.settle());
    }
  }

  /**
   * Applies edits to the budget and brings tables and findings up to date; rolls back on failure.
   * `revision` is the revision the state will have once they are applied.
   */
  private run(edits: readonly Edit[], revision: number): { ok: true; inverse: Edit[] } | { ok: false; reason: string; index?: number } {
    const r = applyEdits(this._budget, edits);
    if (!r.ok) return r;
    const change = emptyChange();
    for (const e of edits) noteEdit(change, e);
    for (const e of r.inverse) noteEdit(change, e);
    try {
      this.recompute(change, !this.incremental, revision);
    } catch (e) {
      // Deriving failed (e.g. an amount beyond exact arithmetic): undo the edit, restore the state.
      // What was kept under the failed revision's number must not outlive it (the number is reused).
      applyEdits(this._budget, r.inverse);
      this.store.clear();
      this.recompute(fullChange(), true, this.revision);
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
    return { ok: true, inverse: r.inverse };
  }

  // ---------------------------------------------------------------------------------------------
  // Derivation and checking

  /** Milliseconds the last update spent deriving tables and running rules (diagnostics, bench). */
  readonly timing = { derive: 0, check: 0 };

  private recompute(change: Change, full: boolean, revision: number): void {
    const t0 = performance.now();
    const dctx = { catalog: this.catalog, templates: this.templates };
    let changedTemplates: Set<string>;
    const before = this.byTemplate;
    const noted: DerivedTable[] = [];
    const step = ++this.versionStep;
    if (full) this.fullVersion = step;
    else for (const d of change.domains) this.domainVersions.set(d, step);
    if (full) {
      this.byTemplate = deriveAll(this._budget, dctx);
      changedTemplates = new Set(this.byTemplate.keys());
    } else {
      const r = rederive(this.byTemplate, this._budget, dctx, change);
      this.byTemplate = r.tables;
      changedTemplates = r.changed;
      for (const id of changedTemplates) noteReplacements(before.get(id), this.byTemplate.get(id), noted);
    }
    this._tables = flatTables(this.templates, this.byTemplate);
    this.ctx = makeRuleContext(this._budget, this._tables, dctx, { revision, store: this.store, inputVersion: this.inputVersion }, this.byTemplate);
    const t1 = performance.now();
    try {
      this.check(change, changedTemplates, full);
    } finally {
      for (const t of noted) forgetReplaces(t);
    }
    this.timing.derive = t1 - t0;
    this.timing.check = performance.now() - t1;
  }

  private check(change: Change, changedTemplates: Set<string>, full: boolean): void {
    const ctx = this.ctx;
    const domains = change.domains;
    this.rules.forEach((rule, i) => {
      const inputsChanged = full || !!rule.deps?.inputs?.some((d) => domains.has(d));
      if (isTableRule(rule)) {
        const tpls = this.ruleTemplates[i];
        // Nothing it checks changed: its findings stand (most rules on most edits).
        if (!inputsChanged && this.ruleParts[i] && !tpls.some((id) => changedTemplates.has(id))) return;
        this.checkTableRule(i, rule, tpls, changedTemplates, inputsChanged);
        return;
      }
      const deps = rule.deps;
      const tables = this.depTables[i];
      const needed =
        full ||
        inputsChanged ||
        !this.ruleFindings[i] ||
        !deps ||
        (!tables && !deps.inputs) ||
        !!tables?.some((id) => changedTemplates.has(id));
      if (!needed) return;
      if (this.deferred[i] && this.ruleFindings[i]) this.stale.add(i);
      else this.setRuleFindings(i, runRule(ctx, rule, this.ruleFindings[i]));
    });
    this.publishFindings();
  }

  /**
   * A table rule per template: unchanged templates keep their findings; in a changed one, a table
   * object that did not change (a project block other than the edited one) keeps its findings, and
   * a re-checked table whose findings equal its predecessor's keeps that list (stamp). The counts
   * move by the tables whose findings changed, and the rule's flat list is made only when asked
   * for (a template of 540 blocks is not copied per edit). Nothing is allocated for a template
   * whose findings stand: its entry takes the new tables in place.
   */
  private checkTableRule(i: number, rule: TableRule, tpls: readonly string[], changedTemplates: Set<string>, inputsChanged: boolean): void {
    const ctx = this.ctx;
    const byTpl = this.templateFindings[i];
    const cache = this.tableCache[i];
    const first = !this.ruleParts[i];
    // Copied on the first change (no closure made per call: a table rule runs per changed template on every edit).
    let counts: Counts | null = null;
    // The parts as last listed, copied on the first template whose findings list changed.
    let parts: Finding[][][] = first ? new Array(tpls.length) : this.ruleParts[i];
    let copied = first;
    for (let k = 0; k < tpls.length; k++) {
      const id = tpls[k];
      const prior = byTpl.get(id);
      let entry = inputsChanged || changedTemplates.has(id) ? undefined : prior;
      if (!entry) {
        const keep = inputsChanged ? undefined : prior;
        const tables = this.byTemplate.get(id) ?? NO_TABLES;
        // Blocks may move (a project added or removed): their findings are also kept by table object.
        // A template's single table is found by its place (no entry per table per edit in the cache).
        const blocks = tables.length > 1;
        const was = prior && prior.found.length === tables.length ? prior.found : null;
        // The prior list while every position's findings are the same objects; copied on the first that differs.
        let found: Finding[][] = was ?? new Array(tables.length);
        for (let j = 0; j < tables.length; j++) {
          const t = tables[j];
          // Blocks keep their places: compare by position before looking the table up.
          let r = keep && keep.tables[j] === t ? keep.found[j] : inputsChanged ? undefined : (cache.get(t) ?? this.sameRowFindings(rule, cache, t, prior, j, blocks));
          if (!r) {
            // The findings the table at this place had, when it is the same table (by id) re-derived.
            const before = prior && prior.tables[j]?.id === t.id ? prior.found[j] : undefined;
            r = stamp(ctx, rule, checkOneTable(rule, t, ctx), before);
            // Nothing found (most tables): one shared empty list, so a position that had none and has
            // none again counts as unchanged and the rule's flat list stands.
            if (r.length === 0) r = NO_FINDINGS;
            if (blocks) cache.set(t, r);
          }
          if (was) {
            if (r === was[j]) continue;
            if (found === was) found = was.slice();
            // Counts: only positions whose findings changed move them.
            const c = (counts ??= { ...this._counts });
            for (const f of was[j]) c[f.severity]--;
            for (const f of r) c[f.severity]++;
          }
          found[j] = r;
        }
        if (!was) {
          const c = (counts ??= { ...this._counts });
          if (prior) for (const r of prior.found) for (const f of r) c[f.severity]--;
          for (const r of found) for (const f of r) c[f.severity]++;
        }
        if (prior && found === prior.found) {
          // Its findings stand: the entry only follows the new tables (the same positions).
          prior.tables = tables;
          entry = prior;
        } else byTpl.set(id, (entry = { tables, found }));
      } else if (first) {
        const c = (counts ??= { ...this._counts });
        for (const r of entry.found) for (const f of r) c[f.severity]++;
      }
      if (parts[k] !== entry.found) {
        if (!copied) (parts = parts.slice()), (copied = true);
        parts[k] = entry.found;
      }
    }
    this.ruleParts[i] = parts;
    if (!copied) return; // every template's findings stand: counts and the flat list too
    if (counts) this._counts = counts;
    this.ruleFindings[i] = null;
  }

  /**
   * A row-local or summing rule's findings on `t` when they are those of the table it replaces:
   * the rows it added and dropped yield nothing (lineage.ts). The predecessor's findings are found
   * at its place in the template's last entry, else in the cache (blocks only: `keep`).
   */
  private sameRowFindings(
    rule: TableRule,
    cache: WeakMap<DerivedTable, Finding[]>,
    t: DerivedTable,
    prior: { tables: readonly DerivedTable[]; found: Finding[][] } | undefined,
    j: number,
    keep: boolean,
  ): Finding[] | undefined {
    if (!rule.unchangedFrom) return undefined;
    const old = predecessorOf(t);
    if (!old) return undefined;
    const r0 = prior && prior.tables[j] === old ? prior.found[j] : cache.get(old);
    if (!r0 || !rule.unchangedFrom(t, old)) return undefined;
    if (keep) cache.set(t, r0);
    return r0;
  }

  /** A table rule's findings in order, from its parts (kept until they change). */
  private flatten(i: number): Finding[] {
    const out: Finding[] = [];
    for (const tpl of this.ruleParts[i] ?? []) for (const r of tpl) for (const f of r) out.push(f);
    return (this.ruleFindings[i] = out);
  }

  /** A rule's new findings; the counts follow them (no pass over every finding per edit). */
  private setRuleFindings(i: number, found: Finding[]): void {
    const old = this.ruleFindings[i];
    if (old === found) return;
    const counts = { ...this._counts };
    if (old) for (const f of old) counts[f.severity]--;
    for (const f of found) counts[f.severity]++;
    this._counts = counts;
    this.ruleFindings[i] = found;
  }

  /** All findings in rule order are listed again when next asked for (findings, findingsForCell). */
  private publishFindings(): void {
    this.allFindings = null;
    this.cellIndex = null;
  }
}

/** The findings of a table with none (shared, frozen: never pushed to). */
const NO_FINDINGS = NONE as unknown as Finding[];
const NO_TABLES = NONE as unknown as DerivedTable[];

/** The tables in template order, in one array of the final length (no growing copies per edit). */
function flatTables(templates: TemplateSet, byTemplate: ReadonlyMap<string, readonly DerivedTable[]>): DerivedTable[] {
  let n = 0;
  for (const t of templates.tables) n += byTemplate.get(t.id)?.length ?? 0;
  const out: DerivedTable[] = new Array(n);
  let k = 0;
  for (const t of templates.tables) for (const table of byTemplate.get(t.id) ?? []) out[k++] = table;
  return out;
}

/** Notes which table of a re-derived template replaces which (by id), for the row-local rules; `noted` collects them. */
function noteReplacements(before: readonly DerivedTable[] | undefined, after: readonly DerivedTable[] | undefined, noted: DerivedTable[]): void {
  if (!before?.length || !after?.length) return;
  let old: Map<string, DerivedTable> | null = null;
  after.forEach((t, i) => {
    // Blocks usually keep their places: look up by id only when they moved.
    const o = before[i]?.id === t.id ? before[i] : (old ??= new Map(before.map((b) => [b.id, b]))).get(t.id);
    if (o && o !== t) {
      noteReplaces(t, o);
      noted.push(t);
    }
  });
}
