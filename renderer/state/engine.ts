/**
 * The one place the renderer meets the rules engine (shared/engine/session.ts). Everything else in
 * renderer/ talks to `EngineSession`, so a change of engine API is a change here only.
 */
import type { Budget, Edit } from '../../shared/model';
import type { DerivedTable } from '../../shared/tables';
import type { Finding, Severity } from '../../shared/rules/types';
import { Session } from '../../shared/engine/session';

export type { Finding, Severity };

export interface ApplyResult {
  ok: boolean;
  reason?: string;
  /** Which of several edits was refused (to name its cell). */
  index?: number;
}

export type SeverityCounts = Record<Severity, number>;

export interface EngineSession {
  readonly budget: Budget;
  readonly tables: readonly DerivedTable[];
  table(id: string): DerivedTable | undefined;
  readonly findings: readonly Finding[];
  readonly counts: SeverityCounts;
  findingsForCell(table: string, row: string, column: string): readonly Finding[];
  apply(edit: Edit): ApplyResult;
  /** Several edits, all or nothing, as one undo step (paste, a row with its name). */
  applyEdits(edits: readonly Edit[]): ApplyResult;
  undo(): boolean;
  redo(): boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly dirty: boolean;
  /** The state of the budget (see Session.revision): what a save snapshots and marks as saved. */
  readonly revision: number;
  markSaved(revision?: number): void;
  subscribe(listener: () => void): () => void;
}

class SessionAdapter implements EngineSession {
  constructor(private readonly s: Session) {}
  get budget() {
    return this.s.budget;
  }
  get tables() {
    return this.s.tables;
  }
  table(id: string) {
    return this.s.table(id);
  }
  get findings() {
    return this.s.findings;
  }
  get counts(): SeverityCounts {
    return this.s.counts;
  }
  findingsForCell(table: string, row: string, column: string) {
    return this.s.findingsForCell(table, row, column);
  }
  apply(edit: Edit): ApplyResult {
    return this.s.apply(edit);
  }
  applyEdits(edits: readonly Edit[]): ApplyResult {
    return this.s.apply(edits);
  }
  undo() {
    return this.s.undo();
  }
  redo() {
    return this.s.redo();
  }
  get canUndo() {
    return this.s.canUndo;
  }
  get canRedo() {
    return this.s.canRedo;
  }
  get dirty() {
    return this.s.dirty;
  }
  get revision() {
    return this.s.revision;
  }
  markSaved(revision?: number) {
    this.s.markSaved(revision);
  }
  subscribe(listener: () => void) {
    return this.s.subscribe(() => listener());
  }
}

export function createSession(budget: Budget): EngineSession {
  return new SessionAdapter(new Session(budget));
}
