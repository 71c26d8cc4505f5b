import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';

vi.mock('electron', () => ({}));

import { budgetFileFromArgv, createCloseGuard, windowTitle } from '../../electron/lifecycle';

describe('budgetFileFromArgv', () => {
  it('finds a .budget file on a packaged or development command line', () => {
    expect(budgetFileFromArgv(['C:\\App\\工作台.exe', 'D:\\预算\\2025.budget'], 'C:\\')).toMatch(/2025\.budget$/);
    expect(budgetFileFromArgv(['/opt/bw/budget-workbench', '--no-sandbox', '2025.BUDGET'], '/home/u')).toBe('/home/u/2025.BUDGET');
    expect(budgetFileFromArgv(['/usr/bin/electron', '.', '/data/a.budget'], '/w')).toBe('/data/a.budget');
  });

  it('ignores switches, the app folder and other files', () => {
    expect(budgetFileFromArgv(['/usr/bin/electron', '.'], '/w')).toBeNull();
    expect(budgetFileFromArgv(['x', '--file=a.budget', 'notes.txt'], '/w')).toBeNull();
    expect(budgetFileFromArgv(['a.budget'], '/w')).toBeNull(); // argv[0] is the executable
  });
});

describe('windowTitle', () => {
  it('marks unsaved changes', () => {
    expect(windowTitle('2025.budget', false)).toBe('2025.budget - 部门预算公开工作台');
    expect(windowTitle('2025.budget', true)).toBe('● 2025.budget - 部门预算公开工作台');
    expect(windowTitle('', false)).toBe('部门预算公开工作台');
    expect(windowTitle('样例 - 部门预算公开工作台', true)).toBe('● 样例 - 部门预算公开工作台');
  });
});

describe('close guard', () => {
  function setup() {
    const askRenderer = vi.fn();
    const closeWindow = vi.fn();
    return { askRenderer, closeWindow, guard: createCloseGuard({ askRenderer, closeWindow }) };
  }
  const closeEvent = () => ({ preventDefault: vi.fn() });

  it('lets a clean window close', () => {
    const { guard, askRenderer } = setup();
    const e = closeEvent();
    guard.handleClose(e);
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(askRenderer).not.toHaveBeenCalled();
  });

  it('asks the renderer before closing a dirty window, then closes on confirmation', () => {
    const { guard, askRenderer, closeWindow } = setup();
    guard.setDirty(true);
    const e = closeEvent();
    guard.handleClose(e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(askRenderer).toHaveBeenCalledTimes(1);
    // The user cancelled: nothing happens; a second attempt asks again.
    guard.handleClose(closeEvent());
    expect(askRenderer).toHaveBeenCalledTimes(2);
    guard.confirm();
    expect(closeWindow).toHaveBeenCalled();
    const again = closeEvent();
    guard.handleClose(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('stops asking once the document is saved, or the renderer is gone', () => {
    const a = setup();
    a.guard.setDirty(true);
    a.guard.setDirty(false);
    const e = closeEvent();
    a.guard.handleClose(e);
    expect(e.preventDefault).not.toHaveBeenCalled();

    const b = setup();
    b.guard.setDirty(true);
    b.guard.rendererGone();
    const f = closeEvent();
    b.guard.handleClose(f);
    expect(f.preventDefault).not.toHaveBeenCalled();
  });
});
