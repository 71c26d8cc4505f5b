/**
 * The document controller: which document is open and where it is saved (file flows: new, open,
 * import, rollover, save, save as), the serial save queue, the crash-recovery journal and the
 * recent files. It replaces the session on the root (AppState) and asks through the UI state.
 */
import type { Budget } from '../../shared/model';
import { emptyBudget } from '../../shared/model';
import type { JournalEntry, LockHolder, RecentFile, SavedFile, MenuCommand } from '../../shared/host/api';
import { budgetFromBytes, budgetToBytes, integrityWarning, sniffFile, BudgetFileError, BudgetSaveError } from '../../shared/storage';
import { loadSqlJs } from '../sqljs-browser';
import { localTime, lockedText } from '../../shared/host/lock';
import { createSession } from './engine';
import type { AppState } from './app.svelte';

export const SAMPLE_TITLE = '示例：重庆市渝北区大数据应用发展管理局 2024';

export class DocumentController {
  file = $state.raw<SavedFile | null>(null);
  isSample = $state(false);
  untitled = $state('');
  recent = $state.raw<RecentFile[]>([]);
  /** An imported workbook is new work until it is saved as a .budget file. */
  importedUnsaved = $state(false);

  private unsubscribe: (() => void) | null = null;
  /** Saves run one at a time; an edit during a save keeps the document dirty. */
  private saving: Promise<boolean> | null = null;

  constructor(private readonly app: AppState) {}

  /** Listens to the host (close, menu) and offers back unsaved work of an earlier run. */
  start(): void {
    this.app.host.onCloseRequest(() => this.onCloseRequest());
    this.app.host.onMenuCommand?.((cmd, path) => void this.menu(cmd, path));
    void this.refreshRecent();
    void this.offerRecovery();
  }

  get displayName(): string {
    if (this.file) return this.file.name;
    if (this.isSample) return SAMPLE_TITLE;
    return this.untitled || '未命名';
  }

  load(budget: Budget, file: SavedFile | null, isSample: boolean, untitled = ''): void {
    this.unsubscribe?.();
    // The document being replaced was saved or knowingly discarded: its journal and lock go.
    if (this.app.session) this.dropJournal();
    const previous = this.file;
    if (previous?.path && previous.path !== file?.path) void this.app.host.release(previous).catch(() => undefined);
    const session = createSession(budget);
    this.app.session = session;
    this.file = file;
    this.isSample = isSample;
    this.untitled = untitled;
    this.app.edits.reset();
    this.app.ui.selected = null;
    this.importedUnsaved = false;
    this.journalId = newJournalId();
    this.journalEdits = 0;
    this.journalRevision = session.revision;
    this.unsubscribe = session.subscribe(() => this.changed());
    this.changed();
  }

  private lastTitle = '';

  private changed(): void {
    this.app.version++;
    this.reportTitle();
    if (this.app.session.revision !== this.journalRevision) {
      this.journalRevision = this.app.session.revision;
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
    if (this.app.dirty) {
      this.journalTimer ??= setTimeout(() => this.writeJournal(), JOURNAL_DELAY_MS);
    } else {
      this.journalEdits = 0; // counted from the last save
      if (this.journalWritten) void this.dropJournal();
    }
  }

  private writeJournal(): void {
    this.journalTimer = null;
    if (!this.app.dirty) return;
    const session = this.app.session;
    const id = this.journalId;
    this.journalWritten = true;
    this.journalQueue = this.journalQueue.then(async () => {
      if (this.app.session !== session || this.journalId !== id) return;
      try {
        const sql = await loadSqlJs();
        // Synchronous from here to the write call: the bytes, the count and the name agree.
        const bytes = budgetToBytes(sql, session.budget);
        const { displayName: name, journalEdits: edits } = this;
        const path = this.file?.path;
        await this.app.host.journalWrite({ id, name, ...(path ? { path } : {}), edits, updatedAt: new Date().toISOString(), bytes });
        this.journalFailed = false;
      } catch (e) {
        if (!this.journalFailed) this.app.ui.toast('warning', `无法保存恢复记录（意外关闭时可能丢失未保存的修改）：${errorText(e)}`);
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
    this.journalQueue = this.journalQueue.then(() => this.app.host.journalClear(id).catch(() => undefined));
    return this.journalQueue;
  }

  /** On start: unsaved work of documents that were not closed cleanly, offered back one by one. */
  private async offerRecovery(): Promise<void> {
    let entries: JournalEntry[];
    try {
      entries = await this.app.host.journalList();
    } catch {
      return;
    }
    for (const e of entries) {
      if (this.app.dirty) return; // work has started meanwhile: never replace it; offered next start
      const choice = await this.app.ui.confirm({
        title: '恢复未保存的修改',
        message: `“${e.name}”上次没有正常关闭，有 ${e.edits} 处修改尚未保存（最后一次修改于 ${localTime(e.updatedAt)}）。要恢复吗？`,
        detail: '恢复：打开包含这些修改的文档，请随后保存。放弃：删除这份恢复记录，这些修改将丢失。',
        buttons: [
          { id: 'discard', label: '放弃', danger: true },
          { id: 'restore', label: '恢复', primary: true },
        ],
      });
      if (choice === 'restore') return this.restore(e);
      if (choice === 'discard') await this.app.host.journalClear(e.id).catch(() => undefined);
    }
  }

  private async restore(e: JournalEntry): Promise<void> {
    let budget: Budget;
    try {
      budget = budgetFromBytes(await loadSqlJs(), e.bytes, e.name).budget;
    } catch (err) {
      this.app.ui.toast('error', `无法恢复“${e.name}”：${errorText(err)}`);
      return;
    }
    // Back to the file it came from, when this window may write it (desktop: its lock).
    let file: SavedFile | null = null;
    let note = '';
    if (e.path) {
      try {
        const o = await this.app.host.openRecent(e.path);
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
    this.app.ui.view = 'overview';
    this.app.ui.toast('success', `已恢复“${e.name}”的 ${e.edits} 处未保存的修改，请保存。${note}`);
  }

  /** The window title and the dirty flag (the desktop's close guard), sent only when they change. */
  private reportTitle(): void {
    const dirty = this.app.dirty;
    const key = `${dirty}\u0000${this.displayName}`;
    if (key === this.lastTitle) return;
    this.lastTitle = key;
    this.app.host.setDirty(dirty, this.displayName);
  }

  /** Unsaved-changes guard: true when it is fine to discard the current document. */
  async guardUnsaved(action: string): Promise<boolean> {
    this.commitPendingInput();
    // Closing a document waits for a save in flight: its result belongs to this document.
    while (this.saving) await this.saving.catch(() => false);
    if (!this.app.dirty) return true;
    const choice = await this.app.ui.confirm({
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
    const v = await this.app.ui.openDialog<{ department: string; year: number; templateId: string } | 'rollover' | null>((resolve) => ({ kind: 'newFile', resolve }));
    if (!v) return;
    if (v === 'rollover') return this.newYear(false);
    this.load(emptyBudget({ department: v.department, year: v.year, templateId: v.templateId }), null, false, `${v.department} ${v.year}`);
    this.app.ui.view = 'overview';
    this.app.ui.toast('success', `已新建“${v.department}”${v.year}年部门预算`);
  }

  /** 新年度: last year's .budget → this year's, structure and last year's amounts carried over. */
  async newYear(guard = true): Promise<void> {
    if (guard && !(await this.guardUnsaved('新建年度'))) return;
    let opened;
    try {
      opened = await this.app.host.openFile({ extensions: ['budget'], title: '选择上一年度的部门预算文件' });
    } catch (e) {
      return this.app.ui.toast('error', `打开失败：${errorText(e)}`);
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
      this.app.ui.view = 'overview';
      await this.app.ui.confirm({
        title: '新建年度',
        message: lines[0] ?? '',
        detail: lines.slice(1).join('\n'),
        buttons: [{ id: 'ok', label: '知道了', primary: true }],
      });
    } catch (e) {
      const message = e instanceof BudgetFileError ? e.message : `无法由“${opened.name}”新建年度：${errorText(e)}`;
      await this.app.ui.tell('无法新建年度', message);
    }
  }

  async open(): Promise<void> {
    if (!(await this.guardUnsaved('打开其他文件'))) return;
    let opened;
    try {
      opened = await this.app.host.openFile({ extensions: ['budget', 'xlsx'], title: '打开部门预算文件（或导入上年公开的工作簿）' });
    } catch (e) {
      return this.app.ui.toast('error', `打开失败：${errorText(e)}`);
    }
    if (opened) await this.loadBytes(opened.name, opened.bytes, opened.path, opened.key, opened.lockedBy);
  }

  async openRecent(path: string): Promise<void> {
    if (!(await this.guardUnsaved('打开其他文件'))) return;
    try {
      const opened = await this.app.host.openRecent(path);
      await this.loadBytes(opened.name, opened.bytes, opened.path, opened.key, opened.lockedBy);
    } catch (e) {
      this.app.ui.toast('error', `打开失败：${errorText(e)}`);
    }
  }

  /** `path` (desktop) or `key` (browser) is where 保存 writes this document back to. */
  async loadBytes(name: string, bytes: Uint8Array, path?: string, key?: string, lockedBy?: LockHolder): Promise<boolean> {
    if (sniffFile(bytes) === 'xlsx') {
      const choice = await this.app.ui.confirm({
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
    this.app.ui.busy = '正在打开…';
    try {
      const sql = await loadSqlJs();
      const { budget, migratedFrom, integrity } = budgetFromBytes(sql, bytes, name);
      if (integrity === 'mismatch') {
        const choice = await this.app.ui.confirm({
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
        this.app.ui.view = 'overview';
        this.app.ui.toast('warning', `已以只读方式打开“${name}”，保存时需另选文件名`);
        return true;
      }
      if (lockedBy) {
        this.app.ui.busy = null;
        const choice = await this.app.ui.confirm({
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
        this.app.ui.view = 'overview';
        this.app.ui.toast('info', `已只读打开“${name}”：保存时请另存为另一个文件`);
        return true;
      }
      this.load(budget, { name, ...(path ? { path } : {}), ...(key ? { key } : {}) }, false);
      this.app.ui.view = 'overview';
      this.app.ui.toast(
        'success',
        migratedFrom !== null ? `已打开“${name}”（由旧版文件格式 ${migratedFrom} 升级，保存后生效）` : `已打开“${name}”`,
      );
      void this.refreshRecent();
      return true;
    } catch (e) {
      const message = e instanceof BudgetFileError ? e.message : `无法打开“${name}”：${errorText(e)}`;
      await this.app.ui.tell('无法打开文件', message);
      return false;
    } finally {
      this.app.ui.busy = null;
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
        const picked = await this.app.host.openFile({ extensions: ['docx', 'txt', 'html', 'htm'], title: '选择上年的情况说明（Word 文档、文本或网页）' });
        if (!picked) return false;
        const { narrativeTextOf } = await import('../../shared/narrative/source');
        narrative = { file: picked.name, text: await narrativeTextOf(picked.name, picked.bytes) };
      } catch (e) {
        await this.app.ui.tell('无法读取情况说明', errorText(e));
        return false;
      }
    }
    this.app.ui.busy = '正在导入工作簿…';
    try {
      const { importWorkbook } = await import('../../shared/import');
      const result = await importWorkbook(bytes, { fileName: name, narrative });
      const m = result.budget.meta;
      this.load(result.budget, null, false, `${m.department} ${m.year}（导入自 ${name}）`);
      this.importedUnsaved = true;
      this.reportTitle();
      this.syncJournal();
      this.app.ui.view = 'overview';
      const errors = result.findings.filter((f) => f.severity === 'error');
      this.app.ui.busy = null;
      await this.app.ui.confirm({
        title: '导入完成',
        message: `已从“${name}”导入 ${m.department} ${m.year} 年部门预算。${
          errors.length ? `工作簿中有 ${errors.length} 处印出的数字与按录入数计算的结果不一致（已按录入数计算），详见下面的导入报告。` : ''
        }`,
        detail: result.report.join('\n'),
        buttons: [{ id: 'ok', label: '知道了', primary: true }],
      });
      return true;
    } catch (e) {
      await this.app.ui.tell('无法导入', errorText(e));
      return false;
    } finally {
      this.app.ui.busy = null;
    }
  }

  get suggestedName(): string {
    const m = this.app.session.budget.meta;
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
    if (this.app.ui.dialog || typeof document === 'undefined') return;
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
    this.app.ui.busy = '正在保存…';
    const docName = target?.name ?? this.displayName;
    try {
      const sql = await loadSqlJs();
      const session = this.app.session;
      const snapshot = session.revision;
      // Synchronous: the bytes are exactly the state at `snapshot`.
      const bytes = budgetToBytes(sql, session.budget);
      const saved = await this.app.host.save(bytes, target, this.suggestedName);
      if (!saved) return false;
      session.markSaved(snapshot);
      // Where the bytes went belongs to the document they came from, never to one opened since.
      if (this.app.session !== session) return true;
      this.file = saved;
      this.isSample = false;
      this.importedUnsaved = false;
      if (session.dirty) this.app.ui.toast('warning', '保存期间又有修改，这些修改尚未保存');
      this.reportTitle();
      this.syncJournal();
      this.app.ui.toast('success', `已保存到“${saved.name}”`);
      void this.refreshRecent();
      return true;
    } catch (e) {
      // The hosts name the file they failed to write; anything else is named here.
      const text = e instanceof BudgetSaveError ? e.reason : errorText(e);
      await this.app.ui.confirm({
        title: '保存失败',
        message: /^[^：]*“[^”]*”/.test(text) ? text : `保存“${docName}”失败：${text}`,
        detail: '窗口中的内容没有丢失，原文件也没有被改动。请换一个位置“另存为”，或检查磁盘空间和权限后再保存。',
        buttons: [{ id: 'ok', label: '知道了', primary: true }],
      });
      return false;
    } finally {
      this.app.ui.busy = null;
    }
  }

  async refreshRecent(): Promise<void> {
    try {
      this.recent = await this.app.host.listRecent();
    } catch {
      this.recent = [];
    }
  }

  /** The window/tab is closing: allowed when nothing is unsaved; the desktop asks first. */
  private onCloseRequest(): boolean {
    this.commitPendingInput();
    if (!this.app.dirty) return true;
    if (this.app.host.kind === 'electron') {
      void this.guardUnsaved('关闭').then(async (ok) => {
        if (!ok) return;
        await this.dropJournal(); // a clean close: nothing to recover next time
        this.app.host.confirmClose?.();
      });
    }
    return false;
  }

  async exportTables(): Promise<void> {
    this.commitPendingInput();
    await this.app.ui.openDialog<void>((resolve) => ({ kind: 'export', resolve }));
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
