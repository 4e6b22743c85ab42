/**
 * The grid that fills a box with `count` portrait (3:4) tiles, each with a
 * label row under it: the column count that gives the largest tiles.
 */
export function galleryGrid(count: number, width: number, height: number, gap: number, label: (tileW: number) => number): { cols: number; rows: number; tileW: number; tileH: number; labelH: number } {
  const n = Math.max(1, count);
  let best = { cols: 1, rows: n, tileW: 0, tileH: 0, labelH: 0 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cellW = (width - (cols - 1) * gap) / cols;
    const cellH = (height - (rows - 1) * gap) / rows;
    // The label scales with the tile, so solve for the tile width that fits both ways.
    let tileW = Math.min(cellW, (cellH * 3) / 4);
    for (let k = 0; k < 4; k++) tileW = Math.max(0, Math.min(cellW, ((cellH - label(tileW)) * 3) / 4));
    // Whole pixels, and never a hair over.
    tileW = Math.floor(tileW);
    while (tileW > 0 && (tileW * 4) / 3 + label(tileW) > cellH) tileW--;
    if (tileW > best.tileW) best = { cols, rows, tileW, tileH: (tileW * 4) / 3, labelH: label(tileW) };
    if (rows === 1) break;
  }
  return best;
}
