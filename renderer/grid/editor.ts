/**
 * The one cell editor, with Excel's two modes. Started by typing (a printable key, or text an input
 * method composed on the selected cell): 输入 mode, where ← → ↑ ↓ commit and move. Started by F2,
 * Enter or a double-click: 编辑 mode, where ← → move the caret and ↑ ↓ commit and move (F2 while
 * typing switches to it). Tab and Shift+Tab commit and move in both.
 * An amount starts as the officer would type it ('12345', not '12,345.00' or '12345.00'); a text
 * from its stored value; long texts edit in a popup textarea. Closed lists (指标性质, 是否核心指标)
 * and suggestions (计量单位) are offered in a datalist; the session validates what is committed.
 * The value is committed through the column's valueSetter, i.e. through the session.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import { fenToYuanText } from '../../shared/money';
import type { InputRef } from '../../shared/tables';
import { choicesFor } from '../../shared/model';
import type { GridRow } from './model';

export interface EditorContext {
  readInput(ref: InputRef): string;
  /** Text an input method composed on the selected cell, to start the editor with (taken once). */
  takeStartText(): string | null;
}

type EditMode = 'enter' | 'edit';

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
let listSeq = 0;

export class CellEditor implements ICellEditorComp<GridRow, string> {
  private wrapper!: HTMLElement;
  private input!: HTMLInputElement | HTMLTextAreaElement;
  private popup = false;
  private select = false;
  private start = '';
  private mode: EditMode = 'edit';

  init(params: ICellEditorParams<GridRow, string>): void {
    const col = params.column.getColId();
    const cell = params.data?.cells[col];
    const ctx = params.context as EditorContext;
    const composed = ctx.takeStartText();
    const key = params.eventKey;
    const typed = composed ?? (key === 'Backspace' || key === 'Delete' ? '' : key && key.length === 1 ? key : null);
    if (typed !== null) this.mode = 'enter';
    this.select = typed === null && key !== 'F2';
    this.start = (() => {
      if (typed !== null) return typed;
      if (cell?.kind === 'money') return cell.fen ? fenToYuanText(cell.fen) : '';
      return cell?.input ? ctx.readInput(cell.input) : '';
    })();
    const long = cell?.kind === 'text' && ((cell.colSpan ?? 1) >= 3 || (cell.text?.length ?? 0) > 24);
    this.popup = long;
    this.wrapper = document.createElement('div');
    this.wrapper.className = long ? 'cell-editor cell-editor-popup' : 'cell-editor';
    if (long) {
      const ta = document.createElement('textarea');
      ta.rows = 4;
      const width = params.eGridCell.getBoundingClientRect().width;
      ta.style.width = `${Math.max(360, width)}px`;
      this.input = ta;
    } else {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = cell?.kind === 'money' ? 'decimal' : 'text';
      const choices = cell?.input ? choicesFor(cell.input) : null;
      if (choices) {
        const list = document.createElement('datalist');
        list.id = `cell-choices-${++listSeq}`;
        for (const v of choices.values) list.appendChild(Object.assign(document.createElement('option'), { value: v }));
        this.wrapper.appendChild(list);
        input.setAttribute('list', list.id);
      }
      this.input = input;
    }
    this.input.addEventListener('keydown', (e) => this.onKey(e as KeyboardEvent, params));
    this.input.className = `cell-editor-input${cell?.kind === 'money' ? ' money' : ''}`;
    this.input.setAttribute('aria-label', '编辑单元格');
    this.input.spellcheck = false;
    this.input.value = this.start;
    this.wrapper.appendChild(this.input);
  }

  private onKey(e: KeyboardEvent, params: ICellEditorParams<GridRow, string>): void {
    // Shift+Enter: a line break inside a long text; Enter alone commits (handled by the grid).
    if (e.key === 'Enter' && e.shiftKey && this.popup) {
      e.stopPropagation();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    // F2 while typing switches to 编辑 mode (← → then move the caret), as in Excel.
    if (e.key === 'F2') {
      e.preventDefault();
      e.stopPropagation();
      this.mode = 'edit';
      return;
    }
    // Tab / Shift+Tab commit and move to the next cell without opening it, as in Excel.
    if (e.key !== 'Tab') {
      if (!ARROWS.has(e.key) || e.shiftKey) return;
      const vertical = e.key === 'ArrowUp' || e.key === 'ArrowDown';
      // A text of several lines keeps ↑ ↓ for its lines.
      if (vertical && this.popup && this.input.value.includes('\n')) return;
      if (!vertical && this.mode === 'edit') return;
    }
    e.preventDefault();
    e.stopPropagation();
    const cellEl = params.eGridCell;
    params.api.stopEditing();
    // Move as the grid moves a selected cell (merged cells, pinned columns, scrolling).
    cellEl.focus();
    cellEl.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, code: e.code, shiftKey: e.shiftKey, bubbles: true, cancelable: true }));
  }

  getGui(): HTMLElement {
    return this.wrapper;
  }

  afterGuiAttached(): void {
    this.input.focus();
    if (this.select) this.input.select();
    else {
      const end = this.input.value.length;
      this.input.setSelectionRange(end, end);
    }
  }

  getValue(): string {
    return this.input.value;
  }

  /** Opened and closed without a change: nothing to commit (an amount starts without its '.00'). */
  isCancelAfterEnd(): boolean {
    return this.mode === 'edit' && this.input.value === this.start;
  }

  isPopup(): boolean {
    return this.popup;
  }

  getPopupPosition(): 'over' | 'under' | undefined {
    return 'over';
  }

  destroy(): void {
    this.wrapper?.remove();
  }
}
