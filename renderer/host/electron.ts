/** The Host over the preload's window.budgetHost (contextBridge + IPC; electron/preload.ts). */
import type { ExportFile, JournalEntry, MenuCommand, OpenedFile, PreloadBridge, RecentFile, SavedFile } from '../../shared/host/api';
import type { RendererHost } from './types';

export class ElectronHost implements RendererHost {
  readonly kind = 'electron' as const;
  constructor(private readonly bridge: PreloadBridge) {}

  openFile(opts: { extensions: string[]; title: string }): Promise<OpenedFile | null> {
    return this.bridge.invoke('file:open-dialog', opts);
  }
  openRecent(path: string): Promise<OpenedFile> {
    return this.bridge.invoke('file:open-recent', { path });
  }
  listRecent(): Promise<RecentFile[]> {
    return this.bridge.invoke('recent:list', null);
  }
  save(bytes: Uint8Array, current: SavedFile | null, suggestedName: string): Promise<SavedFile | null> {
    return this.bridge.invoke('file:save', { path: current?.path ?? null, suggestedName, bytes });
  }
  writeExport(files: ExportFile[], title: string): Promise<{ dir: string; count: number } | null> {
    return this.bridge.invoke('export:write', { files, title });
  }
  printToPdf(html: string, landscape: boolean): Promise<Uint8Array | null> {
    return this.bridge.invoke('pdf:print', { html, landscape });
  }
  async release(file: SavedFile): Promise<void> {
    if (file.path) await this.bridge.invoke('file:release', { path: file.path });
  }
  async journalWrite(entry: JournalEntry): Promise<void> {
    await this.bridge.invoke('journal:write', entry);
  }
  async journalClear(id: string): Promise<void> {
    await this.bridge.invoke('journal:clear', { id });
  }
  journalList(): Promise<JournalEntry[]> {
    return this.bridge.invoke('journal:list', null);
  }
  setDirty(dirty: boolean, title: string): void {
    void this.bridge.invoke('app:set-dirty', { dirty, title });
  }
  onCloseRequest(handler: () => boolean): void {
    this.bridge.onCloseRequest(() => {
      if (handler()) this.bridge.confirmClose();
    });
  }
  confirmClose(): void {
    this.bridge.confirmClose();
  }
  onMenuCommand(handler: (command: MenuCommand, path?: string) => void): void {
    this.bridge.onMenuCommand(handler);
  }
}
