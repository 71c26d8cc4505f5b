/**
 * What the screen shows, as one class with $state fields (Svelte 5: shared state is an object that
 * is mutated, never a reassigned module-level $state). The budget itself and its rules live in the
 * engine session (plain TypeScript in shared/); this class holds the session, counts its changes
 * (`version`) so views re-read it, and runs the file flows and dialogs.
 */
import type { Budget, Edit, FunctionLine, Indicator, ProcurementLine, Project, SourceKey, SpendKind } from '../../shared/model';
import { emptyBudget, readInput } from '../../shared/model';
import type { InputRef, DerivedTable, TableTemplate } from '../../shared/tables';
import { templatesFor } from '../../shared/tables';
import type { JournalEntry, LockHolder, RecentFile, SavedFile, MenuCommand } from '../../shared/host/api';
import { budgetFromBytes, budgetToBytes, integrityWarning, sniffFile, BudgetFileError, BudgetSaveError } from '../../shared/storage';
import { builtinCatalog, type Scheme } from '../../shared/catalog';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { createSession, type EngineSession, type Finding } from './engine';
import type { RendererHost } from '../host/types';
import { loadSqlJs } from '../sqljs-browser';
import { localTime, lockedText } from '../../shared/host/lock';
import { cellTitle, columnTitles, rowLabel, viewOf } from '../grid/model';

/** The 单位与基本信息 view's id (not a table). */
export const INFO_VIEW = 'info';
/** Navigation entries that are not one of the tables. */
export const NON_TABLE_VIEWS: readonly string[] = ['overview', INFO_VIEW, 'problems', 'narrative'];

export const SAMPLE_TITLE = '示例：重庆市渝北区大数据应用发展管理局 2024';

export interface CellLoc {
  table: string; // derived table id ('t6', 't17:p1')
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

export interface PickedCode {
  code: string;
  name: string;
  kind?: SpendKind;
  known: boolean;
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
  resolve(v: { name: string; functionCode: string; category: 'key' | 'general'; hasTargets: boolean } | null): void;
}

export type DialogSpec =
  | { kind: 'confirm'; title: string; message: string; detail?: string; buttons: DialogButton[]; resolve(id: string | null): void }
  | { kind: 'newFile'; resolve(v: { department: string; year: number; templateId: string } | 'rollover' | null): void }
  | CodePickerSpec
  | ProjectSpec
  | { kind: 'export'; resolve(): void };

/** A navigation entry: 概览, the seventeen tables (by template), 情况说明, 问题. */
export interface ViewEntry {
  id: string;
  label: string;
  title: string;
}

let toastSeq = 0;
let focusSeq = 0;

export class AppState {
  readonly host: RendererHost;
  session: EngineSession = $state.raw(null as unknown as EngineSession);
  /** Bumped on every session change: views that read the session depend on it. */
  version = $state(0);
  view = $state<string>('overview');
  file = $state.raw<SavedFile | null>(null);
  isSample = $state(false);
  untitled = $state('');
  toasts = $state<Toast[]>([]);
  dialog = $state.raw<DialogSpec | null>(null);
  focus = $state.raw<FocusRequest | null>(null);
  /** The grid cell with keyboard focus (for 删除行 and the problems it has). */
  selected = $state.raw<CellLoc | null>(null);
  busy = $state<string | null>(null);
  /** The officer's choice to show (true) or fold (false) the problems beside a table; null: by window width. */
  sideProblems = $state<boolean | null>(null);
  recent = $state.raw<RecentFile[]>([]);
  /** Whether the 情况说明 view is part of this build (renderer/narrative). */
  narrativeAvailable = $state(false);

  private unsubscribe: (() => void) | null = null;
  /** Where each undo step happened, parallel to the session's undo/redo stacks. */
  private undoLocs: (CellLoc | null)[] = [];
  private redoLocs: (CellLoc | null)[] = [];
  /** Saves run one at a time; an edit during a save keeps the document dirty. */
  private saving: Promise<boolean> | null = null;

  constructor(host: RendererHost) {
    this.host = host;
    this.load(yubeiBigData2024(), null, true);
    host.onCloseRequest(() => this.onCloseRequest());
    host.onMenuCommand?.((cmd, path) => void this.menu(cmd, path));
    void this.refreshRecent();
    void this.offerRecovery();
  }

  // ------------------------------------------------------------------ reading

  get budget(): Budget {
    void this.version;
    return this.session.budget;
  }

  get tables(): readonly DerivedTable[] {
    void this.version;
    return this.session.tables;
  }

  get findings(): readonly Finding[] {
    void this.version;
    return this.session.findings;
  }

  get dirty(): boolean {
    void this.version;
    return this.session.dirty || this.importedUnsaved;
  }

  /** An imported workbook is new work until it is saved as a .budget file. */
  importedUnsaved = $state(false);

  get canUndo(): boolean {
    void this.version;
    return this.session.canUndo;
  }

  get canRedo(): boolean {
    void this.version;
    return this.session.canRedo;
  }

  get displayName(): string {
    if (this.file) return this.file.name;
    if (this.isSample) return SAMPLE_TITLE;
    return this.untitled || '未命名';
  }

  get templates(): readonly TableTemplate[] {
    void this.version;
    return templatesFor(this.session.budget.meta.templateId).tables;
  }

  /** 概览, 单位与基本信息, 表一…表十七, 情况说明 (when the narrative view exists), 问题. */
  views(narrative: boolean): ViewEntry[] {
    return [
      { id: 'overview', label: '概览', title: '概览' },
      { id: INFO_VIEW, label: '单位与基本信息', title: '部门、单位、日期、联系方式' },
      ...this.templates.map((t) => ({ id: t.id, label: t.no, title: this.tableTitle(t) })),
      ...(narrative ? [{ id: 'narrative', label: '情况说明', title: '部门预算情况说明' }] : []),
      { id: 'problems', label: '问题', title: '全部问题' },
    ];
  }

  tableTitle(t: TableTemplate): string {
    return t.title.replaceAll('{year}', '').replaceAll('{district}', '').replace(/^年/, '');
  }

  /**
   * Findings per navigation entry (a finding counts once per view it marks); derived once per
   * change and shared by the navigation, the table view and the overview.
   */
  readonly countsByView = $derived.by((): Map<string, { error: number; warning: number }> => {
    const out = new Map<string, { error: number; warning: number }>();
    for (const f of this.findings) {
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      for (const v of new Set(f.cells.map((c) => viewOf(c.table)))) {
        const c = out.get(v) ?? { error: 0, warning: 0 };
        c[f.severity]++;
        out.set(v, c);
      }
    }
    return out;
  });

  get counts(): { error: number; warning: number; info: number } {
    void this.version;
    const c = this.session.counts;
    return { error: c.error, warning: c.warning, info: c.info + c.unverifiable };
  }

  // ------------------------------------------------------------------ documents

  load(budget: Budget, file: SavedFile | null, isSample: boolean, untitled = ''): void {
    this.unsubscribe?.();
    // The document being replaced was saved or knowingly discarded: its journal and lock go.
    if (this.session) this.dropJournal();
    const previous = this.file;
    if (previous?.path && previous.path !== file?.path) void this.host.release(previous).catch(() => undefined);
    const session = createSession(budget);
    this.session = session;
    this.file = file;
    this.isSample = isSample;
    this.untitled = untitled;
    this.undoLocs = [];
    this.redoLocs = [];
    this.selected = null;
    this.importedUnsaved = false;
    this.journalId = newJournalId();
    this.journalEdits = 0;
    this.journalRevision = session.revision;
    this.unsubscribe = session.subscribe(() => this.changed());
    this.changed();
  }

  private lastTitle = '';

  private changed(): void {
    this.version++;
    this.reportTitle();
    if (this.session.revision !== this.journalRevision) {
      this.journalRevision = this.session.revision;
      this.journalEdits++;
    }
    this.syncJournal();
  }

  // ------------------------------------------------------------------ crash recovery

  /** The open document's journal (see JournalEntry): its id, and the edits not yet saved. */
  private journalId = '';
  private journalEdits = 0;
  private journalRevision = -1;
  private journalWritten = false;
  private journalTimer: ReturnType<typeof setTimeout> | null = null;
  /** Journal writes and clears run in order, one at a time. */
  private journalQueue: Promise<void> = Promise.resolve();
  private journalFailed = false;

  /** Unsaved work is journaled at most JOURNAL_DELAY_MS after an edit; saved work clears it. */
  private syncJournal(): void {
    if (this.session.dirty || this.importedUnsaved) {
      this.journalTimer ??= setTimeout(() => this.writeJournal(), JOURNAL_DELAY_MS);
    } else {
      this.journalEdits = 0; // counted from the last save
      if (this.journalWritten) void this.dropJournal();
    }
  }

  private writeJournal(): void {
    this.journalTimer = null;
    if (!(this.session.dirty || this.importedUnsaved)) return;
    const session = this.session;
    const id = this.journalId;
    this.journalWritten = true;
    this.journalQueue = this.journalQueue.then(async () => {
      if (this.session !== session || this.journalId !== id) return;
      try {
        const sql = await loadSqlJs();
        // Synchronous from here to the write call: the bytes, the count and the name agree.
        const bytes = budgetToBytes(sql, session.budget);
        const { displayName: name, journalEdits: edits } = this;
        const path = this.file?.path;
        await this.host.journalWrite({ id, name, ...(path ? { path } : {}), edits, updatedAt: new Date().toISOString(), bytes });
        this.journalFailed = false;
      } catch (e) {
        if (!this.journalFailed) this.toast('warning', `无法保存恢复记录（意外关闭时可能丢失未保存的修改）：${errorText(e)}`);
        this.journalFailed = true;
      }
    });
  }

  /** The open document's journal is no longer needed (saved, discarded, or replaced). */
  private dropJournal(): Promise<void> {
    if (this.journalTimer) clearTimeout(this.journalTimer);
    this.journalTimer = null;
    if (!this.journalWritten) return this.journalQueue;
    this.journalWritten = false;
    const id = this.journalId;
    this.journalQueue = this.journalQueue.then(() => this.host.journalClear(id).catch(() => undefined));
    return this.journalQueue;
  }

  /** On start: unsaved work of documents that were not closed cleanly, offered back one by one. */
  private async offerRecovery(): Promise<void> {
    let entries: JournalEntry[];
    try {
      entries = await this.host.journalList();
    } catch {
      return;
    }
    for (const e of entries) {
      if (this.dirty) return; // work has started meanwhile: never replace it; offered next start
      const choice = await this.confirm({
        title: '恢复未保存的修改',
        message: `“${e.name}”上次没有正常关闭，有 ${e.edits} 处修改尚未保存（最后一次修改于 ${localTime(e.updatedAt)}）。要恢复吗？`,
        detail: '恢复：打开包含这些修改的文档，请随后保存。放弃：删除这份恢复记录，这些修改将丢失。',
        buttons: [
          { id: 'discard', label: '放弃', danger: true },
          { id: 'restore', label: '恢复', primary: true },
        ],
      });
      if (choice === 'restore') return this.restore(e);
      if (choice === 'discard') await this.host.journalClear(e.id).catch(() => undefined);
    }
  }

  private async restore(e: JournalEntry): Promise<void> {
    let budget: Budget;
    try {
      budget = budgetFromBytes(await loadSqlJs(), e.bytes, e.name).budget;
    } catch (err) {
      this.toast('error', `无法恢复“${e.name}”：${errorText(err)}`);
      return;
    }
    // Back to the file it came from, when this window may write it (desktop: its lock).
    let file: SavedFile | null = null;
    let note = '';
    if (e.path) {
      try {
        const o = await this.host.openRecent(e.path);
        if (o.lockedBy) note = `原文件${lockedText(o.name, o.lockedBy)}保存时请另存为。`;
        else file = { name: o.name, path: o.path };
      } catch (err) {
        note = `原文件无法打开（${errorText(err)}），保存时请另存为。`;
      }
    }
    this.load(budget, file, false, file ? '' : e.name);
    this.journalId = e.id;
    this.journalEdits = e.edits;
    this.journalWritten = true;
    this.importedUnsaved = true;
    this.reportTitle();
    this.syncJournal();
    this.view = 'overview';
    this.toast('success', `已恢复“${e.name}”的 ${e.edits} 处未保存的修改，请保存。${note}`);
  }

  /** The window title and the dirty flag (the desktop's close guard), sent only when they change. */
  private reportTitle(): void {
    const dirty = this.session.dirty || this.importedUnsaved;
    const key = `${dirty}\u0000${this.displayName}`;
    if (key === this.lastTitle) return;
    this.lastTitle = key;
    this.host.setDirty(dirty, this.displayName);
  }

  // ------------------------------------------------------------------ editing

  /** One edit as one undo step; `loc` is where the grid should go on undo/redo. */
  apply(edit: Edit, loc: CellLoc | null = null): { ok: boolean; reason?: string } {
    const r = this.session.apply(edit);
    if (r.ok) this.pushLoc(loc);
    return r;
  }

  applyEdits(edits: readonly Edit[], loc: CellLoc | null = null): { ok: boolean; reason?: string } {
    if (edits.length === 0) return { ok: true };
    const r = this.session.applyEdits(edits);
    if (r.ok) this.pushLoc(loc);
    return r;
  }

  private pushLoc(loc: CellLoc | null): void {
    this.undoLocs.push(loc);
    this.redoLocs = [];
  }

  readInput(ref: InputRef): string {
    return readInput(this.session.budget, ref);
  }

  /** A typed value from the grid. A rejected value changes nothing and says why, naming the cell. */
  commitCell(loc: CellLoc, ref: InputRef, value: string): boolean {
    if (readInput(this.session.budget, ref) === value) return true;
    const r = this.apply({ op: 'set', ref, value }, loc);
    if (!r.ok) this.toast('error', `未录入${this.cellName(loc)}：${r.reason ?? '值无效'}`);
    return r.ok;
  }

  /** '“30205 水费”的“2024年基本支出·总计”' (as a paste names a cell), '' when the cell is unknown. */
  cellName(loc: CellLoc): string {
    const t = this.session.table(loc.table);
    const row = t?.body.find((r) => r.key === loc.row);
    if (!t || !row) return '';
    const title = cellTitle(t, loc.row, loc.col);
    // A form cell is named by its label alone ('“业务主管部门”'); never by an internal column key.
    if (row.role === 'form') return `“${title || rowLabel(t, row)}”`;
    return title ? `“${rowLabel(t, row)}”的“${title}”` : `“${rowLabel(t, row)}”`;
  }

  undo(): void {
    if (!this.session.canUndo) return;
    if (!this.session.undo()) {
      this.toast('error', '无法撤销这一步');
      return;
    }
    const loc = this.undoLocs.pop() ?? null;
    this.redoLocs.push(loc);
    if (loc) this.goTo(loc);
  }

  redo(): void {
    if (!this.session.canRedo) return;
    if (!this.session.redo()) {
      this.toast('error', '无法重做这一步');
      return;
    }
    const loc = this.redoLocs.pop() ?? null;
    this.undoLocs.push(loc);
    if (loc) this.goTo(loc);
  }

  /** Opens the cell's table and asks its grid to focus the cell. */
  goTo(loc: CellLoc): void {
    this.view = viewOf(loc.table);
    this.focus = { ...loc, seq: ++focusSeq };
  }

  // ------------------------------------------------------------------ rows

  template(viewId: string): TableTemplate | undefined {
    return this.templates.find((t) => t.id === viewId);
  }

  /** 添加科目 / 添加项目 / 添加采购 / 添加指标 for a table view; `tableId` picks a 表十六/十七 block. */
  async addRow(viewId: string, tableId: string = viewId): Promise<void> {
    const t = this.template(viewId);
    if (!t) return;
    const body = t.body;
    const budget = this.session.budget;
    if (body.type === 'functionTree') {
      const input = body.columns.find((c) => c.kind === 'money' && c.input);
      const source: SourceKey = (input?.kind === 'money' && input.input?.source) || 'gpb';
      const picked = await this.pickCode({
        title: `${t.no} 添加功能分类科目（项）`,
        scheme: 'function',
        level: '项',
        existing: new Set(this.session.table(tableId)?.body.filter((r) => r.role === 'item').map((r) => r.key) ?? []),
        taken: (code, kind) => budget.functionLines.some((l) => l.code === code && l.kind === kind && l.source === source),
        askKind: true,
        defaultKind: 'basic',
        hint: `输入科目编码开头（如 2150550）或名称（如 事业运行）。金额记入${sourceName(source)}。`,
      });
      if (!picked) return;
      const line: FunctionLine = { code: picked.code, kind: picked.kind ?? 'basic', source, current: 0, prior: 0 };
      const r = this.applyEdits(
        [{ op: 'insertFunctionLines', lines: [line] }, ...nameEdit('function', picked)],
        { table: tableId, row: picked.code, col: 'name' },
      );
      if (!r.ok) return this.toast('error', r.reason ?? '无法添加');
      this.afterAdd(tableId, picked.code, picked.known ? `已添加 ${picked.code} ${picked.name}` : `已添加 ${picked.code}（目录中没有此科目，请核对）`);
      return;
    }
    if (body.type === 'econTree') {
      const scheme: Scheme = body.scheme === 'department' ? 'econ-department' : 'econ-government';
      const existing = new Set(budget.econLines.filter((l) => l.scheme === body.scheme && l.kind === body.kind).map((l) => l.code));
      const picked = await this.pickCode({
        title: `${t.no} 添加经济分类科目（款）`,
        scheme,
        level: '款',
        existing,
        taken: (code) => existing.has(code),
        askKind: false,
        defaultKind: body.kind,
        hint: '输入科目编码开头（如 30201）或名称（如 办公费）。',
      });
      if (!picked) return;
      const r = this.applyEdits(
        [{ op: 'insertEconLine', line: { scheme: body.scheme, kind: body.kind, code: picked.code, amount: 0 } }, ...nameEdit(scheme, picked)],
        { table: tableId, row: picked.code, col: 'total' },
      );
      if (!r.ok) return this.toast('error', r.reason ?? '无法添加');
      this.afterAdd(tableId, picked.code, picked.known ? `已添加 ${picked.code} ${picked.name}` : `已添加 ${picked.code}（目录中没有此科目，请核对）`, 'total');
      return;
    }
    if (body.type === 'projectList' || body.type === 'projectBlocks') {
      const category = body.type === 'projectBlocks' ? body.category : 'general';
      const v = await this.openDialog<{ name: string; functionCode: string; category: 'key' | 'general'; hasTargets: boolean } | null>(
        (resolve) => ({ kind: 'project', category, hasTargets: body.type === 'projectBlocks', resolve }),
      );
      if (!v) return;
      const project = newProject(budget, v);
      const r = this.apply({ op: 'insertProject', project }, { table: 't13', row: project.id, col: 'projectName' });
      if (!r.ok) return this.toast('error', r.reason ?? '无法添加项目');
      if (body.type === 'projectBlocks' && v.hasTargets && v.category === category) this.afterAdd(`${viewId}:${project.id}`, 'name', `已添加项目“${project.name}”`, 'c1');
      else this.afterAdd('t13', project.id, `已添加项目“${project.name}”，请在表十三录入金额`, 'gpb');
      return;
    }
    if (body.type === 'procurement') {
      const line = newProcurement(budget);
      const r = this.apply({ op: 'insertProcurement', line }, { table: tableId, row: line.id, col: 'item' });
      if (!r.ok) return this.toast('error', r.reason ?? '无法添加');
      this.afterAdd(tableId, line.id, '已添加一行采购项目，请填写名称和金额', 'item');
      return;
    }
    if (body.type === 'form' && body.owner === 'department') {
      this.addIndicator('department', tableId);
      return;
    }
    this.toast('info', `${t.no}没有可添加的行`);
  }

  addIndicator(owner: string, tableId: string): void {
    const list = owner === 'department' ? this.session.budget.performance.indicators : this.session.budget.projects.find((p) => p.id === owner)?.indicators;
    if (!list) return;
    const sel = this.selected;
    let index = list.length;
    if (sel && sel.table === tableId && sel.row.startsWith('ind:')) index = Number(sel.row.slice(4)) + 1;
    const indicator: Indicator = { name: '', weight: '', unit: '', nature: '', value: '', core: false };
    const r = this.apply({ op: 'insertIndicator', owner, index, indicator }, { table: tableId, row: `ind:${index}`, col: 'c1' });
    if (!r.ok) return this.toast('error', r.reason ?? '无法添加指标');
    this.afterAdd(tableId, `ind:${index}`, '已添加一行绩效指标', 'c1');
  }

  private afterAdd(tableId: string, row: string, message: string, col = 'name'): void {
    this.toast('success', message);
    this.goTo({ table: tableId, row, col });
  }

  /** 删除 the selected row of a table view, after a confirmation naming it. */
  async deleteRow(viewId: string): Promise<void> {
    const sel = this.selected;
    const t = this.template(viewId);
    if (!t || !sel || viewOf(sel.table) !== viewId) {
      this.toast('info', '请先点选要删除的行');
      return;
    }
    const table = this.session.table(sel.table);
    const row = table?.body.find((r) => r.key === sel.row);
    if (!table || !row) return;
    const label = rowName(row.cells.map((c) => c.text));
    const body = t.body;
    let edit: Edit | null = null;
    let detail = '';
    if (body.type === 'functionTree') {
      if (row.role !== 'item') return this.toast('info', '类、款行是其下各项的合计，不能直接删除；请删除其下的项');
      const input = body.columns.find((c) => c.kind === 'money' && c.input);
      const source: SourceKey | undefined = input?.kind === 'money' ? input.input?.source : undefined;
      edit = { op: 'removeFunctionLines', code: row.key, ...(source ? { source } : {}) };
      detail = source
        ? `该科目${sourceName(source)}的本年、上年金额（基本支出和项目支出）将一并删除，表一至表五的合计随之减少。`
        : '该科目所有资金来源的金额将一并删除。';
    } else if (body.type === 'econTree') {
      if (row.role !== 'item') return this.toast('info', '类行是其下各款的合计，不能直接删除；请删除其下的款');
      edit = { op: 'removeEconLine', scheme: body.scheme, kind: body.kind, code: row.key };
    } else if (body.type === 'projectList') {
      if (row.role !== 'item') return this.toast('info', '合计行不能删除');
      edit = { op: 'removeProject', id: row.key };
      detail = '该项目在表十三的金额和在表十六/表十七的绩效目标将一并删除。';
    } else if (body.type === 'procurement') {
      if (row.role !== 'item') return this.toast('info', '合计行不能删除');
      edit = { op: 'removeProcurement', id: row.key };
    } else if (row.key.startsWith('ind:')) {
      const owner = body.type === 'form' ? 'department' : (table.projectId ?? '');
      edit = { op: 'removeIndicator', owner, index: Number(row.key.slice(4)) };
    } else {
      return this.toast('info', '这一行是表格的固定内容，不能删除');
    }
    const ok = await this.confirm({
      title: '删除行',
      message: `确定删除${t.no}中的“${label}”吗？`,
      detail: `${detail}删除后可以用“撤销”恢复。`,
      buttons: [
        { id: 'cancel', label: '取消' },
        { id: 'delete', label: '删除', danger: true, primary: true },
      ],
    });
    if (ok !== 'delete') return;
    const r = this.apply(edit, { table: sel.table, row: sel.row, col: sel.col });
    if (!r.ok) return this.toast('error', r.reason ?? '无法删除');
    this.selected = null;
    this.toast('success', `已删除“${label}”`);
  }

  async deleteProject(projectId: string): Promise<void> {
    const p = this.session.budget.projects.find((x) => x.id === projectId);
    if (!p) return;
    const ok = await this.confirm({
      title: '删除项目',
      message: `确定删除项目“${p.name}”吗？`,
      detail: '该项目在表十三的金额和全部绩效指标将一并删除。删除后可以用“撤销”恢复。',
      buttons: [
        { id: 'cancel', label: '取消' },
        { id: 'delete', label: '删除', danger: true, primary: true },
      ],
    });
    if (ok !== 'delete') return;
    const r = this.apply({ op: 'removeProject', id: projectId }, { table: 't13', row: projectId, col: 'projectName' });
    if (!r.ok) this.toast('error', r.reason ?? '无法删除');
  }

  pickCode(spec: Omit<CodePickerSpec, 'kind' | 'resolve'>): Promise<PickedCode | null> {
    return this.openDialog<PickedCode | null>((resolve) => ({ kind: 'codePicker', ...spec, resolve }));
  }

  // ------------------------------------------------------------------ dialogs and messages

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

  toast(kind: Toast['kind'], text: string): void {
    const t = { id: ++toastSeq, kind, text };
    this.toasts = [...this.toasts.slice(-3), t];
    setTimeout(() => this.dismiss(t.id), kind === 'error' ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  // ------------------------------------------------------------------ files

  /** Unsaved-changes guard: true when it is fine to discard the current document. */
  async guardUnsaved(action: string): Promise<boolean> {
    this.commitPendingInput();
    // Closing a document waits for a save in flight: its result belongs to this document.
    while (this.saving) await this.saving.catch(() => false);
    if (!this.session.dirty && !this.importedUnsaved) return true;
    const choice = await this.confirm({
      title: '未保存的修改',
      message: `“${this.displayName}”有未保存的修改。${action}之前要保存吗？`,
      detail: '不保存，本次的修改将丢失。',
      buttons: [
        { id: 'cancel', label: '取消' },
        { id: 'discard', label: '不保存', danger: true },
        { id: 'save', label: '保存', primary: true },
      ],
    });
    if (choice === 'save') return this.save();
    return choice === 'discard';
  }

  async newFile(): Promise<void> {
    if (!(await this.guardUnsaved('新建'))) return;
    const v = await this.openDialog<{ department: string; year: number; templateId: string } | 'rollover' | null>((resolve) => ({ kind: 'newFile', resolve }));
    if (!v) return;
    if (v === 'rollover') return this.newYear(false);
    this.load(emptyBudget({ department: v.department, year: v.year, templateId: v.templateId }), null, false, `${v.department} ${v.year}`);
    this.view = 'overview';
    this.toast('success', `已新建“${v.department}”${v.year}年部门预算`);
  }

  /** 新年度: last year's .budget → this year's, structure and last year's amounts carried over. */
  async newYear(guard = true): Promise<void> {
    if (guard && !(await this.guardUnsaved('新建年度'))) return;
    let opened;
    try {
      opened = await this.host.openFile({ extensions: ['budget'], title: '选择上一年度的部门预算文件' });
    } catch (e) {
      return this.toast('error', `打开失败：${errorText(e)}`);
    }
    if (!opened) return;
    try {
      const sql = await loadSqlJs();
      const { budget: last, integrity } = budgetFromBytes(sql, opened.bytes, opened.name);
      // Changed numbers are never carried into a new clean year.
      if (integrity === 'mismatch') throw new Error(`${integrityWarning(opened.name)}。未结转`);
      const { rolloverWithSummary } = await import('../../shared/rollover');
      const { budget, lines } = rolloverWithSummary(last);
      this.load(budget, null, false, `${budget.meta.department} ${budget.meta.year}`);
      this.importedUnsaved = true;
      this.reportTitle();
      this.syncJournal();
      this.view = 'overview';
      await this.confirm({
        title: '新建年度',
        message: lines[0] ?? '',
        detail: lines.slice(1).join('\n'),
        buttons: [{ id: 'ok', label: '知道了', primary: true }],
      });
    } catch (e) {
      const message = e instanceof BudgetFileError ? e.message : `无法由“${opened.name}”新建年度：${errorText(e)}`;
      await this.confirm({ title: '无法新建年度', message, buttons: [{ id: 'ok', label: '知道了', primary: true }] });
    }
  }

  async open(): Promise<void> {
    if (!(await this.guardUnsaved('打开其他文件'))) return;
    let opened;
    try {
      opened = await this.host.openFile({ extensions: ['budget', 'xlsx'], title: '打开部门预算文件（或导入上年公开的工作簿）' });
    } catch (e) {
      return this.toast('error', `打开失败：${errorText(e)}`);
    }
    if (opened) await this.loadBytes(opened.name, opened.bytes, opened.path, opened.key, opened.lockedBy);
  }

  async openRecent(path: string): Promise<void> {
    if (!(await this.guardUnsaved('打开其他文件'))) return;
    try {
      const opened = await this.host.openRecent(path);
      await this.loadBytes(opened.name, opened.bytes, opened.path, opened.key, opened.lockedBy);
    } catch (e) {
      this.toast('error', `打开失败：${errorText(e)}`);
    }
  }

  /** `path` (desktop) or `key` (browser) is where 保存 writes this document back to. */
  async loadBytes(name: string, bytes: Uint8Array, path?: string, key?: string, lockedBy?: LockHolder): Promise<boolean> {
    if (sniffFile(bytes) === 'xlsx') {
      const choice = await this.confirm({
        title: '这是 Excel 工作簿',
        message: `“${name}”是 Excel 工作簿，不是部门预算文件（.budget）。要把它导入为一个新的部门预算吗？`,
        detail: '导入会读取十七张表中录入的数字，并把工作簿里印出的合计与本程序的计算逐一核对；导入后请“保存”为部门预算文件。还可以同时选择上年的情况说明（Word 文档、文本或网页），填入职能职责、单位构成、联系方式等表格中没有的文字。',
        buttons: [
          { id: 'cancel', label: '取消' },
          { id: 'import-narrative', label: '同时从上年情况说明填入文字…' },
          { id: 'import', label: '导入', primary: true },
        ],
      });
      return choice === 'import' || choice === 'import-narrative' ? this.importWorkbook(name, bytes, choice === 'import-narrative') : false;
    }
    this.busy = '正在打开…';
    try {
      const sql = await loadSqlJs();
      const { budget, migratedFrom, integrity } = budgetFromBytes(sql, bytes, name);
      if (integrity === 'mismatch') {
        const choice = await this.confirm({
          title: '文件可能被改动或已损坏',
          message: integrityWarning(name),
          detail: '以只读方式打开：可以查看、检查和导出，但不会保存回这个文件（保存时需另选文件名）。',
          buttons: [
            { id: 'cancel', label: '取消' },
            { id: 'readonly', label: '以只读方式打开', primary: true },
          ],
        });
        if (choice !== 'readonly') return false;
        // Not bound to its file: a save asks for a new name, so the changed file is never overwritten.
        this.load(budget, null, false, `${name.replace(/\.budget$/i, '')}（只读副本）`);
        this.view = 'overview';
        this.toast('warning', `已以只读方式打开“${name}”，保存时需另选文件名`);
        return true;
      }
      if (lockedBy) {
        this.busy = null;
        const choice = await this.confirm({
          title: '文件正在别处编辑',
          message: lockedText(name, lockedBy),
          detail: '可以只读打开：查看、核对和导出都不受影响，但不能保存到这个文件；如有修改，请“另存为”另一个文件。若确认对方已经关闭（例如那台电脑意外断电），可删除文件旁的同名 .lock 文件后再打开。',
          buttons: [
            { id: 'cancel', label: '取消' },
            { id: 'read-only', label: '只读打开', primary: true },
          ],
        });
        if (choice !== 'read-only') return false;
        this.load(budget, null, false, `${name}（只读）`);
        this.view = 'overview';
        this.toast('info', `已只读打开“${name}”：保存时请另存为另一个文件`);
        return true;
      }
      this.load(budget, { name, ...(path ? { path } : {}), ...(key ? { key } : {}) }, false);
      this.view = 'overview';
      this.toast(
        'success',
        migratedFrom !== null ? `已打开“${name}”（由旧版文件格式 ${migratedFrom} 升级，保存后生效）` : `已打开“${name}”`,
      );
      void this.refreshRecent();
      return true;
    } catch (e) {
      const message = e instanceof BudgetFileError ? e.message : `无法打开“${name}”：${errorText(e)}`;
      await this.confirm({ title: '无法打开文件', message, buttons: [{ id: 'ok', label: '知道了', primary: true }] });
      return false;
    } finally {
      this.busy = null;
    }
  }

  /**
   * A published workbook (xlsx) becomes a new, unsaved department-year; its report is shown. With
   * `withNarrative`, last year's 情况说明 (chosen next) fills the texts the tables cannot give.
   */
  async importWorkbook(name: string, bytes: Uint8Array, withNarrative = false): Promise<boolean> {
    let narrative: { file: string; text: string } | undefined;
    if (withNarrative) {
      try {
        const picked = await this.host.openFile({ extensions: ['docx', 'txt', 'html', 'htm'], title: '选择上年的情况说明（Word 文档、文本或网页）' });
        if (!picked) return false;
        const { narrativeTextOf } = await import('../../shared/narrative/source');
        narrative = { file: picked.name, text: await narrativeTextOf(picked.name, picked.bytes) };
      } catch (e) {
        await this.confirm({ title: '无法读取情况说明', message: errorText(e), buttons: [{ id: 'ok', label: '知道了', primary: true }] });
        return false;
      }
    }
    this.busy = '正在导入工作簿…';
    try {
      const { importWorkbook } = await import('../../shared/import');
      const result = await importWorkbook(bytes, { fileName: name, narrative });
      const m = result.budget.meta;
      this.load(result.budget, null, false, `${m.department} ${m.year}（导入自 ${name}）`);
      this.importedUnsaved = true;
      this.reportTitle();
      this.syncJournal();
      this.view = 'overview';
      const errors = result.findings.filter((f) => f.severity === 'error');
      this.busy = null;
      await this.confirm({
        title: '导入完成',
        message: `已从“${name}”导入 ${m.department} ${m.year} 年部门预算。${
          errors.length ? `工作簿中有 ${errors.length} 处印出的数字与按录入数计算的结果不一致（已按录入数计算），详见下面的导入报告。` : ''
        }`,
        detail: result.report.join('\n'),
        buttons: [{ id: 'ok', label: '知道了', primary: true }],
      });
      return true;
    } catch (e) {
      await this.confirm({ title: '无法导入', message: errorText(e), buttons: [{ id: 'ok', label: '知道了', primary: true }] });
      return false;
    } finally {
      this.busy = null;
    }
  }

  get suggestedName(): string {
    const m = this.session.budget.meta;
    return `${m.department || '部门'}${m.year}年部门预算.budget`;
  }

  save(): Promise<boolean> {
    return this.saveTo(this.file);
  }

  saveAs(): Promise<boolean> {
    return this.saveTo(null);
  }

  /**
   * A value still being typed (a grid cell editor, a 情况说明 field) belongs to the document: those
   * editors commit when they lose focus, so a file action (Ctrl+S, a menu command, closing) ends
   * the edit first instead of saving or discarding without it.
   */
  commitPendingInput(): void {
    if (this.dialog || typeof document === 'undefined') return;
    const el = document.activeElement;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable)) el.blur();
  }

  private async saveTo(target: SavedFile | null): Promise<boolean> {
    this.commitPendingInput();
    // Writes run one at a time.
    while (this.saving) await this.saving.catch(() => false);
    const run = this.doSave(target);
    this.saving = run;
    try {
      return await run;
    } finally {
      this.saving = null;
    }
  }

  private async doSave(target: SavedFile | null): Promise<boolean> {
    this.busy = '正在保存…';
    const docName = target?.name ?? this.displayName;
    try {
      const sql = await loadSqlJs();
      const session = this.session;
      const snapshot = session.revision;
      // Synchronous: the bytes are exactly the state at `snapshot`.
      const bytes = budgetToBytes(sql, session.budget);
      const saved = await this.host.save(bytes, target, this.suggestedName);
      if (!saved) return false;
      session.markSaved(snapshot);
      // Where the bytes went belongs to the document they came from, never to one opened since.
      if (this.session !== session) return true;
      this.file = saved;
      this.isSample = false;
      this.importedUnsaved = false;
      if (session.dirty) this.toast('warning', '保存期间又有修改，这些修改尚未保存');
      this.reportTitle();
      this.syncJournal();
      this.toast('success', `已保存到“${saved.name}”`);
      void this.refreshRecent();
      return true;
    } catch (e) {
      // The hosts name the file they failed to write; anything else is named here.
      const text = e instanceof BudgetSaveError ? e.reason : errorText(e);
      await this.confirm({
        title: '保存失败',
        message: /^[^：]*“[^”]*”/.test(text) ? text : `保存“${docName}”失败：${text}`,
        detail: '窗口中的内容没有丢失，原文件也没有被改动。请换一个位置“另存为”，或检查磁盘空间和权限后再保存。',
        buttons: [{ id: 'ok', label: '知道了', primary: true }],
      });
      return false;
    } finally {
      this.busy = null;
    }
  }

  async refreshRecent(): Promise<void> {
    try {
      this.recent = await this.host.listRecent();
    } catch {
      this.recent = [];
    }
  }

  /** The window/tab is closing: allowed when nothing is unsaved; the desktop asks first. */
  private onCloseRequest(): boolean {
    this.commitPendingInput();
    if (!this.session.dirty && !this.importedUnsaved) return true;
    if (this.host.kind === 'electron') {
      void this.guardUnsaved('关闭').then(async (ok) => {
        if (!ok) return;
        await this.dropJournal(); // a clean close: nothing to recover next time
        this.host.confirmClose?.();
      });
    }
    return false;
  }

  async exportTables(): Promise<void> {
    this.commitPendingInput();
    await this.openDialog<void>((resolve) => ({ kind: 'export', resolve }));
  }

  private async menu(cmd: MenuCommand, path?: string): Promise<void> {
    switch (cmd) {
      case 'new':
        return this.newFile();
      case 'open':
        return this.open();
      case 'open-recent':
        if (path) return this.openRecent(path);
        return;
      case 'save':
        await this.save();
        return;
      case 'save-as':
        await this.saveAs();
        return;
      case 'export':
        return this.exportTables();
      case 'new-year':
        return this.newYear();
    }
  }
}

// ------------------------------------------------------------------ helpers

/** Within one second of an accepted edit, the journal holds it (issue 11). */
const JOURNAL_DELAY_MS = 400;

function newJournalId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A code missing from the catalog, named by the officer: the name goes to nameOverrides. */
function nameEdit(scheme: Scheme, picked: PickedCode): Edit[] {
  return !picked.known && picked.name ? [{ op: 'setName', key: `${scheme}:${picked.code}`, name: picked.name }] : [];
}

function sourceName(source: SourceKey): string {
  const names: Partial<Record<SourceKey, string>> = {
    gpb: '一般公共预算财政拨款',
    fund: '政府性基金预算财政拨款',
    soe: '国有资本经营预算财政拨款',
  };
  return names[source] ?? source;
}

function rowName(texts: string[]): string {
  const t = texts.filter((x) => x && !/^[\d,.\-%]+$/.test(x) || /^\d{3,7}$/.test(x)).slice(0, 2).join(' ');
  return t.length > 30 ? `${t.slice(0, 30)}…` : t || '（空行）';
}

function nextId(prefix: string, ids: readonly string[]): string {
  let n = 0;
  for (const id of ids) {
    const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `${prefix}${n + 1}`;
}

function newProject(
  budget: Budget,
  v: { name: string; functionCode: string; category: 'key' | 'general'; hasTargets: boolean },
): Project {
  const own = budget.units.find((u) => u.isOwnOffice) ?? budget.units[0];
  return {
    id: nextId('p', budget.projects.map((p) => p.id)),
    name: v.name,
    unitCode: own?.code ?? '',
    unitName: own?.name ?? budget.meta.department,
    functionCode: v.functionCode,
    category: v.category,
    amounts: {},
    district: 0,
    town: 0,
    department: budget.meta.department,
    summary: '',
    basis: '',
    goal: '',
    description: '',
    hasTargets: v.hasTargets,
    indicators: [],
  };
}

function newProcurement(budget: Budget): ProcurementLine {
  const own = budget.units.find((u) => u.isOwnOffice) ?? budget.units[0];
  return {
    id: nextId('c', budget.procurement.map((l) => l.id)),
    deptCode: budget.meta.departmentCode,
    deptName: budget.meta.department,
    unitCode: own?.code ?? '',
    unitName: own?.name ?? '',
    item: '',
    goods: 0,
    works: 0,
    services: 0,
    source: 'gpb',
  };
}

/** The catalog name of a code, '' when unknown. */
export function catalogName(scheme: Scheme, code: string): string {
  return builtinCatalog().name(scheme, code) ?? '';
}
