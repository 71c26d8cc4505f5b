/**
 * The registry of topic checks: one entry per topic of the outline, in reading order, each comparing
 * what its paragraphs say with the facts the outline states there (facts.ts) and pointing at the
 * cells of the tables it names by role. Then the checks over the whole text (NT-08's repeated
 * reasons, sections, years).
 *
 * Which rule owns what: the NT rule of a subject owns its amounts, shares, lists, presence and
 * names (NT-01 收入, NT-03 支出, NT-04 基本/项目, NT-05 人员/公用, NT-06 一般公共预算, NT-07 per 项,
 * NT-09 三公, NT-10 机关运行经费, NT-11 政府采购, NT-12 国有资产, NT-13 绩效目标); reasons are NT-08;
 * units NT-14; share sums NT-15. Everything about a change against last year is a CHG rule,
 * whatever the subject: zero base CHG-02, percentage CHG-03, direction word CHG-04, amount CHG-05.
 * So R1's "下降46.0%" on 产业发展 is one finding, CHG-03 (RULES lists it as NT-07/CHG-03).
 */
import Decimal from 'decimal.js';
import { addTo, sameItems } from '../arrays';
import { normalizeName } from '../catalog/catalog';
import { subFen } from '../money/money';
import { THREE_PUBLIC_ITEMS, VEHICLE_KINDS, VEHICLE_NAMES } from '../model/types';
import { COL, LINE_OF, LINES, THREE_PUBLIC } from '../rules/roles';
import type { CellRef, Finding } from '../rules/types';
import {
  amountMatches,
  append,
  checkAmount,
  checkBare,
  checkChange,
  checkList,
  itemNameKeysOf,
  checkShare,
  checkShareSum,
  Collector,
  narrativeCell,
  shownAmount,
  yuan,
  type Subject,
} from './compare';
import { THREE_PUBLIC_PROSE, THREE_PUBLIC_TABLE_LABELS } from '../text/terms';
import type { ItemIndex } from './items';
import type { FunctionItemFact } from './facts';
import { sectionFindings } from './internal';
import {
  BASIC_PATTERNS,
  emptyStated,
  expenditurePatterns,
  functionItemStatements,
  GPB_PATTERNS,
  INCOME_PATTERNS,
  isMoneyUnit,
  numbersIn,
  readAssets,
  readPerformance,
  readProcurement,
  statesNone,
  TOPICS,
  THREE_PUBLIC_PATTERNS,
  THREE_PUBLIC_SUBJECT,
  toYuan,
  yearsIn,
  yearsWhere,
  type Num,
  type Stated,
  type TextParagraph,
  type Topic,
} from './parse';
import type { StatedReason, TopicCheck, TopicContext } from './topic';

// ------------------------------------------------------------------------------------------------
// 收入 (NT-01, NT-02→CHG)

const income: TopicCheck = {
  topics: ['income'],
  rule: 'NT-01',
  label: '收入预算',
  tables: ['summary'],
  keepWhile: (tc) => [tc.facts.income, tc.facts.year, tc.set],
  check(tc, ps) {
    const { c, facts } = tc;
    const line = (row: string) => tc.cell('summary', row, COL.inAmount);
    for (const p of ps) {
      const stated = tc.said(p, INCOME_PATTERNS, 'income.total');
      const total: Subject = { label: '收入预算总额', cells: [line(LINES.incomeTotal)] };
      const t = stated.get('income.total');
      if (t) {
        checkAmount(c, 'NT-01', 'error', t, t.amount, facts.income.total, total);
        checkChange(c, t, { ...tc.yearChange({ current: facts.income.total, prior: facts.income.prior }, true), owner: 'NT-02' }, { ...total, label: '收入' }, tc.reasons);
        checkBare(c, t, total);
      }
      const shares: Num[] = [];
      for (const st of stated.values()) {
        const subject = st.subject; // its key (mergeStated): no entry array per statement
        if (subject === 'income.total' || subject === 'income.current') continue;
        const key = subject.slice('income.'.length);
        const fact = facts.income.sources.find((s) => s.key === key);
        const s: Subject = { label: fact?.name ?? key, cells: [line(key === 'carryover' ? LINES.carryover : LINE_OF.incomeSource(key))] };
        checkAmount(c, 'NT-01', 'error', st, st.amount, fact?.fen ?? 0, s);
        checkShare(c, 'NT-01', st, fact?.fen ?? 0, facts.income.total, s);
        checkBare(c, st, s);
        if (st.share) shares.push(st.share.num);
      }
      for (const src of facts.income.sources) {
        if (!stated.has(`income.${src.key}`)) {
          c.add('NT-01', 'warning', `收入预算：未列出${src.name}${yuan(src.fen)}`, [line(LINE_OF.incomeSource(src.key)), narrativeCell(p.key)]);
        }
      }
      checkShareSum(c, shares, facts.income.sources.length, '收入来源', p.key);
    }
  },
};

// ------------------------------------------------------------------------------------------------
// 支出 (NT-03, NT-04)

const expenditure: TopicCheck = {
  topics: ['expenditure'],
  rule: 'NT-03',
  label: '支出预算',
  tables: ['summary', 'spending'],
  keepWhile: (tc) => [tc.facts.expenditure, tc.facts.year, tc.set, tc.ctx.catalog],
  check(tc, ps) {
    const { c, facts, ctx } = tc;
    const expPatterns = expenditurePatterns(ctx.catalog);
    for (const p of ps) {
      const stated = tc.said(p, expPatterns, 'expenditure.total');
      const total: Subject = { label: '支出预算总额', cells: [tc.cell('summary', LINES.spendCurrent, COL.outAmount), tc.cell('spending', 'total', COL.total)] };
      const t = stated.get('expenditure.total');
      if (t) {
        checkAmount(c, 'NT-03', 'error', t, t.amount, facts.expenditure.total, total);
        checkChange(c, t, { ...tc.yearChange({ current: facts.expenditure.total, prior: facts.expenditure.prior }, true), owner: 'NT-02' }, { ...total, label: '支出' }, tc.reasons);
        checkBare(c, t, total);
      }
      for (const kind of ['basic', 'project'] as const) {
        const st = stated.get(`expenditure.${kind}`);
        if (!st) continue;
        const s: Subject = { label: kind === 'basic' ? '支出增减中的基本支出' : '支出增减中的项目支出', cells: [tc.cell('spending', 'total', COL[kind])] };
        // "基本支出预算增加X元" here explains the total's change: its figure is the change (NT-04).
        if (st.change?.amount && !st.amount) {
          const pair = facts.expenditure[kind];
          const delta = subFen(pair.current, pair.prior ?? 0);
          if (st.change.dir !== 'flat' && (Math.sign(delta) !== (st.change.dir === 'up' ? 1 : -1) || !amountMatches(st.change.amount, Math.abs(delta)))) {
            c.add(
              'NT-04',
              'error',
              `${s.label}：情况说明写${st.change.word}${shownAmount(st.change.amount)}，按表中数为${delta >= 0 ? '增加' : '减少'}${yuan(Math.abs(delta))}`,
              [...s.cells, narrativeCell(p.key, st.subject)],
            );
          }
        } else if (st.amount) {
          checkAmount(c, 'NT-04', 'error', st, st.amount, facts.expenditure[kind].current, s);
        }
      }
      // NT-04 within the text: Δ基本 + Δ项目 = Δ总.
      const dt = t?.change;
      const db = stated.get('expenditure.basic')?.change;
      const dp = stated.get('expenditure.project')?.change;
      if (changeSumDiffers(dt, db, dp)) {
        const [vt, vb, vp] = [signedChange(dt)!, signedChange(db)!, signedChange(dp)!];
        c.add('NT-04', 'error', `支出预算：基本支出增减${vb.toString()}元与项目支出增减${vp.toString()}元之和不等于支出增减${vt.toString()}元`, [narrativeCell(p.key, 'expenditure.total')]);
      }
      const shares: Num[] = [];
      const listed = new Set<string>();
      for (const st of stated.values()) {
        const subject = st.subject; // its key (mergeStated): no entry array per statement
        if (!subject.startsWith('expenditure.class:')) continue;
        const code = subject.slice('expenditure.class:'.length);
        listed.add(code);
        const fact = facts.expenditure.classes.find((x) => x.code === code);
        const s: Subject = {
          label: fact?.name ?? ctx.catalog.name('function', code) ?? code,
          cells: [tc.cell('spending', code, COL.total), tc.cell('summary', LINE_OF.spendClass(code), COL.outAmount)],
        };
        if (!fact && st.amount && !st.amount.value.isZero()) {
          c.add('NT-03', 'error', `支出预算：列出了${s.label}${shownAmount(st.amount)}，但表中本年没有该类支出`, [narrativeCell(p.key, subject)]);
          continue;
        }
        checkAmount(c, 'NT-03', 'error', st, st.amount, fact?.fen ?? 0, s);
        checkShare(c, 'NT-03', st, fact?.fen ?? 0, facts.expenditure.total, s);
        checkBare(c, st, s);
        if (st.share) shares.push(st.share.num);
      }
      for (const cls of facts.expenditure.classes) {
        if (!listed.has(cls.code)) {
          c.add('NT-03', 'error', `支出预算：未列出${cls.name}${yuan(cls.fen)}`, [tc.cell('spending', cls.code, COL.total), narrativeCell(p.key)]);
        }
      }
      checkShareSum(c, shares, facts.expenditure.classes.length, '支出功能分类', p.key);
    }
  },
};

/** A stated change in 元, signed by its direction (持平: 0); null when it states no figure. */
const signedChange = (ch: Stated['change']): Decimal | null =>
  ch?.amount && ch.dir !== 'flat' ? toYuan(ch.amount).times(ch.dir === 'up' ? 1 : -1) : ch?.dir === 'flat' ? new Decimal(0) : null;

/** The power of ten of a money unit's 元 (the units a change amount is read in: isMoneyUnit). */
const MONEY_POWER: Readonly<Record<string, number>> = { 元: 0, 万元: 4, 亿元: 8 };

/** A change as signedChange has it, as an integer count of 10^-scale 元 (scale ≥ its decimals); null when signedChange is null. */
function changeUnits(ch: Stated['change'], scale: number): bigint | null {
  if (ch?.amount && ch.dir !== 'flat') {
    const units = ch.amount.digits * 10n ** BigInt(scale - ch.amount.decimals + (MONEY_POWER[ch.amount.unit] ?? 0));
    return ch.dir === 'up' ? units : -units;
  }
  return ch?.dir === 'flat' ? 0n : null;
}

/** 10^18: counts below it, three of them summed, have at most 20 significant digits (decimal.js's default precision). */
const EXACT_UNITS = 10n ** 18n;

/**
 * NT-04 within the text: whether |Δ基本 + Δ项目 − Δ总| > 0.01 元, as
 * signedChange(b).plus(signedChange(p)).minus(signedChange(t)).abs().greaterThan(0.01) finds it,
 * by exact integers (no Decimal per edit). Counts below EXACT_UNITS make every step of that Decimal
 * sum exact, so both agree; larger ones (never a budget's) take the Decimal path itself.
 */
function changeSumDiffers(t: Stated['change'], b: Stated['change'], p: Stated['change']): boolean {
  const scale = Math.max(2, t?.amount?.decimals ?? 0, b?.amount?.decimals ?? 0, p?.amount?.decimals ?? 0);
  const [ut, ub, up] = [changeUnits(t, scale), changeUnits(b, scale), changeUnits(p, scale)];
  if (ut === null || ub === null || up === null) return false;
  const big = (u: bigint) => u >= EXACT_UNITS || -u >= EXACT_UNITS;
  if (big(ut) || big(ub) || big(up)) return signedChange(b)!.plus(signedChange(p)!).minus(signedChange(t)!).abs().greaterThan(0.01);
  const off = ub + up - ut;
  return (off < 0n ? -off : off) > 10n ** BigInt(scale - 2);
}

// ------------------------------------------------------------------------------------------------
// 一般公共预算 (NT-06)

const gpb: TopicCheck = {
  topics: ['gpb'],
  rule: 'NT-06',
  label: '一般公共预算财政拨款收支',
  tables: ['appropriation', 'gpb'],
  keepWhile: (tc) => [tc.facts.gpb, tc.facts.year, tc.set],
  check(tc, ps) {
    const { c, facts } = tc;
    for (const p of ps) {
      const stated = tc.said(p, GPB_PATTERNS, 'gpb.expenditure');
      const inc = stated.get('gpb.income');
      const cells = [tc.cell('appropriation', LINES.incomeCurrent, ''), tc.cell('gpb', 'total', COL.current)];
      if (inc) checkAmount(c, 'NT-06', 'error', inc, inc.amount, facts.gpb.income, { label: '一般公共预算财政拨款收入', cells });
      const exp = stated.get('gpb.expenditure');
      if (exp) {
        const s: Subject = { label: '一般公共预算财政拨款支出', cells };
        checkAmount(c, 'NT-06', 'error', exp, exp.amount, facts.gpb.expenditure, s);
        checkChange(c, exp, tc.yearChange({ current: facts.gpb.expenditure, prior: facts.gpb.prior }, false), s, tc.reasons);
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------
// 基本/项目, 人员/公用 (NT-04, NT-05)

const basicProject: TopicCheck = {
  topics: ['basic', 'project'],
  rule: 'NT-04',
  label: '基本支出和项目支出',
  tables: ['gpb', 'basicDept'],
  keepWhile: (tc) => [tc.facts.gpb, tc.facts.personnel, tc.facts.public, tc.facts.year, tc.set],
  check(tc) {
    const { c, facts } = tc;
    const partShares: Num[] = [];
    for (const p of tc.byTopic('basic')) {
      const stated = tc.said(p, BASIC_PATTERNS, 'basic');
      const b = stated.get('basic');
      if (b) {
        const s: Subject = { label: '基本支出', cells: [tc.cell('gpb', 'total', COL.basic)] };
        checkAmount(c, 'NT-04', 'error', b, b.amount, facts.gpb.basic.current, s);
        checkShare(c, 'NT-04', b, facts.gpb.basic.current, facts.gpb.expenditure, s);
        checkChange(c, b, tc.yearChange(facts.gpb.basic, true), s, tc.reasons);
        checkBare(c, b, s);
        if (b.share) partShares.push(b.share.num);
      }
      for (const [key, label, fact] of [
        ['personnel', '人员经费', facts.personnel],
        ['public', '公用经费', facts.public],
      ] as const) {
        const st = stated.get(key);
        if (!st) continue;
        const s: Subject = { label, cells: [tc.cell('basicDept', 'total', COL[key])] };
        checkAmount(c, 'NT-05', 'error', st, st.amount, fact.fen, s);
        checkBare(c, st, s);
        checkList(c, 'NT-05', st, st.list, itemNameKeysOf(fact.items), `${label}“主要包括”`, `${tc.no('basicDept')}${label}栏`, s);
      }
    }
    for (const p of tc.byTopic('project')) {
      const st = tc.said(p, [], 'project').get('project');
      if (!st) continue;
      const s: Subject = { label: '项目支出', cells: [tc.cell('gpb', 'total', COL.project)] };
      checkAmount(c, 'NT-04', 'error', st, st.amount, facts.gpb.project.current, s);
      checkShare(c, 'NT-04', st, facts.gpb.project.current, facts.gpb.expenditure, s);
      checkChange(c, st, tc.yearChange(facts.gpb.project, true), s, tc.reasons);
      checkBare(c, st, s);
      if (st.share) partShares.push(st.share.num);
    }
    checkShareSum(c, partShares, 2, '基本支出与项目支出', tc.byTopic('basic')[0]?.key ?? 'basic');
  },
};

// ------------------------------------------------------------------------------------------------
// per 项 (NT-07)

/** Whether a heading names the 功能科目 section (kept per paragraph list: paragraphs are not changed once given out). */
const functionHeadings = new WeakMap<readonly TextParagraph[], boolean>();
function hasFunctionHeading(tc: TopicContext): boolean {
  let has = functionHeadings.get(tc.paragraphs);
  if (has === undefined) functionHeadings.set(tc.paragraphs, (has = tc.byTopic('heading').some((p) => /功能/.test(p.text))));
  return has;
}

/** What one 项 paragraph's check keeps between checks: its subjects under an index, and its result. */
interface ItemSlot {
  index: ItemIndex | null;
  stated: Stated[];
  /** The codes the subjects name ('?…' for one that names none). */
  codes: string[];
  /** What the result was made from: the year, the table's number and id, the facts of the codes. */
  made: { year: number; gpbNo: string; gpbTable: string; facts: (FunctionItemFact | undefined)[] } | null;
  checked: { findings: Finding[]; reasons: StatedReason[]; seen: string[] } | null;
}

/** A name as written against the data's, normalised (normalizeName is called only when they differ as written). */
const namesDiffer = (written: string, name: string): boolean => written !== name && normalizeName(written) !== normalizeName(name);

/** The findings of one 按支出功能科目 paragraph against the facts of the 项 it names. */
function checkItemParagraph(tc: TopicContext, p: TextParagraph, stated: readonly Stated[], gpbNo: string): NonNullable<ItemSlot['checked']> {
  const { index } = tc;
  const c = new Collector();
  const reasons: StatedReason[] = [];
  const seen: string[] = [];
  for (const st of stated) {
    const names = st.names!;
    if (st.subject.startsWith('function:?')) {
      c.add('NT-07', 'error', `按支出功能科目说明：“${names.cls ? `${names.cls}（类）${names.seg}（款）` : ''}${names.item}（项）”与${gpbNo}的科目名称对不上`, [narrativeCell(p.key, st.subject)]);
      continue;
    }
    const code = st.subject.slice('function:'.length);
    seen.push(code);
    const fact = index.byCode.get(code);
    const label = `${names.item}（项）`;
    if (!fact) {
      c.add('NT-07', 'error', `${label}：${gpbNo}本年和上年都没有该项（${code}）`, [narrativeCell(p.key, st.subject)]);
      continue;
    }
    if ((names.cls && namesDiffer(names.cls, fact.className)) || (names.seg && namesDiffer(names.seg, fact.segmentName))) {
      c.add(
        'NT-07',
        'error',
        `${label}：类/款名称与科目${code}不符，应为“${fact.className}（类）${fact.segmentName}（款）${fact.itemName}（项）”`,
        [tc.cell('gpb', code, 'name'), narrativeCell(p.key, st.subject)],
      );
    }
    const s: Subject = { label, cells: [tc.cell('gpb', code, COL.current)] };
    checkAmount(c, 'NT-07', 'error', st, st.amount, fact.current, s, '预算数');
    checkBare(c, st, s);
    const changeCells = [tc.cell('gpb', code, COL.current), tc.cell('gpb', code, COL.prior), tc.cell('gpb', code, COL.change)];
    checkChange(c, st, tc.yearChange({ current: fact.current, prior: fact.prior }, true), { label, cells: changeCells }, reasons);
    if (!st.change && !st.percent && fact.current !== fact.prior) {
      c.add('NT-07', 'warning', `${label}：没有说明与上年相比的增减变化`, [tc.cell('gpb', code, COL.change), narrativeCell(p.key, st.subject)]);
    }
  }
  return { findings: c.findings, reasons, seen };
}

/**
 * What the 按支出功能科目 check kept of its last run: per paragraph (by position), its slot, so a
 * run after an edit redoes only the paragraphs whose object (text) changed or whose 项's facts
 * changed, and passes over the others without looking them up.
 */
interface ItemRun {
  ps: readonly TextParagraph[];
  items: readonly FunctionItemFact[];
  dropped: readonly FunctionItemFact[];
  index: ItemIndex;
  year: number;
  gpbNo: string;
  gpbTable: string;
  slots: ItemSlot[];
  /** The slots' findings and reasons in order, and where each slot's start. */
  findings: Finding[];
  reasons: StatedReason[];
  findingAt: number[];
  reasonAt: number[];
  /** The places of the slots that name each code. */
  codeSlots: Map<string, number[]>;
  seen: Set<string>;
  needMissing: boolean;
  missing: Finding[];
}

/** The codes whose facts are other objects in `now` than in `before` (pushed to `out`); false when the 项 themselves differ. */
function changedCodes(before: readonly FunctionItemFact[], now: readonly FunctionItemFact[], out: string[]): boolean {
  if (before === now) return true;
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    if (before[i] === now[i]) continue;
    if (before[i]!.code !== now[i]!.code) return false;
    out.push(now[i]!.code);
  }
  return true;
}

const functionItems: TopicCheck = {
  topics: ['functionItems'],
  rule: 'NT-07',
  label: '按支出功能科目说明',
  tables: ['gpb'],
  keepWhile: (tc) => [tc.facts.functionItems, tc.facts.droppedItems, tc.index, tc.facts.year, tc.set, hasFunctionHeading(tc)],
  check(tc, ps) {
    const { c, facts, index, year } = tc;
    const gpbNo = tc.no('gpb');
    const gpbTable = tc.cell('gpb', '', '').table;
    const last = tc.memo.checkState.get(functionItems) as ItemRun | undefined;
    const changed: string[] = [];
    const same =
      !!last &&
      last.index === index &&
      last.year === year &&
      last.gpbNo === gpbNo &&
      last.gpbTable === gpbTable &&
      last.ps.length === ps.length &&
      changedCodes(last.items, facts.functionItems, changed) &&
      changedCodes(last.dropped, facts.droppedItems, changed);
    let seenChanged = !same;
    let slots: ItemSlot[];
    let all: Pick<ItemRun, 'findings' | 'reasons' | 'findingAt' | 'reasonAt' | 'codeSlots'> | null = null;
    if (same && last) {
      // Redo only the places whose paragraph is not the last run's object or whose slot names a 项
      // whose facts changed; the others' slots, findings and reasons are the last run's.
      const redo = new Uint8Array(ps.length);
      for (let i = 0; i < ps.length; i++) if (ps[i] !== last.ps[i]) redo[i] = 1;
      for (const code of changed) for (const i of last.codeSlots.get(code) ?? []) redo[i] = 1;
      slots = last.slots.slice();
      let sameCounts = true;
      let sameCodes = true;
      for (let i = 0; i < ps.length; i++) {
        if (!redo[i]) continue;
        // What the slot was (itemSlot may give the same object back, changed).
        const before = last.slots[i]!;
        const { checked, codes } = before;
        const slot = itemSlot(tc, ps[i]!, year, gpbNo, gpbTable);
        if (!checked || !sameItems(checked.seen, slot.checked!.seen)) seenChanged = true;
        if (!checked || checked.findings.length !== slot.checked!.findings.length || checked.reasons.length !== slot.checked!.reasons.length) sameCounts = false;
        if (!sameItems(codes, slot.codes)) sameCodes = false;
        slots[i] = slot;
      }
      if (sameCounts) {
        const findings = last.findings.slice();
        const reasons = last.reasons.slice();
        for (let i = 0; i < ps.length; i++) {
          if (!redo[i]) continue;
          const { findings: f, reasons: r } = slots[i]!.checked!;
          for (let j = 0; j < f.length; j++) findings[last.findingAt[i]! + j] = f[j]!;
          for (let j = 0; j < r.length; j++) reasons[last.reasonAt[i]! + j] = r[j]!;
        }
        all = { findings, reasons, findingAt: last.findingAt, reasonAt: last.reasonAt, codeSlots: sameCodes ? last.codeSlots : codeSlotsOf(slots) };
      }
    } else {
      slots = new Array(ps.length);
      for (let i = 0; i < ps.length; i++) slots[i] = itemSlot(tc, ps[i]!, year, gpbNo, gpbTable);
    }
    all ??= { ...concatSlots(slots), codeSlots: codeSlotsOf(slots) };
    append(c.findings, all.findings);
    append(tc.reasons, all.reasons);
    let seen = last?.seen ?? new Set<string>();
    if (seenChanged) {
      seen = new Set();
      for (const slot of slots) for (const code of slot.checked!.seen) seen.add(code);
    }
    const needMissing = ps.length > 0 || hasFunctionHeading(tc);
    // The 项 no paragraph speaks of: the same as last time while the paragraphs speak of the same 项
    // and every 项 whose facts changed is spoken of.
    let missing = last?.missing ?? [];
    if (!same || !last || seenChanged || needMissing !== last.needMissing || !changed.every((code) => seen.has(code))) {
      missing = [];
      if (needMissing) {
        for (const f of facts.functionItems) {
          if (!seen.has(f.code)) {
            missing.push({ id: 'NT-07', severity: 'error', message: `按支出功能科目说明：缺少${f.itemName}（项）（${f.code}，${yuan(f.current)}）的说明`, cells: [tc.cell('gpb', f.code, COL.current), narrativeCell('functionItems')] });
          }
        }
      }
    }
    append(c.findings, missing);
    tc.memo.checkState.set(functionItems, { ps, items: facts.functionItems, dropped: facts.droppedItems, index, year, gpbNo, gpbTable, slots, ...all, seen, needMissing, missing } satisfies ItemRun);
  },
};


/** The slots' findings and reasons in order, with where each slot's start. */
function concatSlots(slots: readonly ItemSlot[]): Pick<ItemRun, 'findings' | 'reasons' | 'findingAt' | 'reasonAt'> {
  const out: Pick<ItemRun, 'findings' | 'reasons' | 'findingAt' | 'reasonAt'> = { findings: [], reasons: [], findingAt: [], reasonAt: [] };
  for (const slot of slots) {
    out.findingAt.push(out.findings.length);
    out.reasonAt.push(out.reasons.length);
    append(out.findings, slot.checked!.findings);
    append(out.reasons, slot.checked!.reasons);
  }
  return out;
}

/** The places of the slots naming each code. */
function codeSlotsOf(slots: readonly ItemSlot[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  slots.forEach((slot, i) => {
    for (const code of slot.codes) addTo(out, code, i);
  });
  return out;
}

/** Whether `codes` has one of `changed` (both short: a paragraph names one 项, an edit changes one). */
function namesAny(codes: readonly string[], changed: readonly string[]): boolean {
  for (const code of codes) if (changed.includes(code)) return true;
  return false;
}

/**
 * One 按支出功能科目 paragraph's slot, checked: once per text and the facts of its subjects (memo.ts;
 * facts are shared objects, facts.ts), so only the paragraphs of the 项 whose facts changed are
 * checked again.
 */
function itemSlot(tc: TopicContext, p: TextParagraph, year: number, gpbNo: string, gpbTable: string): ItemSlot {
  const { index } = tc;
  const slot = tc.read('NT-07', p, (): ItemSlot => ({ index: null, stated: [], codes: [], made: null, checked: null }));
  if (slot.index !== index) {
    // Read once per text; the subjects depend on the data, so they are resolved on copies.
    const raw = tc.read('functionItems', p, () => functionItemStatements(p, () => '', tc.memo.itemMentions(p)));
    slot.stated = raw.map((x) => ({ ...x, subject: index.resolve(x.names!) }));
    slot.codes = slot.stated.map((st) => st.subject.slice('function:'.length));
    slot.index = index;
    slot.checked = null;
  }
  const made = slot.made;
  if (!made || made.year !== year || made.gpbNo !== gpbNo || made.gpbTable !== gpbTable || slot.codes.some((code, i) => index.byCode.get(code) !== made.facts[i])) {
    slot.made = { year, gpbNo, gpbTable, facts: slot.codes.map((code) => index.byCode.get(code)) };
    slot.checked = null;
  }
  slot.checked ??= checkItemParagraph(tc, p, slot.stated, gpbNo);
  return slot;
}

// ------------------------------------------------------------------------------------------------
// 政府性基金 / 国有资本经营 (STR-03, STR-04)

function fundCheck(fund: 'fund' | 'soe', name: string): TopicCheck {
  return {
    topics: [fund],
    rule: 'STR-04',
    label: name,
    tables: [fund],
    keepWhile: (tc) => [tc.facts[fund], tc.set, tc.derived(fund), tc.byTopic('heading').length > 0],
  check(tc, ps) {
      const { c } = tc;
      const facts = tc.facts[fund];
      const total = tc.cell(fund, 'total', COL.total);
      const tableEmpty = facts.total === 0;
      if (ps.length === 0) {
        const derived = tc.derived(fund);
        if (tableEmpty && derived && !derived.note) {
          c.add('STR-03', 'error', `${name}财政拨款支出表没有数据，表下没有备注，情况说明也没有说明“无${name}拨款安排的支出”`, [tc.cell(fund, 'total', '')]);
        } else if (tc.byTopic('heading').length > 0) {
          c.add('STR-04', 'error', `情况说明缺少${name}的说明（${tableEmpty ? `应写明本部门无使用${name}拨款安排的支出` : `本年${yuan(facts.total)}`}）`, [total]);
        }
        return;
      }
      const p = ps[0]!;
      const none = statesNone(p.text);
      if (tableEmpty && !none) {
        const amount = numbersIn(p.text).find((x) => isMoneyUnit(x.unit) && !x.value.isZero());
        c.add('STR-04', 'error', `${name}：表中没有数据，情况说明却${amount ? `写了${shownAmount(amount)}` : '没有写明“无…拨款安排的支出”'}`, [total, narrativeCell(p.key)]);
      } else if (!tableEmpty && none) {
        c.add('STR-04', 'error', `${name}：情况说明写“无…支出”，表中却有${yuan(facts.total)}`, [total, narrativeCell(p.key)]);
      } else if (!tableEmpty) {
        const amount = numbersIn(p.text).find((x) => isMoneyUnit(x.unit));
        if (amount && !amountMatches(amount, facts.total)) {
          c.add('STR-04', 'error', `${name}：情况说明写${shownAmount(amount)}，表中为${yuan(facts.total)}`, [total, narrativeCell(p.key)]);
        }
      }
    },
  };
}

// ------------------------------------------------------------------------------------------------
// 三公 (NT-09)

const threePublic: TopicCheck = {
  topics: ['threePublic'],
  rule: 'NT-09',
  label: '“三公”经费',
  tables: ['threePublic'],
  keepWhile: (tc) => [tc.facts.threePublic, tc.facts.year, tc.set],
  check(tc, ps) {
    const { c } = tc;
    const tp = tc.facts.threePublic;
    const cell = (year: 'current' | 'prior', item: Parameters<typeof THREE_PUBLIC.col>[1]) => tc.cell('threePublic', THREE_PUBLIC.row, THREE_PUBLIC.col(year, item));
    for (const p of ps) {
      const stated = tc.said(p, THREE_PUBLIC_PATTERNS, 'threePublic.total');
      for (const st of stated.values()) {
        const subject = st.subject; // its key (mergeStated): no entry array per statement
        const item = THREE_PUBLIC_SUBJECT[subject];
        if (!item) continue;
        const current = item === 'vehicle' ? tp.current.vehicleOperation + tp.current.vehiclePurchase : tp.current[item];
        const prior = item === 'vehicle' ? tp.prior.vehicleOperation + tp.prior.vehiclePurchase : tp.prior[item];
        const label = item === 'total' || item === 'vehicle' ? THREE_PUBLIC_TABLE_LABELS[item] : THREE_PUBLIC_PROSE[item];
        const s: Subject = { label, cells: [cell('current', item), cell('prior', item)] };
        checkAmount(c, 'NT-09', 'error', st, st.amount, current, s);
        checkBare(c, st, s);
        checkChange(c, st, tc.yearChange({ current, prior }, item !== 'total' && item !== 'vehicle'), s, tc.reasons);
      }
      for (const item of THREE_PUBLIC_ITEMS) {
        if (!stated.has(`threePublic.${item}`)) {
          c.add('NT-09', 'error', `“三公”经费说明：缺少${THREE_PUBLIC_PROSE[item]}（本年${yuan(tp.current[item])}；为0也应写明）`, [cell('current', item), narrativeCell(p.key)]);
        }
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------
// 机关运行经费 (NT-10, STR-10)

const operatingCost: TopicCheck = {
  topics: ['operatingCost'],
  rule: 'NT-10',
  label: '机关运行经费',
  tables: ['basicGov', 'basicDept'],
  keepWhile: (tc) => [tc.facts.operatingCost, tc.facts.subUnits, tc.facts.year, tc.set, tc.ctx.profile, tc.byTopic('composition').map((p) => p.text).join('\n')],
  check(tc, ps) {
    const { c, facts, ctx } = tc;
    const composition = tc.byTopic('composition').map((p) => p.text).join('');
    const compositionUnits = /下属(?:事业)?单位(?:共|有)?(\d+)(?:个|家)|(\d+)(?:个|家)下属单位/.exec(composition);
    for (const p of ps) {
      const st = tc.said(p, [], 'operatingCost').get('operatingCost');
      if (!st) continue;
      const oc = facts.operatingCost;
      const cells = ctx.profile.operatingCostClasses.map((cls) => tc.cell('basicGov', cls, COL.total));
      const s: Subject = { label: '机关运行经费', cells };
      checkAmount(c, 'NT-10', 'warning', st, st.amount, oc.current, s);
      checkBare(c, st, s);
      checkChange(c, st, tc.yearChange({ current: oc.current, prior: oc.prior }, true), s, tc.reasons);
      if (oc.prior === null && !st.change) {
        c.add('NT-10', 'unverifiable', '机关运行经费：上年数未录入，无法说明和核对与上年的增减', [narrativeCell(p.key, st.subject)]);
      }
      checkList(c, 'NT-10', st, st.uses, itemNameKeysOf(oc.uses), '机关运行经费“主要用于”', `${tc.no('basicDept')}公用经费栏`, s);
      const units = /及(\d+)(?:家|个)下属单位/.exec(p.text);
      const stated = units ? Number(units[1]) : 0;
      const inComposition = compositionUnits ? Number(compositionUnits[1] ?? compositionUnits[2]) : null;
      if (inComposition !== null && units && inComposition !== stated) {
        c.add('STR-10', 'warning', `下属单位数不一致：单位构成写${inComposition}个，机关运行经费写“及${stated}家下属单位”`, [
          narrativeCell(p.key),
          narrativeCell(tc.byTopic('composition')[0]?.key ?? 'composition'),
        ]);
      } else if (units && stated !== facts.subUnits) {
        c.add('STR-10', 'warning', `机关运行经费写“及${stated}家下属单位”，单位名单中有${facts.subUnits}个下属单位`, [narrativeCell(p.key)]);
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------
// 政府采购 (NT-11)

const procurement: TopicCheck = {
  topics: ['procurement'],
  rule: 'NT-11',
  label: '政府采购',
  tables: ['procurement'],
  keepWhile: (tc) => [tc.facts.procurement, tc.set],
  check(tc, ps) {
    const { c, facts } = tc;
    for (const p of ps) {
      const read = tc.memo.get('procurement', p.text, () => readProcurement(p));
      const cell = (col: string): CellRef => tc.cell('procurement', 'total', col);
      for (const [part, fact, label] of [
        [read.all, facts.procurement.all, '政府采购预算'],
        [read.gpb, facts.procurement.gpb, '一般公共预算财政拨款政府采购'],
      ] as const) {
        if (!part) continue;
        const dummy = emptyStated('procurement', p.key, p.text);
        for (const k of ['total', 'goods', 'works', 'services'] as const) {
          const n = part[k];
          if (!n) continue;
          if (n.unit === '') {
            c.add('NT-14', 'error', `${label}：“${n.text}”没有写单位`, [narrativeCell(p.key)]);
            continue;
          }
          const what = { total: '总额', goods: '货物', works: '工程', services: '服务' }[k];
          checkAmount(c, 'NT-11', 'error', dummy, n, fact[k], { label, cells: [cell(k)] }, what);
        }
        if (part.total && part.goods && part.works && part.services) {
          const sum = toYuan(part.goods).plus(toYuan(part.works)).plus(toYuan(part.services));
          if (!toYuan(part.total).minus(sum).abs().lessThanOrEqualTo(0.01)) {
            c.add('NT-11', 'error', `${label}：总额${shownAmount(part.total)}不等于货物、工程、服务之和${sum.toString()}元`, [narrativeCell(p.key)]);
          }
        }
      }
      if (read.gpb?.total && read.all.total && toYuan(read.gpb.total).greaterThan(toYuan(read.all.total))) {
        c.add('NT-11', 'error', `政府采购：一般公共预算部分${shownAmount(read.gpb.total)}大于采购总额${shownAmount(read.all.total)}`, [narrativeCell(p.key)]);
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------
// 绩效目标 (NT-13)

const performance: TopicCheck = {
  topics: ['performance'],
  rule: 'NT-13',
  label: '绩效目标设置情况',
  tables: ['gpb', 'keyProjects', 'generalProjects'],
  // 项目支出 (expenditure.project) is read for a message only; the paragraph is written from performance.
  keepWhile: (tc) => [tc.facts.performance, tc.facts.expenditure.project.current, tc.set],
  check(tc, ps) {
    const { c, facts } = tc;
    for (const p of ps) {
      const r = tc.memo.get('performance', p.text, () => readPerformance(p));
      const pf = facts.performance;
      const cells = [tc.cell('gpb', 'total', COL.project), narrativeCell(p.key)];
      if (r.count && r.count.value.toNumber() !== pf.count) {
        c.add('NT-13', 'error', `绩效目标设置情况：写涉及项目${r.count.text}个，${tc.no('keyProjects')}、${tc.no('generalProjects')}共有${pf.count}个项目绩效目标表`, cells);
      }
      const dummy = emptyStated('performance', p.key, p.text);
      if (r.amount) checkAmount(c, 'NT-13', 'error', dummy, r.amount, pf.amount, { label: '绩效目标设置情况', cells }, '涉及金额');
      if (r.gpbCount && r.gpbCount.value.toNumber() !== pf.gpbCount) {
        c.add('NT-13', 'error', `绩效目标设置情况：写一般公共预算安排项目${r.gpbCount.text}个，应为${pf.gpbCount}个`, cells);
      }
      if (r.gpbAmount) checkAmount(c, 'NT-13', 'error', dummy, r.gpbAmount, pf.gpbAmount, { label: '绩效目标设置情况', cells }, '一般公共预算金额');
      if (r.claimsFullCoverage && !pf.fullCoverage) {
        c.add(
          'NT-13',
          'warning',
          `绩效目标设置情况：写“项目支出均实行了绩效目标管理”，但绩效目标表只涉及${yuan(pf.amount)}，项目支出为${yuan(tc.facts.expenditure.project.current)}`,
          cells,
        );
      }
      for (const [kind, stated, fact, label] of [
        ['key', r.keyEvaluation, pf.keyEvaluation, '纳入重点绩效评价的项目'],
        ['general', r.generalEvaluation, pf.generalEvaluation, '纳入一般绩效目标评价的项目'],
      ] as const) {
        if (!stated || !fact) continue;
        if (stated.count && stated.count.value.toNumber() !== fact.count) {
          c.add('NT-13', 'error', `${label}：写${stated.count.text}个，录入为${fact.count}个`, [narrativeCell(p.key, `evaluation:${kind}`)]);
        }
        if (stated.amount) checkAmount(c, 'NT-13', 'error', dummy, stated.amount, fact.amount, { label, cells: [] }, '金额');
      }
    }
  },
};

// ------------------------------------------------------------------------------------------------
// 国有资产 (NT-12, TIM-02): counts against the officer's inputs, no table

const assets: TopicCheck = {
  topics: ['assets.held', 'assets.planned'],
  rule: 'NT-12',
  label: '国有资产占有使用情况',
  tables: [],
  keepWhile: (tc) => [tc.facts.assets, tc.facts.year, tc.facts.priorYear],
  check(tc) {
    const { c, facts, year } = tc;
    for (const [topic, which] of [
      ['assets.held', 'held'],
      ['assets.planned', 'planned'],
    ] as const) {
      for (const p of tc.byTopic(topic)) {
        // A paragraph may carry both parts; the planned part starts at "安排购置".
        const split = p.text.search(/\d{4}年[^。]{0,12}(?:安排|计划|拟)购置/);
        const parts: [string, 'held' | 'planned'][] =
          which === 'held' && split > 0 ? [[p.text.slice(0, split), 'held'], [p.text.slice(split), 'planned']] : [[p.text, which]];
        for (const [t, part] of parts) {
          const r = tc.memo.get('assets', t, () => readAssets(t));
          const a = facts.assets;
          const label = part === 'held' ? `截至${facts.priorYear}年底车辆` : `${year}年计划购置车辆`;
          const expected = part === 'held' ? a.held : a.planned;
          const cells = [narrativeCell(p.key, `assets.${part}`)];
          let sum = 0;
          let allKinds = true;
          for (const k of VEHICLE_KINDS) {
            const n = r.kinds[k];
            if (!n) {
              allKinds = false;
              continue;
            }
            sum += n.value.toNumber();
            if (n.value.toNumber() !== (expected[k] ?? 0)) {
              c.add('NT-12', 'error', `${label}：${VEHICLE_NAMES[k]}写${n.text}辆，录入为${expected[k] ?? 0}辆`, cells);
            }
          }
          if (r.total) {
            const total = r.total.value.toNumber();
            if (allKinds && total !== sum) c.add('NT-12', 'error', `${label}：合计写${total}辆，分类之和为${sum}辆`, cells);
            const want = part === 'held' ? a.heldTotal : a.plannedTotal;
            if (total !== want) c.add('NT-12', 'error', `${label}：合计写${total}辆，录入为${want}辆`, cells);
          }
          const eq = part === 'held' ? a.equipmentHeld : a.equipmentPlanned;
          if (r.equipment && r.equipment.value.toNumber() !== eq) {
            c.add('NT-12', 'error', `${part === 'held' ? '现有' : '计划购置'}单位价值100万元以上设备：写${r.equipment.text}台（套），录入为${eq}台（套）`, cells);
          }
          if (part === 'held' && r.snapshot && (r.snapshot.year !== year - 1 || r.snapshot.month !== 12)) {
            c.add('TIM-02', 'warning', `国有资产占有使用情况：写“截至${r.snapshot.year}年${r.snapshot.month}月底”，应为截至${year - 1}年12月底`, cells);
          }
        }
      }
    }
  },
};

/** NT-12 across topics: the 三公 vehicle purchase against the planned vehicles. */
const vehiclePurchase: TopicCheck = {
  topics: [],
  rule: 'NT-12',
  label: '公务用车购置',
  tables: ['threePublic'],
  // It reads no paragraph.
  keepWhile: (tc) => [tc.facts.threePublic, tc.facts.assets, tc.set],
  depsNameParagraphs: true,
  check(tc) {
    const { c, facts } = tc;
    const tp = facts.threePublic.current.vehiclePurchase;
    const planned = facts.assets.plannedTotal;
    const cells = [tc.cell('threePublic', THREE_PUBLIC.row, THREE_PUBLIC.col('current', 'vehiclePurchase')), narrativeCell('assets.planned')];
    if (tp > 0 && planned === 0) c.add('NT-12', 'warning', `“三公”经费安排公务用车购置费${yuan(tp)}，但国有资产部分计划购置车辆为0辆`, cells);
    if (tp === 0 && planned > 0) c.add('NT-12', 'warning', `计划购置车辆${planned}辆，但“三公”经费中公务用车购置费为0`, cells);
  },
};

// ------------------------------------------------------------------------------------------------
// Over the whole text

/** NT-08 boiler-plate (info): the same reason given for more than three changes. */
const repeatedReasons: TopicCheck = {
  topics: [],
  rule: 'NT-08',
  label: '增减原因',
  tables: [],
  check(tc) {
    // It reads only the reasons' labels and texts: while they are the last run's, so are its
    // findings (the same objects, which the engine then stamps once). An edit of a figure changes
    // no reason, but rebuilt the map and its keys on every check.
    const last = tc.memo.checkState.get(repeatedReasons) as { reasons: readonly StatedReason[]; findings: Finding[] } | undefined;
    if (last && sameReasons(last.reasons, tc.reasons)) {
      append(tc.c.findings, last.findings);
      tc.memo.checkState.set(repeatedReasons, { reasons: tc.reasons, findings: last.findings });
      return;
    }
    const byReason = new Map<string, string[]>();
    for (const r of tc.reasons) {
      const key = reasonKeyOf(r);
      if (!key) continue;
      addTo(byReason, key, r.label);
    }
    const c = new Collector();
    for (const [text, labels] of byReason) {
      if (labels.length > 3) {
        c.add('NT-08', 'info', `${labels.length}处增减原因完全相同（“${text}”）：${labels.join('、')}。请确认每项都写明了具体原因`, []);
      }
    }
    append(tc.c.findings, c.findings);
    tc.memo.checkState.set(repeatedReasons, { reasons: tc.reasons, findings: c.findings });
  },
};

/** A reason's text without punctuation and spaces, once per reason object (a kept check's reasons are the same objects after an edit). */
const reasonKeys = new WeakMap<StatedReason, string>();
function reasonKeyOf(r: StatedReason): string {
  let key = reasonKeys.get(r);
  if (key === undefined) reasonKeys.set(r, (key = r.text.replace(/[，。；\s]/g, '')));
  return key;
}

/** The same labels and texts in the same order. */
function sameReasons(a: readonly StatedReason[], b: readonly StatedReason[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.label !== y.label || x.text !== y.text)) return false;
  }
  return true;
}

/** The topics whose paragraphs sectionFindings reads beyond which topics the text has. */
const SECTION_READS: readonly Topic[] = ['heading', 'functions', 'composition', 'contact', 'glossary'];

/** STR-05, STR-06, STR-07. */
const sections: TopicCheck = {
  topics: [],
  rule: 'STR-05',
  label: '情况说明结构',
  tables: [],
  // What sectionFindings reads: which topics the text has, and the paragraphs of SECTION_READS.
  // Which topics are present as a bit set (TOPICS has fewer than 31), and each read topic's list:
  // a list is the last one while no paragraph of it changed (check.ts topicsOf), so comparing the
  // lists by identity keeps the findings exactly while their paragraphs are the same objects.
  keepWhile: (tc) => {
    let present = 0;
    for (let i = 0; i < TOPICS.length; i++) if (tc.byTopic(TOPICS[i]!).length > 0) present |= 1 << i;
    const deps: unknown[] = [present];
    for (const t of SECTION_READS) deps.push(tc.byTopic(t));
    return deps;
  },
  depsNameParagraphs: true,
  check(tc) {
    for (const f of sectionFindings(tc.paragraphs)) tc.c.add(f.id, f.severity, f.message, f.cells);
  },
};

/** The topics whose sentences state the budget year's figures (TIM-02 reads their years). */
const DATED_TOPICS: ReadonlySet<Topic> = new Set(['income', 'expenditure', 'gpb', 'basic', 'project', 'functionItems', 'fund', 'soe', 'threePublic', 'operatingCost', 'procurement', 'performance', 'assets.planned']);

/** TIM-02: the title's year and the years the figures are stated for. */
const years: TopicCheck = {
  topics: [],
  rule: 'TIM-02',
  label: '预算年度',
  tables: [],
  keepWhile: (tc) => [tc.facts.year],
  check(tc) {
    const { c, year } = tc;
    for (const p of tc.byTopic('title')) {
      for (const y of yearsOfParagraph(tc, p)) {
        if (y.year !== year) c.add('TIM-02', 'warning', `情况说明标题写${y.year}年，预算年度为${year}年`, [narrativeCell('title')]);
      }
    }
    // The years a text states as the budget's own other than the budget year, read once per text;
    // a paragraph that is the last run's object at the same place has the last run's slips, and
    // while every place's slips are the last ones the last list is kept (copied at the first that differs).
    const last = tc.memo.checkState.get(years) as { ps: readonly TextParagraph[]; year: number; slips: (readonly YearSlip[])[] } | undefined;
    const ps = tc.paragraphs;
    const same = last !== undefined && last.year === year && last.ps.length === ps.length;
    let slipsOf: (readonly YearSlip[])[] = same ? last.slips : new Array(ps.length);
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      const slips = same && p === last.ps[i] ? last.slips[i]! : !DATED_TOPICS.has(p.topic) ? NO_SLIPS : yearSlips(tc, p, year);
      if (slipsOf[i] !== slips) {
        if (same && slipsOf === last.slips) slipsOf = slipsOf.slice();
        slipsOf[i] = slips;
      }
      for (const y of slips) {
        c.add('TIM-02', 'warning', `情况说明写“${y.year}年${y.after.slice(0, 4)}”，预算年度为${year}年`, [narrativeCell(p.key)]);
      }
    }
    if (same && slipsOf === last.slips) last.ps = ps;
    else tc.memo.checkState.set(years, { ps, year, slips: slipsOf });
  },
};

type YearSlip = ReturnType<typeof yearsIn>[number];

const yearsOfParagraph = (tc: TopicContext, p: TextParagraph): YearSlip[] => tc.read('years', p, () => yearsIn(p.text));

/**
 * The years a paragraph states as the budget's own other than `year` (a year after 较/比 is checked
 * with the change: comparison year); the context is sliced only for the years that may be slips.
 */
const yearSlips = (tc: TopicContext, p: TextParagraph, year: number): readonly YearSlip[] =>
  tc.read(`yearSlips\u0000${year}`, p, () => {
    const t = p.text;
    const candidates = yearsWhere(t, (y, at) => y !== year && !(at > 0 && (t[at - 1] === '较' || t[at - 1] === '比')));
    return candidates.length ? candidates.filter((y) => !mentionsOtherYear(y)) : NO_SLIPS;
  });
const NO_SLIPS: readonly YearSlip[] = [];

/**
 * A year other than the budget year is a slip only where the sentence states it as the budget's
 * own ('2023年预算数为…', '2023年一般公共预算…' in a 2024 text); last year named as such ('2023年没有
 * 预算', '与2023年相比', '2023年12月底') is not.
 */
export function mentionsOtherYear(y: { year: number; before: string; after: string }): boolean {
  const asBudgetYear = /^(?:年初)?(?:预算|部门预算|安排|一般公共预算|“三公”|三公|收入|支出|政府采购|无使用)/.test(y.after);
  return !asBudgetYear || /[与同和自从于在]$/.test(y.before);
}

/** Every topic check, in the order of the outline, then those over the whole text. */
export const TOPIC_CHECKS: readonly TopicCheck[] = [
  income,
  expenditure,
  gpb,
  basicProject,
  functionItems,
  fundCheck('fund', '政府性基金预算'),
  fundCheck('soe', '国有资本经营预算'),
  threePublic,
  operatingCost,
  procurement,
  performance,
  assets,
  vehiclePurchase,
  repeatedReasons,
  sections,
  years,
];


