import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({}));

import { buildMenuTemplate, menuLabels } from '../../electron/menu';
import type { RecentFile } from '../../shared/host/api';

const recent: RecentFile[] = [
  { name: '2025.budget', path: '/home/u/预算/2025.budget', openedAt: '2025-01-02T00:00:00.000Z' },
  { name: 'R&D.budget', path: '/home/u/old/R&D.budget', openedAt: '2025-01-01T00:00:00.000Z' },
];

function build(isDev = false, list = recent) {
  const deps = { send: vi.fn(), clearRecent: vi.fn(), showAbout: vi.fn(), recent: list, isDev };
  return { deps, template: buildMenuTemplate(deps) };
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  for (const it of items) {
    if (it.label?.replace(/\(&\w\)|&/g, '').replace('…', '') === label) return it;
    if (Array.isArray(it.submenu)) {
      try {
        return find(it.submenu, label);
      } catch {
        /* keep looking */
      }
    }
  }
  throw new Error(`no menu item ${label}`);
}

const click = (it: MenuItemConstructorOptions) => (it.click as () => void)();

describe('application menu', () => {
  it('is in Chinese throughout', () => {
    const { template } = build(true);
    expect(template.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const labels = menuLabels(template);
    expect(labels.length).toBeGreaterThan(20);
    for (const label of labels) {
      // Recent files show their own names; everything else must be Chinese.
      if (recent.some((r) => label.includes(r.name.replace('&', '&&')))) continue;
      expect(label, label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has the agreed items', () => {
    const { template } = build(true);
    for (const label of ['新建', '打开', '最近打开', '保存', '另存为', '新建年度', '导出', '退出', '撤销', '重做', '剪切', '复制', '粘贴', '全选', '重新加载', '实际大小', '放大', '缩小', '全屏', '关于部门预算公开工作台']) {
      expect(() => find(template, label), label).not.toThrow();
    }
  });

  it('sends file commands to the renderer', () => {
    const { template, deps } = build();
    const expected: [string, string][] = [
      ['新建', 'new'],
      ['打开', 'open'],
      ['保存', 'save'],
      ['另存为', 'save-as'],
      ['新建年度', 'new-year'],
      ['导出', 'export'],
    ];
    for (const [label, command] of expected) {
      click(find(template, label));
      expect(deps.send).toHaveBeenLastCalledWith(command);
    }
    expect(find(template, '保存').accelerator).toBe('CmdOrCtrl+S');
  });

  it('lists recent files, opening them by path', () => {
    const { template, deps } = build();
    const sub = find(template, '最近打开').submenu as MenuItemConstructorOptions[];
    expect(sub[0]!.label).toBe('&1 2025.budget（预算）');
    expect(sub[1]!.label).toBe('&2 R&&D.budget（old）');
    click(sub[1]!);
    expect(deps.send).toHaveBeenCalledWith('open-recent', '/home/u/old/R&D.budget');
    click(find(template, '清除最近打开记录'));
    expect(deps.clearRecent).toHaveBeenCalled();
  });

  it('shows a disabled placeholder when nothing was opened yet', () => {
    const { template } = build(false, []);
    const sub = find(template, '最近打开').submenu as MenuItemConstructorOptions[];
    expect(sub).toEqual([{ label: '（无）', enabled: false }]);
  });

  it('uses native roles for editing, zoom and quit', () => {
    const { template } = build();
    expect(find(template, '撤销').role).toBe('undo');
    expect(find(template, '粘贴').role).toBe('paste');
    expect(find(template, '全选').role).toBe('selectAll');
    expect(find(template, '放大').role).toBe('zoomIn');
    expect(find(template, '全屏').role).toBe('togglefullscreen');
    expect(find(template, '退出').role).toBe('quit');
  });

  it('offers reload and devtools only in development', () => {
    expect(menuLabels(build(false).template)).not.toContain('重新加载');
    expect(menuLabels(build(false).template)).not.toContain('开发者工具');
    expect(menuLabels(build(true).template)).toContain('重新加载');
  });

  it('about opens the about box', () => {
    const { template, deps } = build();
    click(find(template, '关于部门预算公开工作台'));
    expect(deps.showAbout).toHaveBeenCalled();
  });
});
