/**
 * The Chinese application menu. File commands go to the renderer as 'menu:command' events (it owns
 * the document); editing, zoom and full screen use Electron's built-in roles so they behave natively
 * in text fields and grids. Returns a plain template; main.ts turns it into a Menu.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from '../shared/host/api';

export interface MenuDeps {
  /** webContents.send(MENU_COMMAND_CHANNEL, command, path) on the app window (see channels.ts). */
  send(command: MenuCommand, path?: string): void;
  recent: RecentFile[];
  clearRecent(): void;
  showAbout(): void;
  /** Development build: adds 重新加载 and 开发者工具. */
  isDev: boolean;
}

function recentLabel(r: RecentFile, i: number): string {
  // Numbered 1–9 with a mnemonic, and the folder so two 2025.budget files can be told apart.
  // '&' in a file name would become a mnemonic marker; double it.
  const name = r.name.replace(/&/g, '&&');
  const dir = path.basename(path.dirname(r.path)).replace(/&/g, '&&');
  const prefix = i < 9 ? `&${i + 1} ` : '';
  return dir ? `${prefix}${name}（${dir}）` : `${prefix}${name}`;
}

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const cmd = (command: MenuCommand) => () => deps.send(command);

  const recentItems: MenuItemConstructorOptions[] = deps.recent.length
    ? [
        ...deps.recent.map((r, i) => ({ label: recentLabel(r, i), click: () => deps.send('open-recent', r.path) })),
        { type: 'separator' as const },
        { label: '清除最近打开记录', click: () => deps.clearRecent() },
      ]
    : [{ label: '（无）', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '文件(&F)',
    submenu: [
      { label: '新建(&N)', accelerator: 'CmdOrCtrl+N', click: cmd('new') },
      { label: '打开(&O)…', accelerator: 'CmdOrCtrl+O', click: cmd('open') },
      { label: '最近打开(&R)', submenu: recentItems },
      { type: 'separator' },
      { label: '保存(&S)', accelerator: 'CmdOrCtrl+S', click: cmd('save') },
      { label: '另存为(&A)…', accelerator: 'CmdOrCtrl+Shift+S', click: cmd('save-as') },
      { type: 'separator' },
      { label: '新建年度(&Y)…', click: cmd('new-year') },
      { label: '导出(&E)…', accelerator: 'CmdOrCtrl+E', click: cmd('export') },
      { type: 'separator' },
      // role 'quit' closes the windows, which runs the unsaved-changes guard.
      { label: '退出(&X)', role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '编辑(&E)',
    submenu: [
      { label: '撤销(&U)', role: 'undo' },
      { label: '重做(&R)', role: 'redo' },
      { type: 'separator' },
      { label: '剪切(&T)', role: 'cut' },
      { label: '复制(&C)', role: 'copy' },
      { label: '粘贴(&P)', role: 'paste' },
      { type: 'separator' },
      { label: '全选(&A)', role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '视图(&V)',
    submenu: [
      ...(deps.isDev
        ? ([
            { label: '重新加载', role: 'reload' },
            { label: '开发者工具', role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { label: '实际大小', role: 'resetZoom' },
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '帮助(&H)',
    submenu: [{ label: '关于部门预算公开工作台(&A)', click: () => deps.showAbout() }],
  };

  return [file, edit, view, help];
}

/** Every label in a template, depth first (for tests and for checking nothing is left in English). */
export function menuLabels(template: MenuItemConstructorOptions[]): string[] {
  const out: string[] = [];
  for (const item of template) {
    if (item.label !== undefined) out.push(item.label);
    if (Array.isArray(item.submenu)) out.push(...menuLabels(item.submenu));
  }
  return out;
}
