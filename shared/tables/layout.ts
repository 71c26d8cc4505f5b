/**
 * Places cells with row/column spans on a full-width grid: every covered position gets an empty
 * `covered` cell, so printed rows are plain arrays (json, xlsx merges, grid all read the same).
 */
import type { Cell, ColumnDef } from './types';

export type PlacedCell = Omit<Cell, 'col'> & { col?: string };

/** Lays out rows of cells (covered positions omitted in the input) into full-width rows. */
export function layoutRows(rows: readonly (readonly PlacedCell[])[], columns: readonly ColumnDef[]): Cell[][] {
  const width = columns.length;
  const out: Cell[][] = rows.map(() => new Array<Cell>(width));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && out[r][c]) c++;
      if (c >= width) throw new Error(`表格模板第${r + 1}行超出${width}列`);
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      out[r][c] = { ...cell, col: cell.col ?? columns[c].key };
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colSpan && c + dc < width; dc++) {
          if (dr === 0 && dc === 0) continue;
          out[r + dr][c + dc] = { text: '', kind: cell.kind, col: columns[c + dc].key, covered: true };
        }
      }
      c += colSpan;
    }
    for (let i = 0; i < width; i++) {
      if (!out[r][i]) out[r][i] = { text: '', kind: 'text', col: columns[i].key };
    }
  });
  return out;
}
