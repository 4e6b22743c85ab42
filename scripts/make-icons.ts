// Renders the home-screen icons in public/icons/ from the same mark as
// app/icon.svg (two linked rings on the brand colour), with no network:
// `npm run icons`. The PNGs are committed; run this again after changing the mark.
import fs from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";

const BRAND = "#0e7490"; // --color-brand in app/globals.css
const MARK = `<circle cx="11" cy="16" r="6" fill="none" stroke="#fff" stroke-width="3"/><circle cx="21" cy="16" r="6" fill="none" stroke="#fde047" stroke-width="3"/>`;

/**
 * The icon on a 32×32 canvas. `rounded`: the favicon's rounded square with
 * transparent corners ("any" icons). Otherwise the colour fills the whole
 * square and the mark shrinks by `scale` around the centre, so it stays inside
 * the circle a launcher may cut out (maskable: 80% safe zone) or the corners
 * iOS rounds off (apple-touch-icon).
 */
function svg({ rounded, scale = 1 }: { rounded: boolean; scale?: number }): string {
  const bg = rounded ? `<rect width="32" height="32" rx="7" fill="${BRAND}"/>` : `<rect width="32" height="32" fill="${BRAND}"/>`;
  const mark = scale === 1 ? MARK : `<g transform="translate(16 16) scale(${scale}) translate(-16 -16)">${MARK}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${bg}${mark}</svg>`;
}

const ICONS: { file: string; size: number; svg: string }[] = [
  { file: "icon-192.png", size: 192, svg: svg({ rounded: true }) },
  { file: "icon-512.png", size: 512, svg: svg({ rounded: true }) },
  { file: "icon-maskable-512.png", size: 512, svg: svg({ rounded: false, scale: 0.75 }) },
  { file: "apple-touch-icon.png", size: 180, svg: svg({ rounded: false, scale: 0.85 }) },
];

const out = path.resolve(__dirname, "..", "public", "icons");
fs.mkdirSync(out, { recursive: true });
for (const icon of ICONS) {
  const png = new Resvg(icon.svg, { fitTo: { mode: "width", value: icon.size } }).render().asPng();
  fs.writeFileSync(path.join(out, icon.file), png);
  console.log(`public/icons/${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
}
