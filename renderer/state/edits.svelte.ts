/**
 * The edit controller: sends Edits to the session (one undo step each call) and remembers where
 * each step happened, so undo/redo take the grid back there. Row operations come from
 * shared/model/rows.ts; this only asks the officer (code picker, project dialog, confirmation) and
 * sends what they return.
 */
import {
  addEconLine,
  addFunctionLine,
  addIndicator,
  addProcurement,
  addProject,
  econCodes,
  econScheme,
  functionLineTaken,
  functionSourceName,
  moveRow,
  projectCategoryOf,
  projectDetail,
  readInput,
  removeProject,
  removeRow,
  targetColumn,
  type Edit,
  type NewProjectFields,
  type RowOp,
  type RowTarget,
} from '../../shared/model';
import type { InputRef, TableTemplate } from '../../shared/tables';
import { quotedCellName } from '../../shared/text/cells';
import { viewOf } from '../grid/model';
import { skippedText, type BlockPlan } from '../grid/blocks';
import type { AppState } from './app.svelte';
import type { CellLoc } from './ui.svelte';
import type { ApplyResult } from './engine';

export class EditController {
  /** Where each undo step happened, parallel to the session's undo/redo stacks. */
  private undoLocs: (CellLoc | null)[] = [];
  private redoLocs: (CellLoc | null)[] = [];

  constructor(private readonly app: AppState) {}

  /** A new document: no steps to walk back. */
  reset(): void {
    this.undoLocs = [];
    this.redoLocs = [];
  }

  private get session() {
    return this.app.session;
  }

  /** One edit as one undo step; `loc` is where the grid should go on undo/redo. */
  apply(edit: Edit, loc: CellLoc | null = null): ApplyResult {
    const r = this.session.apply(edit);
    if (r.ok) this.pushLoc(loc);
    return r;
  }

  /** Several edits as one undo step, all or nothing; a refusal says which edit (`index`). */
  applyEdits(edits: readonly Edit[], loc: CellLoc | null = null): ApplyResult {
    if (edits.length === 0) return { ok: true };
    const r = this.session.applyEdits(edits);
    if (r.ok) this.pushLoc(loc);
    return r;
  }

  private pushLoc(loc: CellLoc | null): void {
    this.undoLocs.push(loc);
    this.redoLocs = [];
  }

  /** The grid cell a row operation's target names, in the tables as they are now. */
  private locOf(target: RowTarget): CellLoc {
    return { table: target.table, row: target.row, col: targetColumn(this.session.table(target.table), target) };
  }

  /** Sends a row operation; on success says so and takes the grid to it. */
  private send(op: RowOp, refused: string): boolean {
    const r = this.session.applyEdits(op.edits);
    if (!r.ok) {
      this.app.ui.toast('error', r.reason ?? refused);
      return false;
    }
    this.pushLoc(this.locOf(op.undo));
    this.app.ui.toast('success', op.message);
    this.app.ui.goTo(this.locOf(op.focus));
    return true;
  }

  /**
   * A paste, fill or clear of a block as one undo step, all or nothing: a value the session refuses
   * names its cell (`locAt` maps a block position to its cell) and nothing changes; skipped
   * computed or read-only cells are counted. Returns whether it was applied.
   */
  applyBlock(plan: BlockPlan, locAt: (at: [number, number]) => CellLoc, verb: string): boolean {
    const ui = this.app.ui;
    const at = (k: number) => locAt(plan.edits[k].at);
    // The skipped cells as the table shows them after the edits.
    const skipped = () =>
      skippedText(
        plan,
        (p) => {
          const loc = locAt(p);
          return this.session.table(loc.table)?.body.find((r) => r.key === loc.row)?.cells.find((c) => c.col === loc.col);
        },
        verb,
      );
    if (plan.edits.length === 0) {
      if (plan.skipped.length) ui.toast('info', `没有可${verb}的录入单元格：${skipped()}`);
      return false;
    }
    const res = this.applyEdits(plan.edits.map((x) => x.edit), at(0));
    if (!res.ok) {
      // The session names the refused edit; nothing was changed.
      const bad = res.index;
      ui.toast('error', bad !== undefined ? `${verb}未完成：${this.cellName(at(bad))}：${res.reason}。没有任何单元格被修改` : `${verb}未完成：${res.reason}`);
      return false;
    }
    const done = `已${verb} ${plan.edits.length} 个单元格`;
    const note = skipped();
    ui.toast(note ? 'warning' : 'success', note ? `${done}；${note}` : done);
    return true;
  }

  readInput(ref: InputRef): string {
    return readInput(this.session.budget, ref);
  }

  /** A typed value from the grid. A rejected value changes nothing and says why, naming the cell. */
  commitCell(loc: CellLoc, ref: InputRef, value: string): boolean {
    if (readInput(this.session.budget, ref) === value) return true;
    const r = this.apply({ op: 'set', ref, value }, loc);
    if (!r.ok) this.app.ui.toast('error', `未录入${this.cellName(loc)}：${r.reason ?? '值无效'}`);
    return r.ok;
  }

  /** '“30205 水费”的“2024年基本支出·总计”' (as a paste names a cell), '' when the cell is unknown. */
  cellName(loc: CellLoc): string {
    return quotedCellName(this.session.table(loc.table), loc.row, loc.col);
  }

  undo(): void {
    if (!this.session.canUndo) return;
    if (!this.session.undo()) {
      this.app.ui.toast('error', '无法撤销这一步');
      return;
    }
    const loc = this.undoLocs.pop() ?? null;
    this.redoLocs.push(loc);
    if (loc) this.app.ui.goTo(loc);
  }

  redo(): void {
    if (!this.session.canRedo) return;
    if (!this.session.redo()) {
      this.app.ui.toast('error', '无法重做这一步');
      return;
    }
    const loc = this.redoLocs.pop() ?? null;
    this.undoLocs.push(loc);
    if (loc) this.app.ui.goTo(loc);
  }

  // ------------------------------------------------------------------ rows

  /** 添加科目 / 添加项目 / 添加采购 / 添加指标 for a table view; `tableId` picks a block of a block table. */
  async addRow(viewId: string, tableId: string = viewId): Promise<void> {
    const t = this.app.template(viewId);
    if (!t) return;
    const body = t.body;
    const budget = this.session.budget;
    const ui = this.app.ui;
    if (body.type === 'functionTree') {
      const picked = await ui.pickCode({
        title: `${t.no} 添加功能分类科目（项）`,
        scheme: 'function',
        level: '项',
        existing: new Set(this.session.table(tableId)?.body.filter((r) => r.role === 'item').map((r) => r.key) ?? []),
        taken: (code, kind) => functionLineTaken(budget, t, code, kind),
        askKind: true,
        defaultKind: 'basic',
        hint: `输入科目编码开头（如 2150550）或名称（如 事业运行）。金额记入${functionSourceName(t)}。`,
      });
      if (picked) this.send(addFunctionLine(t, tableId, picked), '无法添加');
      return;
    }
    const scheme = econScheme(t);
    if (body.type === 'econTree' && scheme) {
      const existing = econCodes(budget, t);
      const picked = await ui.pickCode({
        title: `${t.no} 添加经济分类科目（款）`,
        scheme,
        level: '款',
        existing,
        taken: (code) => existing.has(code),
        askKind: false,
        defaultKind: body.kind,
        hint: '输入科目编码开头（如 30201）或名称（如 办公费）。',
      });
      const op = picked && addEconLine(t, tableId, picked);
      if (op) this.send(op, '无法添加');
      return;
    }
    if (body.type === 'projectList' || body.type === 'projectBlocks') {
      const v = await ui.openDialog<NewProjectFields | null>((resolve) => ({
        kind: 'project',
        category: projectCategoryOf(t),
        hasTargets: body.type === 'projectBlocks',
        resolve,
      }));
      if (v) this.send(addProject(this.session.budget, this.app.templateSet, t, v), '无法添加项目');
      return;
    }
    if (body.type === 'procurement') {
      this.send(addProcurement(budget, tableId), '无法添加');
      return;
    }
    if (body.type === 'form' && body.owner === 'department') {
      this.addIndicator('department', tableId);
      return;
    }
    ui.toast('info', `${t.no}没有可添加的行`);
  }

  /** 添加指标 after the selected indicator row of `tableId`, else at the end. */
  addIndicator(owner: string, tableId: string): void {
    const sel = this.app.ui.selected;
    const op = addIndicator(this.session.budget, owner, tableId, sel?.table === tableId ? sel.row : undefined);
    if (op) this.send(op, '无法添加指标');
  }

  /** 删除 the selected row of a table view, after a confirmation naming it. */
  async deleteRow(viewId: string): Promise<void> {
    const ui = this.app.ui;
    const sel = ui.selected;
    const t: TableTemplate | undefined = this.app.template(viewId);
    if (!t || !sel || viewOf(sel.table) !== viewId) {
      ui.toast('info', '请先点选要删除的行');
      return;
    }
    const table = this.session.table(sel.table);
    const row = table?.body.find((r) => r.key === sel.row);
    if (!table || !row) return;
    const r = removeRow(this.app.templateSet, t, table, sel.row);
    if (!r.ok) return ui.toast('info', r.message);
    const label = rowName(row.cells.map((c) => c.text));
    const ok = await ui.confirm({
      title: '删除行',
      message: `确定删除${t.no}中的“${label}”吗？`,
      detail: `${r.detail}删除后可以用“撤销”恢复。`,
      buttons: [
        { id: 'cancel', label: '取消' },
        { id: 'delete', label: '删除', danger: true, primary: true },
      ],
    });
    if (ok !== 'delete') return;
    const done = this.apply(r.edit, { table: sel.table, row: sel.row, col: sel.col });
    if (!done.ok) return ui.toast('error', done.reason ?? '无法删除');
    ui.selected = null;
    ui.toast('success', `已删除“${label}”`);
  }

  /** 上移 / 下移 the selected row of an ordered list (projects, procurement, indicators). */
  moveRow(viewId: string, delta: -1 | 1): void {
    const ui = this.app.ui;
    const sel = ui.selected;
    const t = this.app.template(viewId);
    const table = sel && this.session.table(sel.table);
    if (!t || !sel || !table || viewOf(sel.table) !== viewId) {
      ui.toast('info', '请先点选要移动的行');
      return;
    }
    const op = moveRow(this.session.budget, t, table, sel.row, delta);
    if (!op) {
      ui.toast('info', delta < 0 ? '这一行不能再上移' : '这一行不能再下移');
      return;
    }
    if (this.send(op, '无法移动')) ui.selected = this.locOf(op.focus);
  }

  /** 删除项目 from its block, after a confirmation; undo returns to the project list. */
  async deleteProject(projectId: string, fromTable: string): Promise<void> {
    const op = removeProject(this.session.budget, this.app.templateSet, projectId, fromTable);
    const p = this.session.budget.projects.find((x) => x.id === projectId);
    if (!op || !p) return;
    const ok = await this.app.ui.confirm({
      title: '删除项目',
      message: `确定删除项目“${p.name}”吗？`,
      detail: `${projectDetail(this.app.templateSet, 'indicators')}删除后可以用“撤销”恢复。`,
      buttons: [
        { id: 'cancel', label: '取消' },
        { id: 'delete', label: '删除', danger: true, primary: true },
      ],
    });
    if (ok !== 'delete') return;
    const r = this.applyEdits(op.edits, this.locOf(op.undo));
    if (!r.ok) this.app.ui.toast('error', r.reason ?? '无法删除');
  }
}

function rowName(texts: string[]): string {
  const t = texts.filter((x) => x && !/^[\d,.\-%]+$/.test(x) || /^\d{3,7}$/.test(x)).slice(0, 2).join(' ');
  return t.length > 30 ? `${t.slice(0, 30)}…` : t || '（空行）';
}
