/**
 * The Host: everything the renderer may ask of the world outside the page (files, dialogs, PDF).
 * Two implementations: Electron (preload + IPC, electron/) and browser (renderer/host/browser.ts).
 * One typed map of IPC channels: the preload exposes exactly these, the main process registers
 * exactly these, and a name registered twice throws.
 */

/**
 * A file the user picked or reopened. `path` only exists in the desktop edition; `key` only in the
 * browser edition, where it names the picked file handle (names alone are not unique: two folders
 * may each hold a 部门预算.budget). The document keeps what it was opened from and hands it back to
 * `save`, so a file is only ever written to by the document that came from it.
 */
export interface OpenedFile {
  name: string;
  path?: string;
  key?: string;
  bytes: Uint8Array;
  /** Desktop: the file is open for writing elsewhere; it was read but its lock was not taken. */
  lockedBy?: LockHolder;
}

export interface SavedFile {
  name: string;
  path?: string;
  key?: string;
}

export interface RecentFile {
  name: string;
  path: string;
  openedAt: string; // ISO time
}

export interface ExportFile {
  /** A bare file name (no directories); the host refuses anything else. */
  name: string;
  bytes: Uint8Array;
}

/**
 * Unsaved work of one open document, kept while it is edited so a crash, a killed tab or a power cut
 * loses at most the last second (crash recovery). `id` names the open document (one per load, not
 * per file); `bytes` is the whole document as a .budget, so restoring gives exactly that state.
 * `path` (desktop) is where the document came from, so 保存 after restoring writes back there.
 */
export interface JournalEntry {
  id: string;
  name: string;
  path?: string;
  /** Accepted edits since the document was opened or last saved. */
  edits: number;
  /** ISO time of the last journaled edit. */
  updatedAt: string;
  bytes: Uint8Array;
}

/** A .budget another window of the app (on this or another PC) has open for writing (its lock file). */
export interface LockHolder {
  user: string;
  host: string;
  since: string; // ISO time
}

/** Channel name → [argument, result]. Every IPC call takes one structured-clonable argument. */
export interface IpcChannels {
  'file:open-dialog': [{ extensions: string[]; title: string }, OpenedFile | null];
  'file:open-recent': [{ path: string }, OpenedFile];
  /** path null → a save-as dialog. A non-null path must be one the main process handed out before. */
  'file:save': [{ path: string | null; suggestedName: string; bytes: Uint8Array }, SavedFile | null];
  'export:write': [{ files: ExportFile[]; title: string }, { dir: string; count: number } | null];
  'pdf:print': [{ html: string; landscape: boolean }, Uint8Array];
  'recent:list': [null, RecentFile[]];
  'app:set-dirty': [{ dirty: boolean; title: string }, null];
  /** The document from this path is closed or replaced: its lock file is removed. */
  'file:release': [{ path: string }, null];
  'journal:write': [JournalEntry, null];
  'journal:clear': [{ id: string }, null];
  /** Journals left by documents that were not closed cleanly (none of this run's). */
  'journal:list': [null, JournalEntry[]];
}

export type IpcChannel = keyof IpcChannels;
export type IpcArg<C extends IpcChannel> = IpcChannels[C][0];
export type IpcResult<C extends IpcChannel> = IpcChannels[C][1];

export const IPC_CHANNELS: readonly IpcChannel[] = [
  'file:open-dialog',
  'file:open-recent',
  'file:save',
  'export:write',
  'pdf:print',
  'recent:list',
  'app:set-dirty',
  'file:release',
  'journal:write',
  'journal:clear',
  'journal:list',
];

/** What the preload puts on `window.budgetHost` (contextBridge): one generic, allow-listed invoke. */
export interface PreloadBridge {
  invoke<C extends IpcChannel>(channel: C, arg: IpcArg<C>): Promise<IpcResult<C>>;
  /** The main process asks before closing a window with unsaved changes. */
  onCloseRequest(handler: () => void): void;
  confirmClose(): void;
  /** Application-menu commands (main → renderer). 'open-recent' carries the path to pass to `openRecent`. */
  onMenuCommand(handler: (command: MenuCommand, path?: string) => void): void;
}

/** What the desktop menu asks the renderer to do (a file given on the command line arrives as 'open-recent'). */
export type MenuCommand = 'new' | 'open' | 'open-recent' | 'save' | 'save-as' | 'new-year' | 'export';
export const MENU_COMMANDS: readonly MenuCommand[] = ['new', 'open', 'open-recent', 'save', 'save-as', 'new-year', 'export'];

/** The renderer-facing interface; implemented by renderer/host/electron.ts and renderer/host/browser.ts. */
export interface Host {
  readonly kind: 'electron' | 'browser';
  openFile(opts: { extensions: string[]; title: string }): Promise<OpenedFile | null>;
  openRecent(path: string): Promise<OpenedFile>;
  listRecent(): Promise<RecentFile[]>;
  /** Save bytes atomically. `current` is what the open document was loaded from or last saved as; null → save as. */
  save(bytes: Uint8Array, current: SavedFile | null, suggestedName: string): Promise<SavedFile | null>;
  writeExport(files: ExportFile[], title: string): Promise<{ dir: string; count: number } | null>;
  /** PDF bytes of an HTML page (desktop: printToPDF). The browser edition returns null and opens the print dialog. */
  printToPdf(html: string, landscape: boolean): Promise<Uint8Array | null>;
  setDirty(dirty: boolean, title: string): void;
  /** The document opened from `file` is closed or replaced (desktop: its lock file is removed). */
  release(file: SavedFile): Promise<void>;
  /** Crash recovery: keep, drop and list the unsaved work of open documents (see JournalEntry). */
  journalWrite(entry: JournalEntry): Promise<void>;
  journalClear(id: string): Promise<void>;
  journalList(): Promise<JournalEntry[]>;
  /** Called when the user tries to close the window/tab; return true to allow closing. */
  onCloseRequest(handler: () => boolean): void;
}
