/**
 * Places cells with row/column spans on a full-width grid: every covered position gets an empty
 * `covered` cell, so printed rows are plain arrays (json, xlsx merges, grid all read the same).
 * The placing depends only on the spans, so it is a Frame, computed once per shape (a form's
 * frame serves every project block with as many indicators) and filled with each table's cells.
 */
import type { Cell, CellKind, ColumnDef } from './types';

export type PlacedCell = Omit<Cell, 'col'> & { col?: string };

/** Where each placed cell goes and what fills the other positions of a grid. */
export interface Frame {
  width: number;
  /** Per row: the column of each placed cell, in order. */
  columns: number[][];
  /** Per row: positions covered by a merge, with the row and index of the placed cell covering them. */
  covered: { col: number; row: number; index: number }[][];
  /** Per row: positions nothing places or covers (filled with an empty text cell). */
  blank: number[][];
}

/** The frame of rows of cells with these spans (covered positions omitted in the input). */
export function frameOf(rows: readonly (readonly { colSpan?: number; rowSpan?: number }[])[], width: number): Frame {
  const taken: boolean[][] = rows.map(() => new Array<boolean>(width).fill(false));
  const frame: Frame = { width, columns: rows.map(() => []), covered: rows.map(() => []), blank: rows.map(() => []) };
  rows.forEach((cells, r) => {
    let c = 0;
    cells.forEach((cell, index) => {
      while (c < width && taken[r][c]) c++;
      if (c >= width) throw new Error(`表格模板第${r + 1}行超出${width}列`);
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      taken[r][c] = true;
      frame.columns[r].push(c);
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colSpan && c + dc < width; dc++) {
          if (dr === 0 && dc === 0) continue;
          const at = frame.covered[r + dr];
          // A later merge over the same position wins, as a later write did.
          const prev = at.findIndex((x) => x.col === c + dc);
          if (prev >= 0) at.splice(prev, 1);
          at.push({ col: c + dc, row: r, index });
          taken[r + dr][c + dc] = true;
        }
      }
      c += colSpan;
    });
    for (let i = 0; i < width; i++) if (!taken[r][i]) frame.blank[r].push(i);
  });
  return frame;
}

/**
 * Fills a frame: `cell(r, i, col)` makes the i-th placed cell of row r, sitting in column `col`;
 * covered positions take the kind of the cell covering them.
 */
export function fillFrame(frame: Frame, columns: readonly ColumnDef[], cell: (r: number, i: number, col: string) => Cell): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < frame.columns.length; r++) {
    const row = new Array<Cell>(frame.width);
    const at = frame.columns[r];
    for (let i = 0; i < at.length; i++) row[at[i]] = cell(r, i, columns[at[i]].key);
    out.push(row);
  }
  for (let r = 0; r < frame.columns.length; r++) {
    const row = out[r];
    for (const x of frame.covered[r]) row[x.col] = coveredCell(out[x.row][frame.columns[x.row][x.index]].kind, columns[x.col].key);
    for (const c of frame.blank[r]) row[c] = blankCell(columns[c].key);
  }
  return out;
}

/**
 * Covered and blank cells hold nothing but their kind and column: one object per kind and column
 * serves every table (derived cells are never mutated). A 表十七 of 540 blocks has 18,000 of them.
 */
const coveredCells = new Map<string, Map<CellKind, Cell>>();
const blankCells = new Map<string, Cell>();

function coveredCell(kind: CellKind, col: string): Cell {
  let byKind = coveredCells.get(col);
  if (!byKind) coveredCells.set(col, (byKind = new Map()));
  let cell = byKind.get(kind);
  if (!cell) byKind.set(kind, (cell = { text: '', kind, col, covered: true }));
  return cell;
}

function blankCell(col: string): Cell {
  let cell = blankCells.get(col);
  if (!cell) blankCells.set(col, (cell = { text: '', kind: 'text', col }));
  return cell;
}

/** Lays out rows of cells (covered positions omitted in the input) into full-width rows. */
export function layoutRows(rows: readonly (readonly PlacedCell[])[], columns: readonly ColumnDef[]): Cell[][] {
  return fillFrame(frameOf(rows, columns.length), columns, (r, i, col) => {
    const cell = rows[r][i];
    return { ...cell, col: cell.col ?? col };
  });
}
