// Draws the app icon (a white medical cross on a teal rounded square) and writes every format the
// installers need: icon.png (1024), icon.icns (mac), icon.ico (Windows), icons/NxN.png (Linux).
// Run `node build/make-icons.mjs` after changing the drawing; the outputs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const here = path.dirname(new URL(import.meta.url).pathname);
const TEAL = [11, 95, 99];
const WHITE = [255, 255, 255];

// Coverage of one pixel by the shape, sampled 4x4 so edges are smooth at every size.
function coverage(x, y, size, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

function roundedSquare(u, v) {
  const m = 0.06;
  const r = 0.2;
  if (u < m || v < m || u > 1 - m || v > 1 - m) return false;
  const cx = Math.min(Math.max(u, m + r), 1 - m - r);
  const cy = Math.min(Math.max(v, m + r), 1 - m - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

const cross = (u, v) =>
  (Math.abs(u - 0.5) < 0.1 && Math.abs(v - 0.5) < 0.28) ||
  (Math.abs(v - 0.5) < 0.1 && Math.abs(u - 0.5) < 0.28);

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const bg = coverage(x, y, size, roundedSquare);
      const fg = coverage(x, y, size, cross);
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(TEAL[c] * (1 - fg) + WHITE[c] * fg);
      rgba[o + 3] = Math.round(255 * Math.max(bg, fg));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ICNS with PNG payloads (macOS 10.7+): ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x).
function icns(pngs) {
  const entries = Object.entries(pngs).map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

// ICO with PNG payloads (Windows Vista+).
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const dir = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...dir, ...images.map((i) => i.data)]);
}

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const pngs = Object.fromEntries(sizes.map((s) => [s, png(s)]));
mkdirSync(path.join(here, 'icons'), { recursive: true });
writeFileSync(path.join(here, 'icon.png'), pngs[1024]);
for (const s of sizes.filter((s) => s <= 512))
  writeFileSync(path.join(here, 'icons', `${s}x${s}.png`), pngs[s]);
writeFileSync(
  path.join(here, 'icon.icns'),
  icns({ ic07: pngs[128], ic08: pngs[256], ic09: pngs[512], ic10: pngs[1024] }),
);
writeFileSync(
  path.join(here, 'icon.ico'),
  ico([16, 32, 48, 256].map((size) => ({ size, data: pngs[size] }))),
);
console.log('Wrote build/icon.png, build/icon.icns, build/icon.ico and build/icons/');
