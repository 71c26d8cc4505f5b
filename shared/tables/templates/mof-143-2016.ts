/**
 * The national minimum set of 财政部《地方预决算公开操作规程》(财预〔2016〕143号, RULES §1.2):
 * 收支总体情况表 (部门收支总表, 部门收入总表, 部门支出总表) and 财政拨款收支情况表 (财政拨款收支总表,
 * 一般公共预算支出表, 一般公共预算基本支出表, 一般公共预算"三公"经费支出表, 政府性基金预算支出表),
 * plus 国有资本经营预算支出表 — titles, headers and notes in the common national style. Data only:
 * the same interpreter and rules serve it through the tables' roles.
 */
import { APPROPRIATION_FUNDS, CARRYOVER_SOURCES, CURRENT_SOURCES } from '../../model/types';
import {
  APPROPRIATION_CARRY as CARRY,
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
import type { SummaryLine, TableTemplate, TemplateSet } from '../template-types';

const INCOME_LINES: Record<string, string> = {
  gpb: '一般公共预算拨款收入',
  fund: '政府性基金预算拨款收入',
  soe: '国有资本经营预算拨款收入',
  special: '财政专户管理资金收入',
  business: '事业收入',
  superior: '上级补助收入',
  affiliated: '附属单位上缴收入',
  operating: '事业单位经营收入',
  other: '其他收入',
};
const FUNDS = { gpb: '一般公共预算拨款', fund: '政府性基金预算拨款', soe: '国有资本经营预算拨款' } as const;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];


const summary: TableTemplate = {
  id: 'n1',
  role: 'summary',
  no: '表1',
  title: '{year}年部门收支总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [text('inLabel', 30), money('inAmount'), text('outLabel', 30), money('outAmount')],
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项目' }, { text: '本年预算' }, { text: '项目' }, { text: '本年预算' }],
  ],
  body: {
    type: 'summary',
    leftColumns: ['inLabel', 'inAmount'],
    rightColumns: ['outLabel', 'outAmount'],
    sections: [
      {
        key: 'lines',
        role: 'line',
        left: { lines: CURRENT_SOURCES.map((s, i): SummaryLine => ({ key: `income:${s}`, label: `${NUMERALS[i]}、${INCOME_LINES[s]}`, values: [income([s])] })) },
        right: { classRows: [{ year: 'current' }] },
      },
      {
        key: 'current',
        role: 'section',
        bold: true,
        left: { lines: [{ key: 'incomeCurrent', label: '本年收入合计', values: [income(CURRENT_SOURCES)] }] },
        right: { lines: [{ key: 'spendCurrent', label: '本年支出合计', values: [{ spend: { year: 'current' } }] }] },
      },
      {
        key: 'carry',
        role: 'section',
        left: { lines: [{ key: 'carryover', label: '上年结转', values: [income(CARRYOVER_SOURCES)] }] },
        right: { lines: [{ key: 'carryForward', label: '结转下年', values: [{ carryForward: 'all' }] }] },
      },
      {
        key: 'reserve',
        role: 'section',
        left: { lines: [{ key: 'reserve', label: '用事业基金弥补收支差额', values: [income(['reserve'])] }] },
        right: {},
      },
      {
        key: 'total',
        role: 'total',
        bold: true,
        left: { lines: [{ key: 'incomeTotal', label: '收入总计', values: [income([...CURRENT_SOURCES, ...CARRYOVER_SOURCES, 'reserve'])] }] },
        right: { lines: [{ key: 'spendTotal', label: '支出总计', values: [{ sum: [{ spend: { year: 'current' } }, { carryForward: 'all' }] }] }] },
      },
    ],
  },
  emptyNote: '注：本部门无收支，此表为空表。',
  landscape: false,
};

const INCOME_COLUMN_LABELS: Record<string, string> = { carryover: '上年结转', ...INCOME_LINES, reserve: '用事业基金弥补收支差额' };
const INCOME_COLUMNS = INCOME_SOURCE_COLUMNS.map((c) => ({ ...c, label: INCOME_COLUMN_LABELS[c.key] }));

const incomeTable: TableTemplate = {
  id: 'n2',
  role: 'income',
  no: '表2',
  title: '{year}年部门收入总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(30), money('total'), ...INCOME_COLUMNS.map((c) => money(c.key, 14))],
  header: [
    [{ text: '科目', colSpan: 2 }, { text: '合计', rowSpan: 2 }, ...INCOME_COLUMNS.map((c) => ({ text: c.label, rowSpan: 2 }))],
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
  emptyNote: '注：本部门无收入，此表为空表。',
  landscape: true,
};

const spendingTable: TableTemplate = {
  id: 'n3',
  role: 'spending',
  no: '表3',
  title: '{year}年部门支出总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('total'), money('basic'), money('project')],
  header: [
    [{ text: '科目', colSpan: 2 }, { text: '合计', rowSpan: 2 }, { text: '基本支出', rowSpan: 2 }, { text: '项目支出', rowSpan: 2 }],
    [{ text: '科目编码' }, { text: '科目名称' }],
  ],
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
  emptyNote: '注：本部门无支出，此表为空表。',
  landscape: false,
};

const appropriation: TableTemplate = {
  id: 'n4',
  role: 'appropriation',
  no: '表4',
  title: '{year}年财政拨款收支总表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [text('inLabel', 26), money('inAmount'), text('outLabel', 26), money('outTotal'), money('outGpb'), money('outFund'), money('outSoe')],
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 5 }],
    [{ text: '项目' }, { text: '本年预算' }, { text: '项目' }, { text: '合计' }, { text: '一般公共预算' }, { text: '政府性基金预算' }, { text: '国有资本经营预算' }],
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
        left: { lines: [{ key: 'incomeCurrent', label: '一、本年收入', values: [income(APPROPRIATION_FUNDS)] }] },
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
        left: { lines: APPROPRIATION_FUNDS.map((s): SummaryLine => ({ key: `income:${s}`, label: FUNDS[s], values: [income([s])] })) },
        right: { classRows: FUND_CLASS_ROWS },
      },
      {
        key: 'carry',
        role: 'section',
        bold: true,
        left: { lines: [{ key: 'carryover', label: '二、上年结转', values: [income(CARRY)] }] },
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
        left: { lines: CARRY.map((s, i): SummaryLine => ({ key: `carry:${s}`, label: FUNDS[APPROPRIATION_FUNDS[i]], values: [income([s])] })) },
        right: {},
      },
      {
        key: 'total',
        role: 'total',
        bold: true,
        left: { lines: [{ key: 'incomeTotal', label: '收入总计', values: [income([...APPROPRIATION_FUNDS, ...CARRY])] }] },
        right: {
          lines: [
            {
              key: 'spendTotal',
              label: '支出总计',
              values: FUND_SPEND_TOTAL,
            },
          ],
        },
      },
    ],
  },
  emptyNote: '注：本部门无财政拨款收支，此表为空表。',
  landscape: true,
};

const gpbTable: TableTemplate = {
  id: 'n5',
  role: 'gpb',
  no: '表5',
  title: '{year}年一般公共预算支出表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('prior'), money('current'), money('basic'), money('project'), { key: 'change', kind: 'percent', width: 14 }],
  header: [
    [
      { text: '功能分类科目', colSpan: 2 },
      { text: '{prior}年预算数', rowSpan: 2 },
      { text: '{year}年预算数', colSpan: 3 },
      { text: '增减（%）', rowSpan: 2 },
    ],
    [{ text: '科目编码' }, { text: '科目名称' }, { text: '合计' }, { text: '基本支出' }, { text: '项目支出' }],
  ],
  body: {
    type: 'functionTree',
    totalLabel: '合计',
    totalWhenEmpty: true,
    columns: GPB_COLUMNS,
  },
  emptyNote: '注：本部门无一般公共预算拨款支出，此表为空表。',
  landscape: true,
};

const basicTable: TableTemplate = {
  id: 'n6',
  role: 'basicDept',
  no: '表6',
  title: '{year}年一般公共预算基本支出表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('total'), money('personnel'), money('public')],
  header: [
    [{ text: '部门预算支出经济分类科目', colSpan: 2 }, { text: '{year}年基本支出', colSpan: 3 }],
    [{ text: '科目编码' }, { text: '科目名称' }, { text: '合计' }, { text: '人员经费' }, { text: '公用经费' }],
  ],
  body: {
    type: 'econTree',
    scheme: 'department',
    kind: 'basic',
    totalLabel: '合计',
    columns: [
      { key: 'total', part: 'all', editable: true },
      { key: 'personnel', part: 'personnel' },
      { key: 'public', part: 'public' },
    ],
  },
  emptyNote: '注：本部门无一般公共预算基本支出，此表为空表。',
  landscape: false,
};

const threePublic: TableTemplate = {
  id: 'n7',
  role: 'threePublic',
  no: '表7',
  title: '{year}年一般公共预算“三公”经费支出表',
  nameLine: 'department',
  unitLine: '单位：元',
  columns: threePublicColumns(14),
  header: [
    [{ text: '{year}年预算数', colSpan: 6 }, { text: '{prior}年预算数', colSpan: 6 }],
    [0, 1].flatMap(() => [
      { text: '合计', rowSpan: 2 },
      { text: '因公出国（境）费', rowSpan: 2 },
      { text: '公务用车购置及运行费', colSpan: 3 },
      { text: '公务接待费', rowSpan: 2 },
    ]),
    [0, 1].flatMap(() => [{ text: '小计' }, { text: '公务用车购置费' }, { text: '公务用车运行费' }]),
  ],
  body: {
    type: 'form',
    owner: 'threePublic',
    rows: [THREE_PUBLIC_ROW],
  },
  emptyNote: '注：本部门无一般公共预算“三公”经费支出，此表为空表。',
  landscape: true,
};

const fundTable = (id: string, no: string, fund: 'fund' | 'soe', title: string, what: string): TableTemplate => ({
  id,
  role: fund,
  no,
  title,
  nameLine: 'department',
  unitLine: '单位：元',
  columns: [code(), name(), money('total'), money('basic'), money('project')],
  header: [
    [{ text: '科目编码', rowSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: `本年${what}支出`, colSpan: 3 }],
    [{ text: '合计' }, { text: '基本支出' }, { text: '项目支出' }],
  ],
  body: {
    type: 'functionTree',
    totalLabel: '合计',
    totalWhenEmpty: true,
    columns: fundColumns(fund),
  },
  emptyNote: `注：本部门无${what}收支，此表为空表。`,
  landscape: false,
});

export const MOF_143_2016: TemplateSet = {
  profile: {
    id: 'mof-143-2016',
    name: '财政部 部门预算公开最低要求（财预〔2016〕143号，九张表）',
    unit: '元',
    projectWeightTotal: 100,
    departmentWeightTotal: 100,
    narrativePercentDecimals: 1,
    operatingCostClasses: ['502'],
  },
  tables: [
    summary,
    incomeTable,
    spendingTable,
    appropriation,
    gpbTable,
    basicTable,
    threePublic,
    fundTable('n8', '表8', 'fund', '{year}年政府性基金预算支出表', '政府性基金预算拨款'),
    fundTable('n9', '表9', 'soe', '{year}年国有资本经营预算支出表', '国有资本经营预算拨款'),
  ],
};
