/**
 * What a block operation means for each cell, as Excel and WPS do it, without DOM or Svelte
 * (unit-tested): a pasted block is applied cell by cell — values landing on input cells are taken,
 * values landing on computed or read-only cells are skipped and counted (and how many of those
 * differ from what the table shows once the paste is applied); fill down copies each column's top value into the input cells
 * below; clear empties the input cells. The caller applies the edits as one undo step, all or nothing.
 */
import type { Edit } from '../../shared/model';
import { parseAmount } from '../../shared/money';
import type { Cell, InputRef } from '../../shared/tables';
import { parseTsv } from './clipboard';

export interface BlockEdit {
  /** Position in the block (row, column). */
  at: [number, number];
  edit: Edit;
}

export interface Skipped {
  at: [number, number];
  /** What was pasted there (null for a fill). */
  value: string | null;
  /** A computed amount (grey cell); otherwise a read-only text (code, name, label, merged part). */
  computed: boolean;
}

export interface BlockPlan {
  edits: BlockEdit[];
  skipped: Skipped[];
}

const isAmountKind = (c: Cell) => c.kind === 'money' || c.kind === 'percent' || c.kind === 'number';

function emptyPlan(): BlockPlan {
  return { edits: [], skipped: [] };
}

/** Whether a pasted value differs from what a cell shows (amounts compared as amounts). */
export function differs(cell: Cell, pasted: string): boolean {
  const v = pasted.trim();
  if (cell.kind === 'money') {
    const p = parseAmount(v);
    return !p.ok || p.fen !== (cell.fen ?? 0);
  }
  return v !== cell.text.trim();
}

function skip(plan: BlockPlan, at: [number, number], cell: Cell | undefined, value: string | null): void {
  plan.skipped.push({ at, value, computed: !!cell && !cell.covered && isAmountKind(cell) });
}

const editable = (cell: Cell | undefined): cell is Cell & { input: InputRef } => !!cell?.input && !cell.covered;

/** The values a paste carries onto its target: one text into one text cell stays whole. */
export function pastedValues(text: string, target: Cell | undefined, oneCell: boolean): string[][] {
  const block = parseTsv(text);
  if (block.length <= 1 || text.includes('\t') || !oneCell || target?.kind !== 'text') return block;
  // Several lines and no tab, onto one text cell (项目概况): the cell takes all of it, line breaks kept.
  return [[text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')]];
}

/** A paste of `values` onto `targets` (the same shape; undefined where no cell is). */
export function planPaste(values: readonly (readonly string[])[], targets: readonly (readonly (Cell | undefined)[])[]): BlockPlan {
  const plan = emptyPlan();
  values.forEach((line, i) =>
    line.forEach((value, j) => {
      const cell = targets[i]?.[j];
      if (editable(cell)) plan.edits.push({ at: [i, j], edit: { op: 'set', ref: cell.input, value: value.trim() } });
      else skip(plan, [i, j], cell, value);
    }),
  );
  return plan;
}

/** Ctrl+D: each column's top cell (its stored value) into the input cells below it. */
export function planFillDown(targets: readonly (readonly (Cell | undefined)[])[], read: (ref: InputRef) => string): BlockPlan {
  const plan = emptyPlan();
  const top = targets[0] ?? [];
  for (let i = 1; i < targets.length; i++) {
    targets[i].forEach((cell, j) => {
      const source = top[j];
      if (!editable(source)) return;
      const value = read(source.input);
      if (editable(cell)) {
        if (read(cell.input) !== value) plan.edits.push({ at: [i, j], edit: { op: 'set', ref: cell.input, value } });
      } else skip(plan, [i, j], cell, null);
    });
  }
  return plan;
}

/** Delete: the input cells of the block that hold something, emptied. */
export function planClear(targets: readonly (readonly (Cell | undefined)[])[], read: (ref: InputRef) => string): BlockPlan {
  const plan = emptyPlan();
  targets.forEach((line, i) =>
    line.forEach((cell, j) => {
      if (editable(cell) && read(cell.input) !== '') plan.edits.push({ at: [i, j], edit: { op: 'set', ref: cell.input, value: '' } });
    }),
  );
  return plan;
}

/**
 * The skipped cells in words, for the toast after a paste or fill ('' when none were skipped):
 * '3 个由系统计算的单元格未粘贴，其中 1 个与粘贴值不同'. `cellAt` gives a cell as the table shows
 * it after the edits (a computed cell is compared with what it computes from the pasted inputs).
 */
export function skippedText(plan: BlockPlan, cellAt: (at: [number, number]) => Cell | undefined, verb = '粘贴'): string {
  const parts: string[] = [];
  for (const computed of [true, false]) {
    const list = plan.skipped.filter((x) => x.computed === computed);
    if (list.length === 0) continue;
    const diff = list.filter((x) => {
      if (x.value === null) return false;
      const cell = cellAt(x.at);
      return !cell || cell.covered ? x.value.trim() !== '' : differs(cell, x.value);
    }).length;
    const what = computed ? '由系统计算的单元格' : '不可录入的单元格（编码、名称、栏目）';
    parts.push(`${list.length} 个${what}未${verb}${diff ? `，其中 ${diff} 个与${verb}值不同` : ''}`);
  }
  return parts.join('；');
}
