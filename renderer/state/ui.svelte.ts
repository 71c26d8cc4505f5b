/**
 * What the window shows besides the document: the current view, the grid's focus and selection,
 * the open dialog, toasts and the busy note. No file and no edit happens here; the document and
 * edit controllers (document.svelte.ts, edits.svelte.ts) ask through it.
 */
import type { SpendKind } from '../../shared/model';
import type { NewProjectFields, PickedCode } from '../../shared/model';
import type { Scheme } from '../../shared/catalog';
import { viewOf } from '../grid/model';

export type { PickedCode };

/** The 单位与基本信息 view's id (not a table). */
export const INFO_VIEW = 'info';
/** Navigation entries that are not one of the tables. */
export const NON_TABLE_VIEWS: readonly string[] = ['overview', INFO_VIEW, 'problems', 'narrative'];

export interface CellLoc {
  table: string; // a derived table's id (a table, or one block of a block table)
  row: string;
  col: string;
}

export interface FocusRequest extends CellLoc {
  seq: number;
}

export interface Toast {
  id: number;
  kind: 'error' | 'warning' | 'info' | 'success';
  text: string;
}

export interface DialogButton {
  id: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
}

export interface CodePickerSpec {
  kind: 'codePicker';
  title: string;
  scheme: Scheme;
  level: '项' | '款';
  /** Codes already shown in the table (marked in the list). */
  existing: ReadonlySet<string>;
  /** Whether adding this code (of this kind) would duplicate a line. */
  taken(code: string, kind: SpendKind): boolean;
  /** Ask 基本支出/项目支出 (function tables). */
  askKind: boolean;
  defaultKind: SpendKind;
  hint: string;
  resolve(v: PickedCode | null): void;
}

export interface ProjectSpec {
  kind: 'project';
  category: 'key' | 'general';
  hasTargets: boolean;
  resolve(v: NewProjectFields | null): void;
}

export type DialogSpec =
  | { kind: 'confirm'; title: string; message: string; detail?: string; buttons: DialogButton[]; resolve(id: string | null): void }
  | { kind: 'newFile'; resolve(v: { department: string; year: number; templateId: string } | 'rollover' | null): void }
  | CodePickerSpec
  | ProjectSpec
  | { kind: 'export'; resolve(): void };

/** A navigation entry: 概览, the tables (by template), 情况说明, 问题. */
export interface ViewEntry {
  id: string;
  label: string;
  title: string;
}

let toastSeq = 0;
let focusSeq = 0;

export class UiState {
  view = $state<string>('overview');
  toasts = $state<Toast[]>([]);
  dialog = $state.raw<DialogSpec | null>(null);
  focus = $state.raw<FocusRequest | null>(null);
  /** The grid cell with keyboard focus (for 删除行 and the problems it has). */
  selected = $state.raw<CellLoc | null>(null);
  busy = $state<string | null>(null);
  /** The officer's choice to show (true) or fold (false) the problems beside a table; null: by window width. */
  sideProblems = $state<boolean | null>(null);

  /** Opens the cell's table and asks its grid to focus the cell. */
  goTo(loc: CellLoc): void {
    this.view = viewOf(loc.table);
    this.focus = { ...loc, seq: ++focusSeq };
  }

  openDialog<T>(make: (resolve: (v: T) => void) => DialogSpec): Promise<T> {
    return new Promise<T>((resolve) => {
      const spec = make((v: T) => {
        if (this.dialog === spec) this.dialog = null;
        resolve(v);
      });
      this.dialog = spec;
    });
  }

  confirm(opts: { title: string; message: string; detail?: string; buttons: DialogButton[] }): Promise<string | null> {
    return this.openDialog<string | null>((resolve) => ({ kind: 'confirm', ...opts, resolve }));
  }

  /** A message that acknowledges (知道了) and nothing else. */
  async tell(title: string, message: string, detail?: string): Promise<void> {
    await this.confirm({ title, message, ...(detail !== undefined ? { detail } : {}), buttons: [{ id: 'ok', label: '知道了', primary: true }] });
  }

  pickCode(spec: Omit<CodePickerSpec, 'kind' | 'resolve'>): Promise<PickedCode | null> {
    return this.openDialog<PickedCode | null>((resolve) => ({ kind: 'codePicker', ...spec, resolve }));
  }

  toast(kind: Toast['kind'], text: string): void {
    const t = { id: ++toastSeq, kind, text };
    this.toasts = [...this.toasts.slice(-3), t];
    setTimeout(() => this.dismiss(t.id), kind === 'error' ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}
