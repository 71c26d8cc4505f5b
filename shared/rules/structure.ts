/**
 * STR: structure and completeness of the table set (RULES §5.1, the table part; the narrative's
 * sections are checked by the narrative rules).
 */
import { NONE, pushAll } from '../arrays';
import { catalogueRows, catalogueTitleOf } from '../tables/derive';
import { templateOf } from '../tables/roles';
import type { DerivedTable, Row } from '../tables/types';
import { cellFen } from '../tables/lookup';
import { TABLE_ROLE_NAMES } from '../text/terms';
import { cellRef } from './amounts';
import { MAY_HOLD_PLACEHOLDER, placeholderIn, tableFlags } from './cells';
import { defineRule } from './define';
import { RowChecks } from './lineage';
import { MANDATORY_143 } from './roles';
import type { CellRef } from './types';

/** STR-01: every table of the template set is present (the 143号 eight: error; the rest: warning). */
export const STR_01 = defineRule({
  id: 'STR-01',
  severity: 'error',
  title: '模板规定的表格齐全',
  // Which tables exist depends only on the template set; their titles only on meta.
  inputs: ['meta'],
  check(ctx, emit) {
    const present = new Set(ctx.tables.map((t) => templateOf(t.id)));
    const expected = ctx.templates
      ? ctx.templates.tables.map((t) => ({ id: t.id, no: t.no, mandatory: !!t.role && MANDATORY_143.includes(t.role) }))
      : MANDATORY_143.map((role) => ({ id: role, no: TABLE_ROLE_NAMES[role], mandatory: true }));
    for (const e of expected) {
      if (present.has(e.id)) continue;
      emit.report(`缺少${e.no}${e.mandatory ? '：这是财预〔2016〕143号规定必须公开的表格' : '：模板要求公开此表'}`, [], e.mandatory ? 'error' : 'warning');
    }
    for (const t of ctx.tables) {
      if (!t.title.trim()) emit.report(`${t.no}没有标题`);
    }
  },
});

const UNIT_LINE = /^单位[:：]\s*(元|万元|亿元)\s*$/;

/** STR-02: each table shows the department's full name (the same everywhere) and a unit line. */
export const STR_02 = defineRule({
  id: 'STR-02',
  severity: 'error',
  title: '各表列明部门全称和金额单位',
  inputs: ['meta'],
  each: 'all',
  checkTable(t, ctx, emit) {
    const dept = ctx.budget.meta.department.trim();
    const nameLine = t.lines.find((l) => /^(部门全称|编制单位)[:：]/.test(l));
    if (!nameLine) emit.report(`${t.no}没有列明部门全称`);
    else if (/^部门全称/.test(nameLine)) {
      const name = nameLine.replace(/^部门全称[:：]\s*/, '').trim();
      if (!name) emit.report(`${t.no}的部门全称为空`);
      else if (dept && name !== dept) emit.report(`${t.no}的部门全称“${name}”与部门名称“${dept}”不一致`);
    }
    const unit = t.lines.find((l) => /^单位[:：]/.test(l));
    if (!unit) emit.report(`${t.no}没有列明金额单位（如“单位：元”）`);
    else {
      const m = UNIT_LINE.exec(unit);
      if (!m) emit.report(`${t.no}的单位行“${unit}”无法识别，应为“单位：元”或“单位：万元”`);
      else if (m[1] !== ctx.profile.unit) {
        emit.report(`${t.no}的金额单位为${m[1]}，而本模板的金额单位为${ctx.profile.unit}`);
      }
    }
  },
});

const EMPTY_NOTE = /本部门无|无[^，。]*(收支|安排|预算|支出|绩效)|此表无数据|空表/;

/** A table with no amount anywhere and no indicators. */
export function tableHasNoData(t: DerivedTable): boolean {
  for (const row of t.body) {
    if (row.role === 'indicator') return false;
    for (const c of row.cells) if (c.kind === 'money' && !c.covered && cellFen(c) !== 0) return false;
  }
  return true;
}

/** STR-03: an empty table carries a note saying why (备注：本部门无…，故此表无数据). */
export const STR_03 = defineRule({
  id: 'STR-03',
  severity: 'error',
  title: '空表附有说明',
  each: 'all',
  checkTable(t, _ctx, emit) {
    const empty = tableHasNoData(t);
    const note = t.note?.trim() ?? '';
    if (empty && !EMPTY_NOTE.test(note)) {
      emit.report(`${t.no}没有数据，但${note ? `备注“${note}”没有说明原因` : '没有附说明'}：空表应注明“本部门无……，故此表无数据”`);
    } else if (!empty && note && /此表无数据|空表/.test(note)) {
      emit.report(`${t.no}有数据，但备注写着“${note}”`, [], 'warning');
    }
  },
});

function placeholdersIn(t: DerivedTable, row: Row): readonly { text: string; ref: CellRef | null }[] {
  let hits: { text: string; ref: CellRef | null }[] | undefined;
  for (const c of row.cells) {
    if (c.covered || c.kind === 'money' || c.kind === 'percent' || !c.text) continue;
    const m = placeholderIn(c.text);
    if (m !== null) (hits ??= []).push({ text: m, ref: cellRef(t.id, row.key, c.col) });
  }
  return hits ?? NONE;
}
const bodyPlaceholders = new RowChecks((t: DerivedTable, row: Row, at: number) => (tableFlags(t).rows[at] & MAY_HOLD_PLACEHOLDER ? placeholdersIn(t, row) : NONE));

/** STR-08: no placeholder or template residue; no empty 编制单位 on a table with data. */
export const STR_08 = defineRule({
  id: 'STR-08',
  severity: 'error',
  title: '表格中没有占位符或模板残留',
  each: 'all',
  checkTable(t, _ctx, emit) {
    const hits: { text: string; ref: CellRef | null }[] = [];
    for (const s of [t.title, ...t.lines, t.note ?? '']) {
      const m = placeholderIn(s);
      if (m !== null) hits.push({ text: m, ref: null });
    }
    // Rows are looked at only where a cell may hold one (cells.ts).
    const flags = tableFlags(t);
    if (flags.header & MAY_HOLD_PLACEHOLDER) for (const row of t.header) pushAll(hits, placeholdersIn(t, row));
    if (flags.body & MAY_HOLD_PLACEHOLDER) pushAll(hits, bodyPlaceholders.of(t));
    if (hits.length) {
      const words = [...new Set(hits.map((h) => `“${h.text}”`))].join('、');
      emit.report(`${t.no}中有占位符或模板残留 ${words}，请替换为实际内容`, hits.flatMap((h) => (h.ref ? [h.ref] : [])));
    }
    const unitLine = t.lines.find((l) => /^编制单位[:：]/.test(l));
    if (unitLine && !unitLine.replace(/^编制单位[:：]/, '').trim() && !tableHasNoData(t)) {
      emit.report(`${t.no}有数据，但“编制单位”为空`);
    }
  },
});

/** STR-09: the 目录 lists exactly the tables present, in order, with the same titles. */
export const STR_09 = defineRule({
  id: 'STR-09',
  severity: 'warning',
  title: '目录与表格一致',
  inputs: ['meta'],
  check(ctx, emit) {
    if (!ctx.templates) return emit.report('无法核验：没有报表模板，无法对照目录', [], 'unverifiable');
    const catalogue = catalogueRows(ctx.budget, ctx.templates).slice(1);
    const firsts: DerivedTable[] = [];
    const seen = new Set<string>();
    for (const t of ctx.tables) {
      const id = templateOf(t.id);
      if (!seen.has(id)) {
        seen.add(id);
        firsts.push(t);
      }
    }
    const n = Math.max(catalogue.length, firsts.length);
    for (let i = 0; i < n; i++) {
      const entry = catalogue[i];
      const t = firsts[i];
      const title = t ? catalogueTitleOf(t.title, t.subtitle) : '';
      if (!entry) emit.report(`${t!.no}“${t!.title}”不在目录中`);
      else if (!t) emit.report(`目录列有${entry[1]}“${entry[2]}”，但没有这张表`);
      else if (entry[1] !== t.no || entry[2] !== title) {
        emit.report(`目录第${i + 1}项为${entry[1]}“${entry[2]}”，而第${i + 1}张表是${t.no}“${title}”`);
      }
    }
  },
});

export const STRUCTURE_RULES = [STR_01, STR_02, STR_03, STR_08, STR_09];
