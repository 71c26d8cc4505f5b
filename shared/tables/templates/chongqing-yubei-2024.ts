/**
 * The 渝北区 部门预算公开 table set (seventeen tables), as printed in the 2024 disclosure of
 * 重庆市渝北区大数据应用发展管理局. 表二 and 表十三 are listed but not printed there; their layout
 * is ours (表二: function rows × income sources; 表十三: one row per project).
 */
import { APPROPRIATION_FUNDS, CARRYOVER_SOURCES, CURRENT_SOURCES, type SourceKey } from '../../model/types';
import {
  APPROPRIATION_CARRY,
  codeColumn as code,
  FUND_CARRY_FORWARD,
  FUND_CLASS_ROWS,
  FUND_SPEND,
  FUND_SPEND_TOTAL,
  fundColumns,
  GPB_COLUMNS,
  income,
  INCOME_SOURCE_COLUMNS,
  moneyColumn as money,
  nameColumn as name,
  textColumn as text,
  THREE_PUBLIC_ROW,
  threePublicColumns,
} from '../kit';
import type { ColumnDef } from '../types';
import type { FormRowDef, IndicatorBlockDef, SummaryLine, TableTemplate, TemplateSet } from '../template-types';
import type { TableRole } from '../roles';

const INCOME_LABELS: Record<string, string> = {
  gpb: '一般公共预算财政拨款资金',
  fund: '政府性基金预算财政拨款资金',
  soe: '国有资本经营预算财政拨款资金',
  special: '财政专户管理资金',
  business: '事业收入资金',
  superior: '上级补助收入资金',
  affiliated: '附属单位上缴收入资金',
  operating: '事业单位经营收入资金',
  other: '其他收入资金',
};
const FUND_LABELS = { gpb: '一般公共预算财政拨款', fund: '政府性基金预算财政拨款', soe: '国有资本经营预算财政拨款' };

const ALL_SOURCES_INCOME: readonly SourceKey[] = [...CURRENT_SOURCES, ...CARRYOVER_SOURCES, 'reserve'];
const APPROPRIATION_CURRENT: readonly SourceKey[] = APPROPRIATION_FUNDS;

const t1: TableTemplate = {
  id: 't1',
  role: 'summary',
  no: '表一',
  title: '{year}年{district}部门收支预算总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [text('inLabel', 30), money('inAmount'), text('outLabel', 30), money('outAmount')],
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '预算数' }],
  ],
  body: {
    type: 'summary',
    leftColumns: ['inLabel', 'inAmount'],
    rightColumns: ['outLabel', 'outAmount'],
    sections: [
      {
        key: 'total',
        role: 'total',
        left: { lines: [{ key: 'incomeTotal', label: '合计', values: [income(ALL_SOURCES_INCOME)] }] },
        right: {
          lines: [{ key: 'spendTotal', label: '合计', values: [{ sum: [{ spend: { year: 'current' } }, { carryForward: 'all' }] }] }],
        },
      },
      {
        key: 'current',
        role: 'section',
        left: { lines: [{ key: 'incomeCurrent', label: '一、本年收入合计', values: [income(CURRENT_SOURCES)] }] },
        right: { lines: [{ key: 'spendCurrent', label: '一、本年支出合计', values: [{ spend: { year: 'current' } }] }] },
      },
      {
        key: 'lines',
        role: 'line',
        left: {
          lines: CURRENT_SOURCES.map((s): SummaryLine => ({ key: `income:${s}`, label: INCOME_LABELS[s], values: [income([s])] })),
        },
        right: { classRows: [{ year: 'current' }] },
      },
      {
        key: 'carry',
        role: 'section',
        left: { lines: [{ key: 'carryover', label: '二、上年结转', values: [income(CARRYOVER_SOURCES)] }] },
        right: { lines: [{ key: 'carryForward', label: '二、结转下年', values: [{ carryForward: 'all' }] }] },
      },
      {
        key: 'reserve',
        role: 'section',
        left: { lines: [{ key: 'reserve', label: '三、用事业基金弥补收支差额', values: [income(['reserve'])] }] },
        right: {},
      },
    ],
  },
  emptyNote: '备注：本部门无收支，故此表无数据。',
  landscape: false,
};

/** 表二 (our layout): function rows × income sources, this year. */
const INCOME_COLUMN_LABELS: Record<string, string> = {
  carryover: '上年结转',
  gpb: '一般公共预算财政拨款',
  fund: '政府性基金预算财政拨款',
  soe: '国有资本经营预算财政拨款',
  special: '财政专户管理资金',
  business: '事业收入',
  operating: '事业单位经营收入',
  superior: '上级补助收入',
  affiliated: '附属单位上缴收入',
  other: '其他收入',
  reserve: '用事业基金弥补收支差额',
};
const INCOME_COLUMNS = INCOME_SOURCE_COLUMNS.map((c) => ({ ...c, label: INCOME_COLUMN_LABELS[c.key] }));

const t2: TableTemplate = {
  id: 't2',
  role: 'income',
  no: '表二',
  title: '{year}年{district}部门收入预算总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(30), money('total'), ...INCOME_COLUMNS.map((c) => money(c.key, 14))],
  header: [
    [
      { text: '功能分类科目', colSpan: 2 },
      { text: '合计', rowSpan: 2 },
      ...INCOME_COLUMNS.map((c) => ({ text: c.label, rowSpan: 2 })),
    ],
    [{ text: '科目编码' }, { text: '科目名称' }],
  ],
  body: {
    type: 'functionTree',
    totalLabel: '合计',
    totalWhenEmpty: true,
    columns: [
      { key: 'total', kind: 'money', value: { year: 'current' } },
      ...INCOME_COLUMNS.map((c) => ({ key: c.key, kind: 'money' as const, value: { sources: c.sources, year: 'current' as const } })),
    ],
  },
  emptyNote: '备注：本部门无收入，故此表无数据。',
  landscape: true,
};

const t3: TableTemplate = {
  id: 't3',
  role: 'spending',
  no: '表三',
  title: '{year}年{district}部门支出预算总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('total'), money('basic'), money('project')],
  header: [[{ text: '科目编码' }, { text: '科目名称' }, { text: '总计' }, { text: '基本支出' }, { text: '项目支出' }]],
  body: {
    type: 'functionTree',
    totalLabel: '合计',
    totalWhenEmpty: true,
    columns: [
      { key: 'total', kind: 'money', value: { year: 'current' } },
      { key: 'basic', kind: 'money', value: { kind: 'basic', year: 'current' } },
      { key: 'project', kind: 'money', value: { kind: 'project', year: 'current' } },
    ],
  },
  emptyNote: '备注：本部门无支出，故此表无数据。',
  landscape: false,
};

const t4: TableTemplate = {
  id: 't4',
  role: 'appropriation',
  no: '表四',
  title: '{year}年{district}部门财政拨款收支预算总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [text('inLabel', 26), money('inAmount'), text('outLabel', 26), money('outTotal'), money('outGpb'), money('outFund'), money('outSoe')],
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 5 }],
    [{ text: '项目' }, { text: '预算数' }, { text: '项目' }, { text: '合计' }, { text: '一般公共预算' }, { text: '政府性基金预算' }, { text: '国有资本经营预算' }],
  ],
  body: {
    type: 'summary',
    leftColumns: ['inLabel', 'inAmount'],
    rightColumns: ['outLabel', 'outTotal', 'outGpb', 'outFund', 'outSoe'],
    sections: [
      {
        key: 'current',
        role: 'section',
        bold: true,
        left: { lines: [{ key: 'incomeCurrent', label: '一、本年收入', values: [income(APPROPRIATION_CURRENT)] }] },
        right: {
          lines: [
            {
              key: 'spendCurrent',
              label: '一、本年支出',
              values: FUND_SPEND,
            },
          ],
        },
      },
      {
        key: 'lines',
        role: 'line',
        left: {
          lines: APPROPRIATION_CURRENT.map((s): SummaryLine => ({ key: `income:${s}`, label: FUND_LABELS[s as 'gpb'], values: [income([s])] })),
        },
        right: { classRows: FUND_CLASS_ROWS },
      },
      {
        key: 'carry',
        role: 'section',
        bold: true,
        left: { lines: [{ key: 'carryover', label: '二、上年结转', values: [income(APPROPRIATION_CARRY)] }] },
        right: {
          lines: [
            {
              key: 'carryForward',
              label: '二、结转下年',
              values: FUND_CARRY_FORWARD,
            },
          ],
        },
      },
      {
        key: 'carryLines',
        role: 'line',
        left: {
          lines: APPROPRIATION_CARRY.map((s, i): SummaryLine => ({
            key: `carry:${s}`,
            label: FUND_LABELS[APPROPRIATION_CURRENT[i] as 'gpb'],
            values: [income([s])],
          })),
        },
        right: {},
      },
      {
        key: 'total',
        role: 'total',
        bold: true,
        left: { lines: [{ key: 'incomeTotal', label: '收入合计', values: [income([...APPROPRIATION_CURRENT, ...APPROPRIATION_CARRY])] }] },
        right: {
          lines: [
            {
              key: 'spendTotal',
              label: '支出合计',
              values: FUND_SPEND_TOTAL,
            },
          ],
        },
      },
    ],
  },
  emptyNote: '备注：本部门无财政拨款收支，故此表无数据。',
  landscape: true,
};

const t5: TableTemplate = {
  id: 't5',
  role: 'gpb',
  no: '表五',
  title: '{year}年{district}部门一般公共预算财政拨款支出预算表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('prior'), money('current'), money('basic'), money('project'), { key: 'change', kind: 'percent', width: 16 }],
  header: [
    [
      { text: '功能分类科目', colSpan: 2 },
      { text: '{prior}年预算数', rowSpan: 2 },
      { text: '{year}年预算数', colSpan: 3 },
      { text: '{year}年预算比{prior}年预算增幅%', rowSpan: 2 },
    ],
    [{ text: '科目编码' }, { text: '科目名称' }, { text: '小计' }, { text: '基本支出' }, { text: '项目支出' }],
  ],
  body: {
    type: 'functionTree',
    totalLabel: '合计',
    totalWhenEmpty: true,
    columns: GPB_COLUMNS,
  },
  emptyNote: '备注：本部门无一般公共预算财政拨款支出，故此表无数据。',
  landscape: true,
};

const econTable = (
  id: string,
  no: string,
  role: TableRole,
  kindTitle: '基本' | '项目',
  scheme: 'department' | 'government',
): TableTemplate => {
  const dept = scheme === 'department';
  const kind = kindTitle === '基本' ? 'basic' : 'project';
  const schemeName = dept ? '部门预算支出经济分类科目' : '政府预算支出经济分类科目';
  const split = dept && kind === 'basic'; // 表六 splits 人员经费 / 日常公用经费
  return {
    id,
    no,
    role,
    title: `{year}年{district}部门一般公共预算财政拨款${kindTitle}支出预算表`,
    subtitle: `(${schemeName})`,
    nameLine: 'department',
    unitLine: '单位：元',
    columns: split
      ? [code(), name(), money('total'), money('personnel'), money('public')]
      : [code(), name(), money('total', 18)],
    header: split
      ? [
          [{ text: '经济分类科目', colSpan: 2 }, { text: '{year}年基本支出', colSpan: 3 }],
          [{ text: '科目编码' }, { text: '科目名称' }, { text: '总计' }, { text: '人员经费' }, { text: '日常公用经费' }],
        ]
      : [
          [
            { text: dept ? '部门预算支出经济科目' : '政府预算经济科目', colSpan: 2 },
            { text: `${kindTitle}支出`, rowSpan: 2 },
          ],
          [{ text: '科目编码' }, { text: '科目名称' }],
        ],
    body: {
      type: 'econTree',
      scheme,
      kind,
      totalLabel: '合计',
      columns: split
        ? [
            { key: 'total', part: 'all', editable: true },
            { key: 'personnel', part: 'personnel' },
            { key: 'public', part: 'public' },
          ]
        : [{ key: 'total', part: 'all', editable: true }],
    },
    emptyNote: `备注：本部门无一般公共预算财政拨款${kindTitle}支出，故此表无数据。`,
    landscape: false,
  };
};

const t10: TableTemplate = {
  id: 't10',
  role: 'threePublic',
  no: '表十',
  title: '{year}年{district}部门一般公共预算“三公”经费支出预算表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: threePublicColumns(14),
  header: [
    [{ text: '{year}年预算数', colSpan: 6 }, { text: '{prior}年预算数', colSpan: 6 }],
    [0, 1].flatMap(() => [
      { text: '合计', rowSpan: 2 },
      { text: '因公出国（境） 费', rowSpan: 2 },
      { text: '公务用车购置及运行费', colSpan: 3 },
      { text: '公务接待 费', rowSpan: 2 },
    ]),
    [0, 1].flatMap(() => [{ text: '小计' }, { text: '公务用车购置 费' }, { text: '公务用车运行 费' }]),
  ],
  body: {
    type: 'form',
    owner: 'threePublic',
    rows: [THREE_PUBLIC_ROW],
  },
  emptyNote: '备注：本部门无“三公”经费预算，故此表无数据。',
  landscape: true,
};

const fundTable = (id: string, no: string, fund: 'fund' | 'soe', title: string, headline: string, note: string): TableTemplate => ({
  id,
  no,
  role: fund,
  title,
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('total'), money('basic'), money('project')],
  header: [
    [{ text: '科目编码', rowSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: headline, colSpan: 3 }],
    [{ text: '总计' }, { text: '基本支出' }, { text: '项目支出' }],
  ],
  body: {
    type: 'functionTree',
    totalLabel: '合计',
    totalWhenEmpty: true,
    columns: fundColumns(fund),
  },
  emptyNote: note,
  landscape: false,
});

const t13: TableTemplate = {
  id: 't13',
  role: 'projects',
  no: '表十三',
  title: '{year}年{district}部门项目支出明细表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [
    text('unitCode', 10),
    text('unitName', 26),
    text('projectName', 30),
    money('total'),
    money('gpb', 14),
    money('fund', 14),
    money('soe', 14),
    money('others', 14),
    text('description', 40),
  ],
  header: [
    [
      { text: '单位代码', rowSpan: 2 },
      { text: '单位名称', rowSpan: 2 },
      { text: '项目名称', rowSpan: 2 },
      { text: '合计', rowSpan: 2 },
      { text: '财政拨款', colSpan: 3 },
      { text: '其他资金', rowSpan: 2 },
      { text: '项目概述', rowSpan: 2 },
    ],
    [{ text: '一般公共预算' }, { text: '政府性基金预算' }, { text: '国有资本经营预算' }],
  ],
  body: { type: 'projectList', totalLabel: '合计' },
  emptyNote: '备注：本部门无项目支出，故此表无数据。',
  landscape: true,
};

const t14: TableTemplate = {
  id: 't14',
  role: 'procurement',
  no: '表十四',
  title: '{year}年{district}部门政府采购预算明细表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [
    text('deptCode', 10),
    text('deptName', 24),
    text('unitCode', 10),
    text('unitName', 24),
    text('item', 30),
    money('total', 14),
    money('goods', 14),
    money('works', 14),
    money('services', 14),
  ],
  header: [
    ['部门代码', '部门名称', '单位代码', '单位名称', '采购项目名称', '合计', '货物类', '工程类', '服务类'].map((t) => ({ text: t })),
  ],
  body: { type: 'procurement', totalLabel: '合计' },
  emptyNote: '备注：本部门无政府采购预算，故此表无数据。',
  landscape: true,
};

const INDICATORS: IndicatorBlockDef = {
  label: '绩效指标',
  header: ['指标名称', '指标权重', '计量单位', '指标性质', '指标值', '是否核心指标'],
};

const PERF_COLUMNS: readonly ColumnDef[] = [
  text('label', 14),
  text('c1', 40),
  text('c2', 12),
  text('c3', 14),
  text('c4', 16),
  text('c5', 12),
  text('c6', 14),
];

const t15: TableTemplate = {
  id: 't15',
  role: 'deptPerformance',
  no: '表十五',
  title: '{year}年{district}部门预算整体绩效目标表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: PERF_COLUMNS,
  header: [],
  body: {
    type: 'form',
    owner: 'department',
    rows: [
      {
        key: 'dept',
        cells: [
          { text: '部门(单位)名称' },
          { bind: 'dept.name' },
          { text: '部门支出预算数' },
          { bind: 'dept.total', kind: 'money', colSpan: 4 },
        ],
      },
      { key: 'goal', cells: [{ text: '当年整体绩效目标' }, { bind: 'dept.goal', colSpan: 6 }] },
    ],
    indicators: INDICATORS,
  },
  emptyNote: '备注：本部门无整体绩效目标。',
  landscape: false,
};

const PROJECT_FORM: readonly FormRowDef[] = [
  {
    key: 'name',
    cells: [{ text: '专项资金名称' }, { bind: 'project.name', colSpan: 2 }, { text: '业务主管部门' }, { bind: 'project.department', colSpan: 3 }],
  },
  {
    key: 'budget',
    cells: [
      { text: '当年预算', rowSpan: 2 },
      { bind: 'project.total', kind: 'money', colSpan: 2, rowSpan: 2 },
      { text: '区级支出（元）' },
      { bind: 'project.district', kind: 'money', colSpan: 3 },
    ],
  },
  { key: 'town', cells: [{ text: '补助镇街（元）' }, { bind: 'project.town', kind: 'money', colSpan: 3 }] },
  { key: 'summary', cells: [{ text: '项目概况' }, { bind: 'project.summary', colSpan: 6 }] },
  { key: 'basis', cells: [{ text: '立项依据' }, { bind: 'project.basis', colSpan: 6 }] },
  { key: 'goal', cells: [{ text: '当年绩效目标' }, { bind: 'project.goal', colSpan: 6 }] },
];

const projectTable = (id: string, no: string, category: 'key' | 'general', title: string, note: string): TableTemplate => ({
  id,
  no,
  role: category === 'key' ? 'keyProjects' : 'generalProjects',
  title,
  nameLine: 'compilingUnit',
  unitLine: '单位：元',
  columns: PERF_COLUMNS,
  header: [],
  body: { type: 'projectBlocks', category, rows: PROJECT_FORM, indicators: INDICATORS },
  emptyNote: note,
  landscape: false,
});

export const CHONGQING_YUBEI_2024: TemplateSet = {
  profile: {
    id: 'chongqing-yubei-2024',
    name: '重庆市渝北区 部门预算公开（十七张表）',
    unit: '元',
    projectWeightTotal: 90,
    departmentWeightTotal: 100,
    narrativePercentDecimals: 1,
    operatingCostClasses: ['502'],
  },
  tables: [
    t1,
    t2,
    t3,
    t4,
    t5,
    econTable('t6', '表六', 'basicDept', '基本', 'department'),
    econTable('t7', '表七', 'basicGov', '基本', 'government'),
    econTable('t8', '表八', 'projectDept', '项目', 'department'),
    econTable('t9', '表九', 'projectGov', '项目', 'government'),
    t10,
    fundTable(
      't11',
      '表十一',
      'fund',
      '{year}年{district}部门政府性基金预算财政拨款支出预算表',
      '本年政府性基金预算财政拨款支出',
      '备注：本部门无政府性基金收支，故此表无数据。',
    ),
    fundTable(
      't12',
      '表十二',
      'soe',
      '{year}年{district}部门国有资本经营预算财政拨款支出预算表',
      '国有资本经营预算财政拨款支出',
      '备注：本部门无该项收支，故此表无数据。',
    ),
    t13,
    t14,
    t15,
    projectTable('t16', '表十六', 'key', '{year}年{district}部门重点项目绩效目标表', '备注：本部门无重点项目绩效。'),
    projectTable('t17', '表十七', 'general', '{year}年{district}部门一般项目绩效目标表', '备注：本部门无一般项目绩效。'),
  ],
};
