/**
 * Plain pieces of the app lifecycle, kept out of main.ts so they can be tested without Electron:
 * finding a .budget file in a command line, the window title, and the unsaved-changes close guard.
 */
import path from 'node:path';

export const PRODUCT_NAME = '部门预算公开工作台';

/**
 * The .budget file named on a command line (file association, "open with", a second instance), or
 * null. Chromium switches (`--foo`) and the `.` of `electron .` are skipped; the last file wins.
 */
export function budgetFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const a = argv[i];
    if (!a || a.startsWith('-')) continue;
    if (path.extname(a).toLowerCase() === '.budget') return path.resolve(cwd, a);
  }
  return null;
}

/** "● 2025.budget - 部门预算公开工作台": a dot marks unsaved changes (Windows/Linux have no native mark). */
export function windowTitle(title: string, dirty: boolean): string {
  const t = title.trim();
  const base = !t || t === PRODUCT_NAME ? PRODUCT_NAME : t.endsWith(PRODUCT_NAME) ? t : `${t} - ${PRODUCT_NAME}`;
  return dirty ? `● ${base}` : base;
}

export interface CloseGuard {
  readonly dirty: boolean;
  setDirty(dirty: boolean): void;
  /** The window's 'close' listener. */
  handleClose(event: { preventDefault(): void }): void;
  /** The renderer agreed (saved, or the user chose to discard): close for real. */
  confirm(): void;
  /** The renderer crashed: there is nobody left to ask. */
  rendererGone(): void;
}

/**
 * Closing a window with unsaved changes: the close is cancelled and the renderer is asked (it shows
 * its own 保存/不保存/取消 prompt). It answers with confirmClose, or by doing nothing (cancel).
 */
export function createCloseGuard(opts: { askRenderer(): void; closeWindow(): void }): CloseGuard {
  let dirty = false;
  let confirmed = false;
  return {
    get dirty() {
      return dirty;
    },
    setDirty(d) {
      dirty = d;
    },
    handleClose(event) {
      if (!dirty || confirmed) return;
      event.preventDefault();
      opts.askRenderer();
    },
    confirm() {
      confirmed = true;
      opts.closeWindow();
    },
    rendererGone() {
      confirmed = true;
    },
  };
}
