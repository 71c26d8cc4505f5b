/**
 * ag-grid, configured once for the whole renderer: only the Community modules the grids use, the
 * theme (Theming API, no CSS files, no web fonts) and the Chinese texts the grid can show.
 */
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  EventApiModule,
  LocaleModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  ClientSideRowModelApiModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
  type Module,
} from 'ag-grid-community';

let registered = false;

export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  const modules: Module[] = [
    ClientSideRowModelModule,
    ColumnApiModule,
    CellStyleModule,
    RowStyleModule,
    CustomEditorModule,
    TooltipModule,
    LocaleModule,
    RenderApiModule,
    RowApiModule,
    ClientSideRowModelApiModule,
    ScrollApiModule,
    EventApiModule,
  ];
  // Development only: warnings when an option needs a module that is not registered.
  if (import.meta.env.DEV) modules.push(ValidationModule);
  ModuleRegistry.registerModules(modules);
}

/** System fonts only (no download): Windows, 统信UOS/麒麟 (Noto/思源/文泉驿), macOS. */
export const CJK_FONT_STACK = [
  '"Microsoft YaHei"',
  '"微软雅黑"',
  '"PingFang SC"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
].join(', ');

export const gridTheme = themeQuartz.withParams({
  fontFamily: CJK_FONT_STACK,
  headerFontFamily: CJK_FONT_STACK,
  cellFontFamily: CJK_FONT_STACK,
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 4,
  rowHeight: 28,
  headerHeight: 30,
  borderColor: '#b9c0ca',
  columnBorder: true,
  headerColumnBorder: true,
  headerRowBorder: true,
  rowBorder: true,
  wrapperBorderRadius: 0,
  borderRadius: 2,
  headerBackgroundColor: '#eef1f5',
  headerTextColor: '#1d2733',
  foregroundColor: '#1d2733',
  backgroundColor: '#ffffff',
  accentColor: '#1f6feb',
  cellHorizontalPadding: 8,
  rowHoverColor: 'transparent',
  headerColumnResizeHandleColor: 'transparent',
  autoHeightMinBodyHeight: 28,
  selectedRowBackgroundColor: 'transparent',
});

/** The grid's own texts that can appear in our grids. */
export const GRID_LOCALE: Record<string, string> = {
  noRowsToShow: '本表无数据',
  loadingOoo: '正在加载…',
  loadingError: '加载出错',
  ariaRowSelect: '选择此行',
  ariaSearch: '搜索',
  ariaLabelCellEditor: '单元格编辑',
  ariaLabelTooltip: '提示',
  ariaMenuColumn: '列菜单',
  ariaColumnGroup: '列组',
  ariaRowIndex: '行号',
  ariaColumn: '列',
  ariaRowCount: '行数',
  ariaLabelGrid: '表格',
};
