/**
 * The root of what the screen shows (Svelte 5: shared state is an object that is mutated, never a
 * reassigned module-level $state). The budget and its rules live in the engine session (plain
 * TypeScript in shared/); the root holds the session and counts its changes (`version`) so views
 * re-read it. Three parts under it: `doc` (files, the save queue, recovery), `edits` (apply,
 * undo locations, row operations) and `ui` (view, dialogs, toasts).
 */
import type { Budget } from '../../shared/model';
import type { DerivedTable, TableTemplate, TemplateSet } from '../../shared/tables';
import { templatesFor } from '../../shared/tables';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import type { EngineSession, Finding } from './engine';
import type { RendererHost } from '../host/types';
import { viewOf } from '../grid/model';
import { DocumentController } from './document.svelte';
import { EditController } from './edits.svelte';
import { INFO_VIEW, UiState, type ViewEntry } from './ui.svelte';

export * from './ui.svelte';

export class AppState {
  readonly host: RendererHost;
  session: EngineSession = $state.raw(null as unknown as EngineSession);
  /** Bumped on every session change: views that read the session depend on it. */
  version = $state(0);

  readonly ui = new UiState();
  readonly edits: EditController;
  readonly doc: DocumentController;

  constructor(host: RendererHost) {
    this.host = host;
    this.edits = new EditController(this);
    this.doc = new DocumentController(this);
    this.doc.load(yubeiBigData2024(), null, true);
    this.doc.start();
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
    return this.session.dirty || this.doc.importedUnsaved;
  }

  get canUndo(): boolean {
    void this.version;
    return this.session.canUndo;
  }

  get canRedo(): boolean {
    void this.version;
    return this.session.canRedo;
  }

  /** The budget's own table set. */
  get templateSet(): TemplateSet {
    void this.version;
    return templatesFor(this.session.budget.meta.templateId);
  }

  get templates(): readonly TableTemplate[] {
    return this.templateSet.tables;
  }

  template(viewId: string): TableTemplate | undefined {
    return this.templates.find((t) => t.id === viewId);
  }

  /** 概览, 单位与基本信息, the tables, 情况说明, 问题. */
  get views(): ViewEntry[] {
    return [
      { id: 'overview', label: '概览', title: '概览' },
      { id: INFO_VIEW, label: '单位与基本信息', title: '部门、单位、日期、联系方式' },
      ...this.templates.map((t) => ({ id: t.id, label: t.no, title: this.tableTitle(t) })),
      { id: 'narrative', label: '情况说明', title: '部门预算情况说明' },
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
}
