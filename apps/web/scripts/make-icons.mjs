// Writes the PWA icons with Node built-ins only: a white "K" on the brand teal.
//   icon-192.png, icon-512.png    purpose "any": rounded corners, transparent outside them (as icon.svg)
//   icon-maskable-192/512.png     purpose "maskable": full bleed; the launcher cuts its own shape
//   apple-touch-icon.png (180)    iOS home screen: full bleed and opaque, iOS rounds the corners
// The K stays inside the central 60 % of the square, inside the maskable safe zone (the central
// 80 % circle): its farthest corner is 0.32 of the side from the centre, the zone's edge 0.4.
// Run: npm run icons -w apps/web
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x0b, 0x5d, 0x6b];
const FOREGROUND = [0xff, 0xff, 0xff];
const SUPERSAMPLES_PER_AXIS = 4;
// Corner radius of the "any" icons, as a share of the side: icon.svg's rx="96" of 512.
const CORNER_RADIUS = 96 / 512;

// Geometry of the K in unit coordinates (0..1 on both axes).
const TOP = 0.27;
const BOTTOM = 0.73;
const STROKE = 0.1;
const STEM = { left: 0.33, right: 0.33 + STROKE };
const UPPER_ARM = { from: [0.38, 0.59], to: [0.7, TOP] };
const LOWER_ARM = { from: [0.5, 0.47], to: [0.72, BOTTOM] };

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideK(x, y) {
  if (y < TOP || y > BOTTOM) return false;
  if (x >= STEM.left && x <= STEM.right) return true;
  const half = STROKE / 2;
  return distanceToSegment(x, y, UPPER_ARM.from, UPPER_ARM.to) <= half || distanceToSegment(x, y, LOWER_ARM.from, LOWER_ARM.to) <= half;
}

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Whether a point of the unit square is inside the square with rounded corners. */
function insideRoundedSquare(x, y) {
  const r = CORNER_RADIUS;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An RGBA PNG of the icon; `rounded` makes the corners transparent, else the square is full bleed. */
function png(sizePx, { rounded }) {
  const rowBytes = 1 + sizePx * 4;
  const raw = Buffer.alloc(rowBytes * sizePx);
  const samples = SUPERSAMPLES_PER_AXIS * SUPERSAMPLES_PER_AXIS;
  for (let y = 0; y < sizePx; y++) {
    raw[y * rowBytes] = 0; // filter type: none
    for (let x = 0; x < sizePx; x++) {
      let covered = 0;
      let inside = 0;
      for (let sy = 0; sy < SUPERSAMPLES_PER_AXIS; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES_PER_AXIS; sx++) {
          const ux = (x + (sx + 0.5) / SUPERSAMPLES_PER_AXIS) / sizePx;
          const uy = (y + (sy + 0.5) / SUPERSAMPLES_PER_AXIS) / sizePx;
          if (!rounded || insideRoundedSquare(ux, uy)) inside++;
          if (insideK(ux, uy)) covered++;
        }
      }
      const alpha = covered / samples;
      const offset = y * rowBytes + 1 + x * 4;
      for (let c = 0; c < 3; c++) {
        raw[offset + c] = Math.round(BACKGROUND[c] * (1 - alpha) + FOREGROUND[c] * alpha);
      }
      raw[offset + 3] = Math.round((255 * inside) / samples);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(sizePx, 0);
  header.writeUInt32BE(sizePx, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function svg() {
  const s = (v) => Math.round(v * 512 * 10) / 10;
  const hex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const line = ({ from, to }) => `<line x1="${s(from[0])}" y1="${s(from[1])}" x2="${s(to[0])}" y2="${s(to[1])}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" aria-label="Kassa">
  <defs><clipPath id="k"><rect x="0" y="${s(TOP)}" width="512" height="${s(BOTTOM - TOP)}"/></clipPath></defs>
  <rect width="512" height="512" rx="96" fill="${hex(BACKGROUND)}"/>
  <g clip-path="url(#k)" fill="${hex(FOREGROUND)}" stroke="${hex(FOREGROUND)}" stroke-width="${s(STROKE)}" stroke-linecap="round">
    <rect x="${s(STEM.left)}" y="${s(TOP)}" width="${s(STROKE)}" height="${s(BOTTOM - TOP)}" stroke="none"/>
    ${line(UPPER_ARM)}
    ${line(LOWER_ARM)}
  </g>
</svg>
`;
}

const outDir = new URL('../public/icons/', import.meta.url);
for (const sizePx of [192, 512]) {
  writeFileSync(new URL(`icon-${sizePx}.png`, outDir), png(sizePx, { rounded: true }));
  writeFileSync(new URL(`icon-maskable-${sizePx}.png`, outDir), png(sizePx, { rounded: false }));
}
writeFileSync(new URL('apple-touch-icon.png', outDir), png(180, { rounded: false }));
writeFileSync(new URL('icon.svg', outDir), svg());
console.log('icons written to', outDir.pathname);
