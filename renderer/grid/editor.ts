/**
 * The one cell editor: starts from the plain stored value (readInput: '95000.00', not the printed
 * '95,000.00'), or from the key that started editing; long texts edit in a popup textarea.
 * What it returns is committed by the grid's cellEditRequest (readOnlyEdit), through the session.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { InputRef } from '../../shared/tables';
import type { GridRow } from './model';

export interface EditorContext {
  readInput(ref: InputRef): string;
}

export class CellEditor implements ICellEditorComp<GridRow, string> {
  private wrapper!: HTMLElement;
  private input!: HTMLInputElement | HTMLTextAreaElement;
  private popup = false;
  private select = false;

  init(params: ICellEditorParams<GridRow, string>): void {
    const col = params.column.getColId();
    const cell = params.data?.cells[col];
    const ctx = params.context as EditorContext;
    const start = (() => {
      const key = params.eventKey;
      if (key === 'Backspace' || key === 'Delete') return '';
      if (key && key.length === 1) return key;
      this.select = key !== 'F2';
      return cell?.input ? ctx.readInput(cell.input) : '';
    })();
    const long = cell?.kind === 'text' && ((cell.colSpan ?? 1) >= 3 || (cell.text?.length ?? 0) > 24);
    this.popup = long;
    this.wrapper = document.createElement('div');
    this.wrapper.className = long ? 'cell-editor cell-editor-popup' : 'cell-editor';
    if (long) {
      const ta = document.createElement('textarea');
      ta.rows = 4;
      ta.addEventListener('keydown', (e) => {
        // Shift+Enter: a line break inside the text; Enter alone commits (handled by the grid).
        if (e.key === 'Enter' && e.shiftKey) e.stopPropagation();
      });
      const width = params.eGridCell.getBoundingClientRect().width;
      ta.style.width = `${Math.max(360, width)}px`;
      this.input = ta;
    } else {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = cell?.kind === 'money' ? 'decimal' : 'text';
      this.input = input;
    }
    this.input.className = `cell-editor-input${cell?.kind === 'money' ? ' money' : ''}`;
    this.input.setAttribute('aria-label', '编辑单元格');
    this.input.spellcheck = false;
    this.input.value = start;
    this.wrapper.appendChild(this.input);
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
