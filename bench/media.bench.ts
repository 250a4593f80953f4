/**
 * Upload processing of the media library: decode, check, re-encode (EXIF removed), compact copy
 * for Bluesky's 1 MB limit and thumbnail, then the atomic file writes — per image kind, on this
 * machine's cores (sharp uses a thread pool). The database insert (one row + audit) is not included.
 *
 *   npm run bench:media
 *
 * Prints a table and one `BENCH media.upload {...}` line per image kind.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { EXTENSION, processImage } from '../server/modules/media/media-image.ts';
import { fileMediaStore } from '../server/modules/media/media-store.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A photo-like 12 MP JPEG: smooth gradient plus sensor-like noise (compresses like a real photo). */
async function photo(): Promise<Buffer> {
  const w = 4000;
  const h = 3000;
  const noise = await sharp(randomBytes((w / 4) * (h / 4) * 3), { raw: { width: w / 4, height: h / 4, channels: 3 } }).resize(w, h).blur(1.2).png().toBuffer();
  return sharp({ create: { width: w, height: h, channels: 3, background: '#6a8caf' } })
    .composite([{ input: noise, blend: 'overlay' }])
    .jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
}
const screenshotPng = () => sharp({ create: { width: 1920, height: 1080, channels: 4, background: '#f8f9fa' } })
  .composite(Array.from({ length: 40 }, (_, i) => ({ input: { create: { width: 400, height: 18, channels: 4 as const, background: i % 3 ? '#343a40' : '#364fc7' } }, left: 80 + (i % 3) * 560, top: 60 + Math.floor(i / 3) * 70 })))
  .png().toBuffer();
async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(Array.from({ length: 12 }, (_, i) => sharp({ create: { width: 480, height: 270, channels: 3, background: { r: 20 * i, g: 120, b: 200 - 10 * i } } }).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif({ loop: 0 }).toBuffer();
}

const root = mkdtempSync(join(tmpdir(), 'resonanz-media-bench-'));
const store = fileMediaStore(root);
const ws = '00000000-0000-4000-8000-000000000000';
const rows: { kind: string; inBytes: number; outBytes: number; compactBytes: number | null; p50: number; max: number }[] = [];
try {
  for (const [kind, make] of [['photo_12mp_jpeg', photo], ['screenshot_png', screenshotPng], ['animated_gif', animatedGif]] as const) {
    const input = await make();
    const ms: number[] = [];
    let out = { outBytes: 0, compactBytes: null as number | null };
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const img = await processImage(input);
      const id = crypto.randomUUID();
      await store.put(`${ws}/${id}.${EXTENSION[img.master.mimeType]}`, img.master.data);
      await store.put(`${ws}/${id}.thumb.webp`, img.thumb.data);
      if (img.compact) await store.put(`${ws}/${id}.compact.${EXTENSION[img.compact.mimeType]}`, img.compact.data);
      ms.push(performance.now() - t0);
      out = { outBytes: img.master.data.length, compactBytes: img.compact?.data.length ?? null };
    }
    ms.sort((a, b) => a - b);
    rows.push({ kind, inBytes: input.length, ...out, p50: ms[Math.floor(ms.length / 2)]!, max: ms.at(-1)! });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const kb = (n: number | null) => (n === null ? '–' : `${(n / 1024).toFixed(0)} KB`);
console.log(`media upload processing (${RUNS} runs each)`);
console.log('kind               input      master     compact    p50 ms   max ms');
for (const r of rows) console.log(`${r.kind.padEnd(18)} ${kb(r.inBytes).padStart(9)}  ${kb(r.outBytes).padStart(9)}  ${kb(r.compactBytes).padStart(9)}  ${r.p50.toFixed(0).padStart(7)}  ${r.max.toFixed(0).padStart(7)}`);
for (const r of rows) {
  console.log(`BENCH media.upload ${JSON.stringify({ kind: r.kind, runs: RUNS, input_kb: Math.round(r.inBytes / 1024), master_kb: Math.round(r.outBytes / 1024), compact_kb: r.compactBytes === null ? null : Math.round(r.compactBytes / 1024), p50_ms: Math.round(r.p50), max_ms: Math.round(r.max) })}`);
}
