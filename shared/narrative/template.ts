/**
 * The narrative outline as data, and the generator that fills it from the budget.
 *
 * The outline follows the seed's 部门预算情况说明 (RULES §1.4): sections 一 to 七, each a list of
 * blocks. A block is a heading, a paragraph written with `{slot}`s, a paragraph repeated per 表五 项
 * (`each`), or a free text split into paragraphs (`lines`). A slot is a small named function over
 * the facts (facts.ts) that returns runs: figures are always written from data, in the seed's prose
 * style (formatProse + '元', percentages with the profile's decimals, direction words, 持平, no
 * percentage on a zero base); reasons and free texts come from `budget.texts` (keys.ts).
 *
 * Another district's outline is another NarrativeTemplate using the same slots.
 */
import { sameItems } from '../arrays';
import { append } from './compare';
import { changePercentAbs, formatProse, sharePercent, subFen, type Fen } from '../money/money';
import { VEHICLE_KINDS, type Budget, type ThreePublicItem } from '../model/types';
import { keepRunText, type Figure, type FigureKind, type NarrativeDoc, type NarrativeInput, type NarrativeSection, type Paragraph, type Run } from './doc';
import { assetInputs, inputRefFor, PRIOR_OPERATING_COST_KEY } from './inputs';
import { readInput } from '../model/edit';
import {
  LIST_ITEMS,
  narrativeFacts,
  THREE_PUBLIC_ORDER,
  VEHICLE_PROSE,
  type FunctionItemFact,
  type NamedAmount,
  type NarrativeContext,
  type NarrativeFacts,
  type Pair,
} from './facts';
import { THREE_PUBLIC_PROSE } from '../text/terms';
import { cleanReason, reasonKey, REASON_PLACEHOLDER, textKey } from './keys';
import type { NarrativeMemo } from './memo';
import type { Topic } from './parse';

export type { NarrativeContext } from './facts';

// ------------------------------------------------------------------------------------------------
// The outline (data)

export type Condition =
  | 'fund.empty'
  | 'soe.empty'
  | 'functionItems.empty'
  | 'performance.none';

/** The facts a block states (facts.ts): its topic check compares what is read with these. */
export type FactSource = Exclude<keyof NarrativeFacts, 'year' | 'priorYear' | 'department' | 'shortName'>;

/**
 * A block of the outline. A paragraph declares its topic (the check of topics.ts that reads it back)
 * and the facts it states; its phrasings are `text` and `otherwise`.
 */
export type BlockDef =
  | { heading: string; level: 2 | 3 }
  /** A paragraph; with `when`, `text` is written when the condition holds and `otherwise` when not. */
  | { key: string; topic: Topic; states: readonly FactSource[]; text: string; when?: Condition; otherwise?: string }
  | { each: 'functionItems'; key: string; topic: Topic; states: readonly FactSource[]; text: string }
  | { lines: string; key: string; topic: Topic; label: string };

export interface SectionDef {
  key: string;
  title: string;
  blocks: readonly BlockDef[];
}

export interface NarrativeTemplate {
  id: string;
  title: string;
  subtitle: string;
  sections: readonly SectionDef[];
  /** 名词解释 entries, in order; `{n}` becomes （一）（二）…. */
  glossary: readonly { term: string; text: string }[];
}

export const GLOSSARY: NarrativeTemplate['glossary'] = [
  {
    term: '财政拨款收入',
    text: '指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。',
  },
  { term: '其他收入', text: '指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。' },
  { term: '基本支出', text: '指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。' },
  { term: '项目支出', text: '指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。' },
  {
    term: '“三公”经费',
    text:
      '指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置费反映单位公务用车购置支出（含车辆购置税）；公务用车运行维护费反映单位按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。',
  },
  {
    term: '机关运行经费',
    text:
      '指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。',
  },
];

/** 重庆区县 部门预算情况说明 (the seed's outline). */
export const CHONGQING_NARRATIVE: NarrativeTemplate = {
  id: 'chongqing-qx',
  title: '{department}',
  subtitle: '{year}年部门预算情况说明',
  glossary: GLOSSARY,
  sections: [
    {
      key: 's1',
      title: '一、单位基本情况',
      blocks: [
        { heading: '（一）职能职责', level: 2 },
        { lines: textKey.functions, key: 'functions', topic: 'functions', label: '职能职责' },
        { heading: '（二）单位构成', level: 2 },
        { lines: textKey.composition, key: 'composition', topic: 'composition', label: '单位构成（内设科室、下属单位）' },
      ],
    },
    {
      key: 's2',
      title: '二、部门预算总体情况',
      blocks: [
        { key: 'intro', topic: 'intro', states: [], text: '按照综合预算的原则，{department}所有收入和支出均纳入部门预算管理。' },
        { key: 'income', topic: 'income', states: ['income'], text: '（一）收入预算：{year}年年初预算总收入{income.total}{income.sources}。{income.change}' },
        { key: 'expenditure', topic: 'expenditure', states: ['expenditure'], text: '（二）支出预算：{year}年年初预算总支出{expenditure.total}{expenditure.classes}。{expenditure.change}' },
      ],
    },
    {
      key: 's3',
      title: '三、部门预算情况说明',
      blocks: [
        { heading: '（一）一般公共预算', level: 2 },
        { key: 'gpb', topic: 'gpb', states: ['gpb'], text: '{year}年一般公共预算财政拨款收入{gpb.income}，一般公共预算财政拨款支出{gpb.expenditure}，{gpb.change}。' },
        { heading: '1.按支出属性说明', level: 3 },
        {
          key: 'basic',
          topic: 'basic',
          states: ['gpb', 'personnel', 'public'],
          text:
            '（1）基本支出{basic.amount}{basic.share}，{basic.change}，其中：人员经费{personnel.amount}，主要用于保障在职人员工资福利及社会保险缴费等{personnel.items}；公用经费{public.amount}，主要用于保障部门支出运转的各项商品服务支出{public.items}。',
        },
        { key: 'project', topic: 'project', states: ['gpb'], text: '（2）项目支出{project.amount}{project.share}，{project.change}{project.uses}。' },
        { heading: '2.按支出功能科目说明', level: 3 },
        { key: 'functionItems', topic: 'functionItems', states: ['functionItems'], text: '本部门{year}年无一般公共预算财政拨款支出。', when: 'functionItems.empty' },
        { each: 'functionItems', key: 'function:{code}', topic: 'functionItems', states: ['functionItems'], text: '（{n}）{item.name}{year}年预算数为{item.amount}，{item.change}' },
        { heading: '（二）政府性基金预算', level: 2 },
        {
          key: 'fund',
          topic: 'fund',
          states: ['fund'],
          when: 'fund.empty',
          text: '{department}{year}年无使用政府性基金预算拨款安排的支出。',
          otherwise: '{department}{year}年政府性基金预算财政拨款支出{fund.total}，其中：基本支出{fund.basic}，项目支出{fund.project}。',
        },
        { heading: '（三）国有资本经营预算', level: 2 },
        {
          key: 'soe',
          topic: 'soe',
          states: ['soe'],
          when: 'soe.empty',
          text: '{department}{year}年无使用国有资本经营预算拨款安排的支出。',
          otherwise: '{department}{year}年国有资本经营预算财政拨款支出{soe.total}，其中：基本支出{soe.basic}，项目支出{soe.project}。',
        },
      ],
    },
    {
      key: 's4',
      title: '四、“三公”经费情况说明',
      blocks: [{ key: 'threePublic', topic: 'threePublic', states: ['threePublic'], text: '{year}年“三公”经费预算{threePublic.total}，{threePublic.change}。其中：{threePublic.items}。' }],
    },
    {
      key: 's5',
      title: '五、其他重要事项的情况说明',
      blocks: [
        {
          key: 'operatingCost',
          topic: 'operatingCost',
          states: ['operatingCost', 'subUnits'],
          text: '（一）机关运行经费。{year}年{department}{operatingCost.units}的机关运行经费财政拨款预算{operatingCost.amount}，{operatingCost.change}{operatingCost.uses}。',
        },
        {
          key: 'procurement',
          topic: 'procurement',
          states: ['procurement'],
          text:
            '（二）政府采购情况。{department}所属各预算单位政府采购预算总额{procurement.total}（政府采购货物预算{procurement.goods}、政府采购工程预算{procurement.works}、政府采购服务预算{procurement.services}）。其中一般公共预算财政拨款政府采购{procurement.gpb.total}（政府采购货物预算{procurement.gpb.goods}、政府采购工程预算{procurement.gpb.works}、政府采购服务预算{procurement.gpb.services}）。',
        },
        {
          key: 'performance',
          topic: 'performance',
          states: ['performance'],
          when: 'performance.none',
          text: '（三）绩效目标设置情况。{year}年本部门未设置项目绩效目标。{performance.evaluation}',
          otherwise:
            '（三）绩效目标设置情况。{performance.lead}涉及项目{performance.count}个，涉及当年财政拨款{performance.amount}（其中当年一般公共预算财政拨款安排项目{performance.gpbCount}个，金额{performance.gpbAmount}）。{performance.evaluation}',
        },
        {
          key: 'assets.held',
          topic: 'assets.held',
          states: ['assets', 'subUnits'],
          text:
            '（四）国有资产占有使用情况。截至{priorYear}年12月底，{department}{assets.scope}共有车辆{assets.held.total}辆，其中，{assets.held.kinds}。单位价值100万元（含）以上设备（不含车辆）{assets.held.equipment}台（套）。',
        },
        {
          key: 'assets.planned',
          topic: 'assets.planned',
          states: ['assets'],
          text:
            '{year}年一般公共预算安排购置车辆{assets.planned.total}辆，其中，{assets.planned.kinds}。单位价值100万元（含）以上设备（不含车辆）{assets.planned.equipment}台（套）。',
        },
      ],
    },
    { key: 's6', title: '六、专业性名词解释', blocks: [{ key: 'glossary', topic: 'glossary', states: [], text: '{glossary}' }] },
    {
      key: 's7',
      title: '七、预算公开联系方式及信息反馈',
      blocks: [{ key: 'contact', topic: 'contact', states: [], text: '部门预算公开联系人：{contactName}　　联系电话：{contactPhone}' }],
    },
  ],
};

// ------------------------------------------------------------------------------------------------
// Runs

const text = (t: string): Run => ({ t: 'text', text: t });

function fig(kind: FigureKind, shown: string, value: string, source: string): Run {
  const figure: Figure = { kind, value, source };
  return { t: 'figure', text: shown, figure };
}

/** '6,095,655.89元'; value '6095655.89'. */
export function amountRun(fen: Fen, source: string): Run {
  // fenToYuanText(fen) is formatProse(fen) without its commas: the amount is formatted once.
  const shown = formatProse(fen);
  return fig('amount', `${shown}元`, shown.includes(',') ? shown.replaceAll(',', '') : shown, source);
}

function percentRun(shown: string, source: string): Run {
  return fig('percent', `${shown}%`, shown, source);
}

function countRun(n: number, source: string): Run {
  return fig('count', String(n), String(n), source);
}

const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (for （一）… up to 九十九). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE_NUMERALS[n]!;
  if (n < 20) return `十${CHINESE_NUMERALS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CHINESE_NUMERALS[tens]}十${ones ? CHINESE_NUMERALS[ones] : ''}`;
}

// ------------------------------------------------------------------------------------------------
// The generator

interface GenState {
  budget: Budget;
  facts: NarrativeFacts;
  decimals: number;
  inputs: NarrativeInput[];
  /** The keys in `inputs`: each input is listed once, beside the first paragraph that uses it. */
  inputKeys: Set<string>;
  /** false when the document is made only for its text (the checker's): no input is listed. */
  listInputs: boolean;
  /** While a kept paragraph is made (blockParagraph): the texts it reads, with their values. */
  textsRead?: Recorded<string, string | undefined>;
  paragraph: string;
}

function addInput(s: GenState, i: NarrativeInput): void {
  if (!s.listInputs) return;
  s.inputs.push(i);
  s.inputKeys.add(i.key);
}

function input(s: GenState, key: string, label: string, kind: NarrativeInput['kind'], required: boolean, multiline = false): string {
  const typed = s.budget.texts[key];
  s.textsRead?.record(key, typed);
  const value = typed ?? '';
  const missing = value.trim() === '';
  if (s.listInputs && !s.inputKeys.has(key)) addInput(s, { key, paragraph: s.paragraph, label, kind, value, missing, required, multiline });
  return value;
}

/** The reason clause for a change: ['主要原因是', reason] or the placeholder; [] for 持平. */
function reasonRuns(s: GenState, key: string, label: string, delta: Fen, required = true): Run[] {
  if (delta === 0) return [];
  const typed = cleanReason(input(s, key, label, 'reason', required, true));
  if (typed) return [text('主要原因是'), { t: 'input', text: typed, key, missing: false }];
  if (!required) return [];
  return [text('主要原因是'), { t: 'input', text: REASON_PLACEHOLDER, key, missing: true }];
}

interface ChangeOptions {
  /** '较2023年' (default) or '比上年'. */
  compare?: 'year' | 'prior';
  /** Write '增长/下降x%' after the amount (per-项 paragraphs). */
  percent?: boolean;
  /** The reason: as its own sentence after '。' (per-项) or as a clause after '，'. */
  reason?: { key: string; label: string; sentence?: boolean; required?: boolean };
}

/**
 * '较2023年增加23,492.48元，增长15.8%。主要原因是……。' and its variants: '与上年持平', and on a zero
 * base '较2023年增加X元（上年无此项预算）' with no percentage (CHG-02).
 */
function changeRuns(s: GenState, pair: Pair, source: string, o: ChangeOptions = {}): Run[] {
  const { facts } = s;
  if (pair.prior === null) return [text('（上年数未录入，无法与上年比较）')];
  const delta = subFen(pair.current, pair.prior);
  const out: Run[] = [];
  if (delta === 0) {
    out.push(text('与上年持平'));
    if (o.reason?.sentence) out.push(text('。'));
    return out;
  }
  const compare = o.compare === 'prior' ? '比上年' : `较${facts.priorYear}年`;
  out.push(text(`${compare}${delta > 0 ? '增加' : '减少'}`), amountRun(Math.abs(delta), `${source}.change`));
  if (pair.prior === 0) {
    out.push(text('（上年无此项预算）'));
  } else if (o.percent) {
    const shown = changePercentAbs(pair.current, pair.prior, s.decimals)!;
    out.push(text(`，${delta > 0 ? '增长' : '下降'}`), percentRun(shown, `${source}.changePercent`));
  }
  if (o.reason) {
    const reason = reasonRuns(s, o.reason.key, o.reason.label, delta, o.reason.required ?? true);
    if (o.reason.sentence) {
      out.push(text('。'));
      if (reason.length) {
        append(out, reason);
        out.push(text('。'));
      }
    } else if (reason.length) {
      out.push(text('，'), ...reason);
    }
  }
  return out;
}

function shareRuns(s: GenState, part: Fen, total: Fen, source: string): Run[] {
  const shown = sharePercent(part, total, s.decimals);
  return shown === null ? [text('—')] : [percentRun(shown, source)];
}

/** The runs with a lead-in, or nothing when there are none ('，其中：' + a list). */
function lead(t: string, runs: Run[]): Run[] {
  return runs.length ? [text(t), ...runs] : [];
}

/** '，占44.1%'; nothing when the total is 0 (a share of nothing is not stated). */
function leadShare(s: GenState, part: Fen, total: Fen, source: string): Run[] {
  return total === 0 ? [] : [text('，占'), ...shareRuns(s, part, total, source)];
}

function join(parts: Run[][], sep: string): Run[] {
  const out: Run[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(text(sep));
    append(out, p);
  });
  return out;
}

/** '，主要包括A、B、C等' over the largest items (the seed lists eight). */
function itemList(items: readonly NamedAmount[], lead: string): Run[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, LIST_ITEMS).map((i) => i.name);
  return [text(`，${lead}${shown.join('、')}${items.length > shown.length ? '等' : ''}`)];
}

function functionItemName(i: FunctionItemFact): string {
  return `${i.className}（类）${i.segmentName}（款）${i.itemName}（项）`;
}

type Slot = (s: GenState, item?: { fact: FunctionItemFact; n: number }) => Run[];

const SLOTS: Record<string, Slot> = {
  year: (s) => [text(String(s.facts.year))],
  priorYear: (s) => [text(String(s.facts.priorYear))],
  department: (s) => [text(s.facts.department)],
  shortName: (s) => [text(s.facts.shortName)],

  'income.total': (s) => [amountRun(s.facts.income.total, 'income.total')],
  'income.sources': (s) =>
    lead('，其中：', join(
      s.facts.income.sources.map((src) => [
        text(src.name),
        amountRun(src.fen, `income.${src.key}`),
        text('占'),
        ...shareRuns(s, src.fen, s.facts.income.total, `income.${src.key}.share`),
      ]),
      '、',
    )),
  'income.change': (s) => {
    const { income } = s.facts;
    const runs = changeRuns(s, { current: income.total, prior: income.prior }, 'income', {
      reason: { key: reasonKey.income, label: '收入增减原因' },
    });
    return [text('收入'), ...runs, text('。')];
  },

  'expenditure.total': (s) => [amountRun(s.facts.expenditure.total, 'expenditure.total')],
  'expenditure.classes': (s) =>
    lead('，其中：', join(
      s.facts.expenditure.classes.map((c) => [
        text(c.name),
        amountRun(c.fen, `expenditure.${c.code}`),
        text('占'),
        ...shareRuns(s, c.fen, s.facts.expenditure.total, `expenditure.${c.code}.share`),
      ]),
      '、',
    )),
  'expenditure.change': (s) => {
    const e = s.facts.expenditure;
    const runs = changeRuns(s, { current: e.total, prior: e.prior }, 'expenditure');
    if (e.total === e.prior) return [text('支出'), ...runs, text('。')];
    // The reason is the 基本/项目 breakdown, figures from data; an optional typed reason leads it.
    const part = (label: string, pair: Pair, source: string): Run[] => {
      const d = subFen(pair.current, pair.prior ?? 0);
      if (d === 0) return [text(`${label}预算与上年持平`)];
      return [text(`${label}预算${d > 0 ? '增加' : '减少'}`), amountRun(Math.abs(d), `${source}.change`)];
    };
    const typed = cleanReason(input(s, reasonKey.expenditure, '支出增减原因（可选，默认写基本支出和项目支出的增减）', 'reason', false, true));
    return [
      text('支出'),
      ...runs,
      text('，主要原因是'),
      ...(typed ? [{ t: 'input' as const, text: typed, key: reasonKey.expenditure, missing: false }, text('，其中')] : []),
      ...part('基本支出', e.basic, 'expenditure.basic'),
      text('，'),
      ...part('项目支出', e.project, 'expenditure.project'),
      text('。'),
    ];
  },

  'gpb.income': (s) => [amountRun(s.facts.gpb.income, 'gpb.income')],
  'gpb.expenditure': (s) => [amountRun(s.facts.gpb.expenditure, 'gpb.expenditure')],
  'gpb.change': (s) => changeRuns(s, { current: s.facts.gpb.expenditure, prior: s.facts.gpb.prior }, 'gpb.expenditure'),

  'basic.amount': (s) => [amountRun(s.facts.gpb.basic.current, 'basic.current')],
  'basic.share': (s) => leadShare(s, s.facts.gpb.basic.current, s.facts.gpb.expenditure, 'basic.share'),
  'basic.change': (s) => changeRuns(s, s.facts.gpb.basic, 'basic', { reason: { key: reasonKey.basic, label: '基本支出增减原因' } }),
  'personnel.amount': (s) => [amountRun(s.facts.personnel.fen, 'personnel')],
  'personnel.items': (s) => itemList(s.facts.personnel.items, '主要包括'),
  'public.amount': (s) => [amountRun(s.facts.public.fen, 'public')],
  'public.items': (s) => itemList(s.facts.public.items, '主要包括'),
  'project.amount': (s) => [amountRun(s.facts.gpb.project.current, 'project.current')],
  'project.share': (s) => leadShare(s, s.facts.gpb.project.current, s.facts.gpb.expenditure, 'project.share'),
  'project.change': (s) => changeRuns(s, s.facts.gpb.project, 'project', { reason: { key: reasonKey.project, label: '项目支出增减原因' } }),
  'project.uses': (s) => {
    const uses = cleanReason(input(s, textKey.usesProject, '项目支出主要用于', 'text', false, true)).replace(/^主要用于/, '');
    return uses ? [text('，主要用于'), { t: 'input', text: uses, key: textKey.usesProject, missing: false }] : [];
  },

  'item.name': (_s, item) => [text(functionItemName(item!.fact))],
  n: (_s, item) => [text(String(item!.n))],
  'item.amount': (_s, item) => [amountRun(item!.fact.current, `function.${item!.fact.code}.current`)],
  'item.change': (s, item) => {
    const f = item!.fact;
    const runs = changeRuns(s, { current: f.current, prior: f.prior }, `function.${f.code}`, {
      percent: true,
      reason: { key: reasonKey.fn(f.code), label: `${f.itemName}（项）增减原因`, sentence: true },
    });
    return runs;
  },

  'fund.total': (s) => [amountRun(s.facts.fund.total, 'fund.total')],
  'fund.basic': (s) => [amountRun(s.facts.fund.basic, 'fund.basic')],
  'fund.project': (s) => [amountRun(s.facts.fund.project, 'fund.project')],
  'soe.total': (s) => [amountRun(s.facts.soe.total, 'soe.total')],
  'soe.basic': (s) => [amountRun(s.facts.soe.basic, 'soe.basic')],
  'soe.project': (s) => [amountRun(s.facts.soe.project, 'soe.project')],

  'threePublic.total': (s) => [amountRun(s.facts.threePublic.current.total, 'threePublic.total')],
  'threePublic.change': (s) => {
    const tp = s.facts.threePublic;
    return changeRuns(s, { current: tp.current.total, prior: tp.prior.total }, 'threePublic.total', {
      reason: { key: reasonKey.threePublicTotal, label: '“三公”经费合计增减原因（可选）', required: false },
    });
  },
  'threePublic.items': (s) => {
    const tp = s.facts.threePublic;
    return join(
      THREE_PUBLIC_ORDER.map((item: ThreePublicItem) => [
        text(THREE_PUBLIC_PROSE[item]),
        amountRun(tp.current[item], `threePublic.${item}`),
        text('，'),
        ...changeRuns(s, { current: tp.current[item], prior: tp.prior[item] }, `threePublic.${item}`, {
          reason: { key: reasonKey.threePublic(item), label: `${THREE_PUBLIC_PROSE[item]}增减原因` },
        }),
      ]),
      '；',
    );
  },

  'operatingCost.units': (s) => (s.facts.operatingCost.subUnits > 0 ? [text('及'), countRun(s.facts.operatingCost.subUnits, 'units.sub'), text('家下属单位')] : []),
  'operatingCost.amount': (s) => [amountRun(s.facts.operatingCost.current, 'operatingCost.current')],
  'operatingCost.change': (s) => {
    const oc = s.facts.operatingCost;
    if (s.listInputs && !s.inputKeys.has(PRIOR_OPERATING_COST_KEY)) {
      addInput(s, {
        key: PRIOR_OPERATING_COST_KEY,
        paragraph: s.paragraph,
        label: '上年机关运行经费（元）',
        kind: 'amount',
        value: readInput(s.budget, inputRefFor(PRIOR_OPERATING_COST_KEY)),
        missing: oc.prior === null,
        required: true,
        multiline: false,
      });
    }
    if (oc.prior === null) {
      return [{ t: 'input', text: '【请填写上年机关运行经费】', key: PRIOR_OPERATING_COST_KEY, missing: true }];
    }
    return changeRuns(s, { current: oc.current, prior: oc.prior }, 'operatingCost', {
      compare: 'prior',
      reason: { key: reasonKey.operatingCost, label: '机关运行经费增减原因' },
    });
  },
  'operatingCost.uses': (s) => itemList(s.facts.operatingCost.uses, '主要用于'),

  'procurement.total': (s) => [amountRun(s.facts.procurement.all.total, 'procurement.total')],
  'procurement.goods': (s) => [amountRun(s.facts.procurement.all.goods, 'procurement.goods')],
  'procurement.works': (s) => [amountRun(s.facts.procurement.all.works, 'procurement.works')],
  'procurement.services': (s) => [amountRun(s.facts.procurement.all.services, 'procurement.services')],
  'procurement.gpb.total': (s) => [amountRun(s.facts.procurement.gpb.total, 'procurement.gpb.total')],
  'procurement.gpb.goods': (s) => [amountRun(s.facts.procurement.gpb.goods, 'procurement.gpb.goods')],
  'procurement.gpb.works': (s) => [amountRun(s.facts.procurement.gpb.works, 'procurement.gpb.works')],
  'procurement.gpb.services': (s) => [amountRun(s.facts.procurement.gpb.services, 'procurement.gpb.services')],

  'performance.lead': (s) =>
    s.facts.performance.fullCoverage
      ? [text(`${s.facts.year}年项目支出均实行了绩效目标管理，`)]
      : [text(`${s.facts.year}年部分项目支出实行了绩效目标管理，`)],
  'performance.count': (s) => [countRun(s.facts.performance.count, 'performance.count')],
  'performance.amount': (s) => [amountRun(s.facts.performance.amount, 'performance.amount')],
  'performance.gpbCount': (s) => [countRun(s.facts.performance.gpbCount, 'performance.gpbCount')],
  'performance.gpbAmount': (s) => [amountRun(s.facts.performance.gpbAmount, 'performance.gpbAmount')],
  'performance.evaluation': (s) => {
    const out: Run[] = [];
    const p = s.facts.performance;
    for (const [kind, fact, label] of [
      ['key', p.keyEvaluation, '纳入重点绩效评价的项目'],
      ['general', p.generalEvaluation, '纳入一般绩效目标评价的项目'],
    ] as const) {
      input(s, textKey.evaluation(kind, 'count'), `${label}（个）`, 'count', false);
      input(s, textKey.evaluation(kind, 'amount'), `${label}金额（元）`, 'amount', false);
      if (!fact) continue;
      out.push(
        text(label),
        countRun(fact.count, `performance.${kind}Evaluation.count`),
        text('个，金额'),
        amountRun(fact.amount, `performance.${kind}Evaluation.amount`),
        text('。'),
      );
    }
    return out;
  },

  'assets.scope': (s) => [text(s.facts.subUnits > 0 ? '本级及所属各预算单位' : '本级')],
  'assets.held.total': (s) => {
    if (s.listInputs) for (const i of assetInputs(s.budget, s.paragraph, false)) addInput(s, i);
    return [countRun(s.facts.assets.heldTotal, 'assets.held.total')];
  },
  'assets.held.kinds': (s) =>
    join(
      VEHICLE_KINDS.map((k) => [text(VEHICLE_PROSE[k]), countRun(s.facts.assets.held[k] ?? 0, `assets.held.${k}`), text('辆')]),
      '、',
    ),
  'assets.held.equipment': (s) => [countRun(s.facts.assets.equipmentHeld, 'assets.held.equipment')],
  'assets.planned.total': (s) => {
    if (s.listInputs) for (const i of assetInputs(s.budget, s.paragraph, true)) addInput(s, i);
    return [countRun(s.facts.assets.plannedTotal, 'assets.planned.total')];
  },
  'assets.planned.kinds': (s) =>
    join(
      VEHICLE_KINDS.map((k) => [text(VEHICLE_PROSE[k].replace(/（.*）/, '')), countRun(s.facts.assets.planned[k] ?? 0, `assets.planned.${k}`), text('辆')]),
      '、',
    ),
  'assets.planned.equipment': (s) => [countRun(s.facts.assets.equipmentPlanned, 'assets.planned.equipment')],

  contactName: (s) => textInput(s, textKey.contactName, '联系人'),
  contactPhone: (s) => textInput(s, textKey.contactPhone, '联系电话'),
};

function textInput(s: GenState, key: string, label: string): Run[] {
  const value = input(s, key, label, 'text', true).trim();
  return [{ t: 'input', text: value || `【请填写${label}】`, key, missing: !value }];
}

const CONDITIONS: Record<Condition, (f: NarrativeFacts) => boolean> = {
  'fund.empty': (f) => f.fund.total === 0,
  'soe.empty': (f) => f.soe.total === 0,
  'functionItems.empty': (f) => f.functionItems.length === 0,
  'performance.none': (f) => f.performance.count === 0,
};

const SLOT = /\{([A-Za-z.]+)\}/g;

/** A pattern as its literal texts and slots, in order (parsed once per pattern). */
const parsedPatterns = new Map<string, (string | Slot)[]>();
function patternParts(pattern: string): (string | Slot)[] {
  let parts = parsedPatterns.get(pattern);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of pattern.matchAll(SLOT)) {
      if (m.index > last) parts.push(pattern.slice(last, m.index));
      const slot = SLOTS[m[1]!];
      if (!slot) throw new Error(`情况说明模板中有未知的占位符 {${m[1]}}`);
      parts.push(slot);
      last = m.index + m[0].length;
    }
    if (last < pattern.length) parts.push(pattern.slice(last));
    parsedPatterns.set(pattern, parts);
  }
  return parts;
}

/** Fills `{slot}`s; unknown slots are a programming error in a template. */
function fill(s: GenState, pattern: string, item?: { fact: FunctionItemFact; n: number }): Run[] {
  // Empty runs dropped and adjacent texts merged into one new text run, while filling (no second
  // array, no copy per text run).
  const out: Run[] = [];
  let pending = '';
  for (const part of patternParts(pattern)) {
    if (typeof part === 'string') {
      pending += part;
      continue;
    }
    const runs = part(s, item);
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i]!;
      if (r.text === '') continue;
      if (r.t === 'text') pending += r.text;
      else {
        if (pending !== '') out.push(text(pending));
        pending = '';
        out.push(r);
      }
    }
  }
  if (pending !== '') out.push(text(pending));
  return out;
}

function fillPlain(budget: Budget, pattern: string): string {
  return pattern.replaceAll('{department}', budget.meta.department).replaceAll('{year}', String(budget.meta.year));
}

/** Generates the narrative from the data. Pure: regenerated on every edit, never stored. */
export function generateNarrative(budget: Budget, ctx: NarrativeContext, template: NarrativeTemplate = CHONGQING_NARRATIVE): NarrativeDoc {
  return narrativeFromFacts(budget, narrativeFacts(budget, ctx), ctx, template);
}

/** The slots a 项 paragraph's text may use to be memoised: they read its fact, number and reason, and the years. */
const ITEM_SLOTS = new Set(['n', 'item.name', 'item.amount', 'item.change', 'year', 'priorYear']);
const itemOnlyPatterns = new Map<string, boolean>();
function itemOnly(pattern: string): boolean {
  let only = itemOnlyPatterns.get(pattern);
  if (only === undefined) {
    only = [...pattern.matchAll(SLOT)].every((m) => ITEM_SLOTS.has(m[1]!));
    itemOnlyPatterns.set(pattern, only);
  }
  return only;
}

/**
 * One 按支出功能科目 paragraph. With a memo (the checker's, which reads only the text: no input is
 * listed), a paragraph is written once per set of inputs — its fact, number, years, decimals and
 * reason text: the paragraph object itself is kept, so the lines of the 项 an edit did not touch are the same
 * strings (check.ts then finds their readings by identity).
 */
function itemParagraph(s: GenState, block: { key: string; text: string }, fact: FunctionItemFact, n: number, memo?: NarrativeMemo): Paragraph {
  const pattern = block.text;
  if (!memo || !itemOnly(pattern)) {
    const key = block.key.replace('{code}', fact.code);
    s.paragraph = key;
    return { key, role: 'body', level: 0, runs: fill(s, pattern, { fact, n }) };
  }
  const { facts } = s;
  // Keyed by the fact object (shared while its values are unchanged, facts.ts) and the other inputs.
  const kept = memo.itemParagraphs.get(fact);
  if (
    kept &&
    kept.block === block &&
    kept.n === n &&
    kept.year === facts.year &&
    kept.priorYear === facts.priorYear &&
    kept.decimals === s.decimals &&
    kept.reason === s.budget.texts[kept.reasonKey]
  ) {
    s.paragraph = kept.paragraph.key;
    return kept.paragraph;
  }
  const key = block.key.replace('{code}', fact.code);
  s.paragraph = key;
  const reasonKeyOf = reasonKey.fn(fact.code);
  const paragraph: Paragraph = { key, role: 'body', level: 0, runs: fill(s, pattern, { fact, n }) };
  keepRunText(paragraph.runs);
  memo.itemParagraphs.set(fact, {
    block,
    n,
    year: facts.year,
    priorYear: facts.priorYear,
    decimals: s.decimals,
    reasonKey: reasonKeyOf,
    reason: s.budget.texts[reasonKeyOf],
    paragraph,
  });
  return paragraph;
}

/** Every part of NarrativeFacts (the compiler checks the list is complete and has no other). */
const FACT_PARTS: Record<keyof NarrativeFacts, true> = {
  year: true,
  priorYear: true,
  department: true,
  shortName: true,
  income: true,
  expenditure: true,
  gpb: true,
  personnel: true,
  public: true,
  functionItems: true,
  droppedItems: true,
  fund: true,
  soe: true,
  threePublic: true,
  operatingCost: true,
  procurement: true,
  performance: true,
  assets: true,
  subUnits: true,
};

/**
 * The facts as a paragraph's slots see them while it is written to be kept: each part read is
 * recorded with its value. Its getters are on the prototype, made once (a Proxy per paragraph cost
 * more than the paragraph).
 */
class RecordingFacts {
  constructor(
    readonly target: NarrativeFacts,
    readonly read: Recorded<keyof NarrativeFacts, unknown>,
  ) {}
}
for (const part of Object.keys(FACT_PARTS) as (keyof NarrativeFacts)[]) {
  Object.defineProperty(RecordingFacts.prototype, part, {
    get(this: RecordingFacts) {
      const v = this.target[part];
      this.read.record(part, v);
      return v;
    },
  });
}

/**
 * What a kept paragraph read: each key once, with its value, in the order first read (two arrays,
 * kept as they are: no Map and no entries copied per paragraph written). A paragraph reads a few.
 */
export class Recorded<K, V> {
  readonly keys: K[] = [];
  readonly values: V[] = [];
  record(key: K, value: V): void {
    if (!this.keys.includes(key)) {
      this.keys.push(key);
      this.values.push(value);
    }
  }
}

/**
 * A paragraph of the outline written from `pattern`. With a memo (the checker's: no input is
 * listed, so the text is all that is made) it is kept per block while what it read is the same:
 * the facts parts its slots read (recorded as they are read; facts share unchanged parts between
 * states, facts.ts), the texts it read, and the decimals. A 三公 edit then rewrites one paragraph.
 */
function blockParagraph(s: GenState, block: object & { key: string }, pattern: string, memo?: NarrativeMemo): Paragraph {
  if (!memo) return { key: block.key, role: 'body', level: 0, runs: fill(s, pattern) };
  const kept = memo.blockParagraphs.get(block);
  if (kept && kept.pattern === pattern && kept.decimals === s.decimals && sameRead(kept.facts, s.facts) && sameRead(kept.texts, s.budget.texts)) {
    return kept.paragraph;
  }
  const factsRead = new Recorded<keyof NarrativeFacts, unknown>();
  const facts = new RecordingFacts(s.facts, factsRead) as unknown as NarrativeFacts;
  const textsRead = new Recorded<string, string | undefined>();
  const paragraph: Paragraph = { key: block.key, role: 'body', level: 0, runs: fill({ ...s, facts, textsRead }, pattern) };
  keepRunText(paragraph.runs);
  memo.blockParagraphs.set(block, { pattern, decimals: s.decimals, facts: factsRead, texts: textsRead, paragraph });
  return paragraph;
}

/** Every key read still has the value it had (by identity: facts share unchanged parts). */
function sameRead<K extends string>(read: Recorded<K, unknown>, now: Readonly<Record<K, unknown>>): boolean {
  for (let i = 0; i < read.keys.length; i++) if (now[read.keys[i]!] !== read.values[i]) return false;
  return true;
}

/** The paragraphs of a free text, one per non-empty line (a placeholder when there is none). */
function linesParagraphs(block: { lines: string; key: string; label: string }, value: string): Paragraph[] {
  const lines = value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return [{ key: block.key, role: 'body', level: 0, runs: [{ t: 'input', text: `【请填写${block.label}】`, key: block.lines, missing: true }] }];
  return lines.map((line, i) => ({ key: i === 0 ? block.key : `${block.key}:${i + 1}`, role: 'body', level: 0, runs: [{ t: 'input', text: line, key: block.lines, missing: false }] }));
}

/** The 名词解释 paragraphs: the template's entries, then the officer's extra lines. */
function glossaryParagraphs(glossary: NarrativeTemplate['glossary'], extraText: string): Paragraph[] {
  const extra = extraText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const entries = [...glossary.map((g) => `${g.term}：${g.text}`), ...extra.map((l) => l.replace(/^[（(][一二三四五六七八九十]+[）)]/, ''))];
  return entries.map((e, i) => ({ key: i === 0 ? 'glossary' : `glossary:${i + 1}`, role: 'body', level: 0, runs: [text(`（${chineseNumber(i + 1)}）${e}`)] }));
}

/**
 * Paragraphs written from one text alone (a free-text block, the glossary): with a memo (the
 * checker's, which only reads them) the last ones while `owner`'s text is the same, so their lines
 * are the same strings after an edit.
 */
function keptParagraphs(memo: NarrativeMemo | undefined, owner: object, value: string, make: () => Paragraph[]): Paragraph[] {
  if (!memo) return make();
  const kept = memo.textParagraphs.get(owner);
  if (kept && kept.value === value) return kept.paragraphs;
  const paragraphs = make();
  for (const p of paragraphs) keepRunText(p.runs);
  memo.textParagraphs.set(owner, { value, paragraphs });
  return paragraphs;
}

/**
 * generateNarrative with the facts already computed (the checker computes them once for both, and
 * passes its memo: the document is then only read for its text, never handed out — its runs are
 * shared, and it lists no inputs).
 */
export function narrativeFromFacts(
  budget: Budget,
  facts: NarrativeFacts,
  ctx: NarrativeContext,
  template: NarrativeTemplate = CHONGQING_NARRATIVE,
  memo?: NarrativeMemo,
): NarrativeDoc {
  // With a memo the document is only read for its text: no input is listed (shared empty lists),
  // and every part equal to the last document's is the last object (below).
  const s: GenState = memo
    ? { budget, facts, decimals: ctx.profile.narrativePercentDecimals, inputs: NO_INPUTS, inputKeys: NO_INPUT_KEYS, listInputs: false, paragraph: '' }
    : { budget, facts, decimals: ctx.profile.narrativePercentDecimals, inputs: [], inputKeys: new Set(), listInputs: true, paragraph: '' };
  const last = memo?.generated?.template === template ? memo.generated : null;
  const sections: NarrativeSection[] = [];
  /** With a memo: the paragraphs of a section are gathered here and copied only when they differ from the last ones. */
  const scratch: Paragraph[] = [];
  let sameSections = last !== null;
  for (let si = 0; si < template.sections.length; si++) {
    const sec = template.sections[si]!;
    const paragraphs: Paragraph[] = memo ? scratch : [];
    paragraphs.length = 0;
    let headingNo = 0;
    for (const block of sec.blocks) {
      if ('heading' in block) {
        paragraphs.push(headingParagraph(memo, block, sec.key, ++headingNo));
      } else if ('lines' in block) {
        s.paragraph = block.key;
        const value = input(s, block.lines, block.label, 'text', true, true);
        append(paragraphs, keptParagraphs(memo, block, value, () => linesParagraphs(block, value)));
      } else if ('each' in block) {
        const items = facts.functionItems;
        for (let i = 0; i < items.length; i++) paragraphs.push(itemParagraph(s, block, items[i]!, i + 1, memo));
      } else if (block.key === 'glossary') {
        s.paragraph = 'glossary';
        const extra = input(s, textKey.glossaryExtra, '补充名词解释（每行一条，可选）', 'text', false, true);
        append(paragraphs, keptParagraphs(memo, template.glossary, extra, () => glossaryParagraphs(template.glossary, extra)));
      } else {
        s.paragraph = block.key;
        const holds = block.when ? CONDITIONS[block.when](facts) : true;
        if (block.when === 'functionItems.empty' && !holds) continue;
        const pattern = holds ? block.text : (block.otherwise ?? block.text);
        paragraphs.push(blockParagraph(s, block, pattern, memo));
      }
    }
    if (!memo) {
      sections.push({ key: sec.key, title: sec.title, paragraphs });
      continue;
    }
    const was = last?.doc.sections[si];
    if (was && sameItems(was.paragraphs, scratch)) sections.push(was);
    else {
      sameSections = false;
      sections.push({ key: sec.key, title: sec.title, paragraphs: scratch.slice() });
    }
  }
  if (!memo) {
    return { title: fillPlain(budget, template.title), subtitle: fillPlain(budget, template.subtitle), year: budget.meta.year, sections, inputs: s.inputs };
  }
  const { department, year } = budget.meta;
  if (last && last.department === department && last.year === year && sameSections && sections.length === last.doc.sections.length) return last.doc;
  const sameTitles = last !== null && last.department === department && last.year === year;
  const doc: NarrativeDoc = {
    title: sameTitles ? last.doc.title : fillPlain(budget, template.title),
    subtitle: sameTitles ? last.doc.subtitle : fillPlain(budget, template.subtitle),
    year,
    sections,
    inputs: s.inputs,
  };
  memo.generated = { template, department, year, doc };
  return doc;
}

/** A checker's document lists no inputs: one shared empty list (never added to: listInputs is false). */
const NO_INPUTS: NarrativeInput[] = [];
const NO_INPUT_KEYS = new Set<string>();

/** A heading of the outline; with a memo the one made for this block before (its key is its place, fixed per template). */
function headingParagraph(memo: NarrativeMemo | undefined, block: { heading: string; level: number }, section: string, no: number): Paragraph {
  const kept = memo?.headingParagraphs.get(block);
  if (kept && kept.section === section && kept.no === no) return kept.paragraph;
  const paragraph: Paragraph = { key: `h:${section}:${no}`, role: 'heading', level: block.level, runs: [text(block.heading)] };
  memo?.headingParagraphs.set(block, { section, no, paragraph });
  return paragraph;
}

