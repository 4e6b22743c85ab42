/**
 * Live drawing points on the wire: each point [x, y, pressure] as three
 * little-endian 16-bit integers, in base64 (8 characters a point, no
 * padding). About a third of the JSON of the same numbers, and one string:
 * the server checks it with one regular expression and relays it as it came,
 * never touching a point.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export const PACKED_CHARS_PER_POINT = 8;
/** Points one stroke:progress packet may carry. */
export const PROGRESS_MAX_POINTS = 200;
/** A packed list of 1 to PROGRESS_MAX_POINTS points. */
export const PACKED_POINTS_RE = new RegExp(`^(?:[A-Za-z0-9+/]{${PACKED_CHARS_PER_POINT}}){1,${PROGRESS_MAX_POINTS}}$`);

/** Packs flat [x, y, pressure, ...] numbers (integers within ±32767; a trailing partial point is dropped). */
export function packPoints(points: readonly number[]): string {
  let out = "";
  const whole = points.length - (points.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const x = points[i];
    const y = points[i + 1];
    const p = points[i + 2];
    out += quad(x & 255, (x >> 8) & 255, y & 255) + quad((y >> 8) & 255, p & 255, (p >> 8) & 255);
  }
  return out;
}

/** Three bytes as four base64 characters. */
function quad(b0: number, b1: number, b2: number): string {
  const n = (b0 << 16) | (b1 << 8) | b2;
  return ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
}

/** The flat numbers of a packed list (check it with PACKED_POINTS_RE first: anything else gives []). */
export function unpackPoints(packed: string): number[] {
  if (packed.length % PACKED_CHARS_PER_POINT !== 0) return [];
  const out: number[] = new Array((packed.length / PACKED_CHARS_PER_POINT) * 3);
  let o = 0;
  for (let i = 0; i < packed.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = packed.charCodeAt(i + k);
      const v = c < 128 ? VALUE[c] : -1;
      if (v < 0) return [];
      n = (n << 6) | v;
    }
    // Each 4 characters are 3 bytes; two of them make a point's 6 bytes.
    const b0 = (n >> 16) & 255;
    const b1 = (n >> 8) & 255;
    const b2 = n & 255;
    if ((i / 4) % 2 === 0) {
      out[o++] = int16(b0 | (b1 << 8));
      out[o] = b2;
    } else {
      out[o] = int16(out[o] | (b0 << 8));
      o++;
      out[o++] = int16(b1 | (b2 << 8));
    }
  }
  return out;
}

function int16(u: number): number {
  return (u << 16) >> 16;
}
