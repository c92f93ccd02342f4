// Draws resources/icon.png (128×128, the marketplace icon) with no dependencies:
// node resources/make-icon.js. Shapes are sampled 4×4 per pixel for smooth edges.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SS = 4;

/** Signed-distance test: is (x, y) inside a rounded rectangle? */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const hex = h => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

// Layers, last wins: [test(x, y) → boolean, colour(x, y) → [r, g, b]]
const layers = [
  // background tile: indigo, lighter at the top
  [(x, y) => inRoundRect(x, y, 0, 0, 128, 128, 26), (x, y) => mix(hex('#3A6BB0'), hex('#1E3A66'), y / 128)],
  // the spec page, with its top-right corner folded
  [
    (x, y) => inRoundRect(x, y, 28, 18, 100, 110, 8) && !(x > 82 && y < 36 && x - 82 > y - 18),
    () => hex('#FFFFFF'),
  ],
  [(x, y) => x >= 82 && x <= 100 && y >= 18 && y <= 36 && x - 82 <= y - 18, () => hex('#C9D6EA')],
  // three requirement rows: an ID tag and a line of text
  ...[44, 64, 84].flatMap((y0, i) => [
    [(x, y) => inRoundRect(x, y, 38, y0 - 5, 54, y0 + 5, 3), () => hex(['#F2A541', '#4CB782', '#F2A541'][i])],
    [(x, y) => inRoundRect(x, y, 60, y0 - 3, [88, 80, 86][i], y0 + 3, 3), () => hex('#8DA2C0')],
  ]),
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS,
          y = py + (sy + 0.5) / SS;
        let colour = null;
        for (const [test, paint] of layers) if (test(x, y)) colour = paint(x, y);
        if (colour) {
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a++;
        }
      }
    }
    const o = (py * SIZE + px) * 4;
    if (a) {
      rgba[o] = Math.round(r / a);
      rgba[o + 1] = Math.round(g / a);
      rgba[o + 2] = Math.round(b / a);
    }
    rgba[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

// ---- PNG encoding -------------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8;
ihdr[9] = 6; // 8-bit RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter 0 per row
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(__dirname, 'icon.png'), png);
console.log(`wrote resources/icon.png (${png.length} bytes)`);
