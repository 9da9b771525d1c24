/**
 * Where the cells of a layout table fall on the grid: each cell's first column, once the cells merged from the
 * rows above (rowSpan) have taken their places. Shared by the Word and Excel renderers.
 */
import type { LayoutCell } from '../core/report/layout';

export interface PlacedCell {
  cell: LayoutCell;
  /** the cell's first column, from 0 */
  col: number;
  rowSpan: number;
  colSpan: number;
}

export function placeCells(rows: LayoutCell[][]): PlacedCell[][] {
  const occupied: boolean[][] = [];
  return rows.map((cells, r) => {
    occupied[r] ??= [];
    let col = 0;
    return cells.map((cell) => {
      while (occupied[r][col]) col++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let i = 0; i < rowSpan; i++) {
        occupied[r + i] ??= [];
        for (let j = 0; j < colSpan; j++) occupied[r + i][col + j] = true;
      }
      const placed = { cell, col, rowSpan, colSpan };
      col += colSpan;
      return placed;
    });
  });
}
