/**
 * Demo images of the editorial plan, drawn as SVG and rendered with sharp when the demo is seeded
 * (no binary files in the repository), then imported through the same pipeline as an upload. Shapes
 * only: server fonts differ, so the pictures carry no text — their alt texts say what they show.
 */
import type { Tx } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { importImage } from './media.service.ts';
import type { MediaStore } from './media-store.ts';
import sharp from 'sharp';

const W = 1200;
const H = 675;
const svg = (body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`);

const people = Array.from({ length: 18 }, (_, i) => {
  const x = 120 + (i % 9) * 120 + (i > 8 ? 60 : 0);
  const y = i > 8 ? 600 : 540;
  const hue = ['#e8590c', '#1971c2', '#2f9e44', '#c2255c', '#6741d9', '#f08c00'][i % 6];
  return `<circle cx="${x}" cy="${y - 58}" r="22" fill="${hue}"/><rect x="${x - 26}" y="${y - 32}" width="52" height="70" rx="22" fill="${hue}"/>`;
}).join('');

export const DEMO_IMAGES = {
  infographic: {
    filename: 'infografik-digitale-antraege.png',
    altText: 'Balkendiagramm: 80 Prozent der Anträge werden digital gestellt, 20 Prozent auf Papier.',
    svg: svg(`<rect width="${W}" height="${H}" fill="#f1f3f5"/>
      <rect x="150" y="120" width="720" height="150" rx="12" fill="#364fc7"/><rect x="150" y="330" width="180" height="150" rx="12" fill="#868e96"/>
      <circle cx="1000" cy="300" r="120" fill="#dee2e6"/><path d="M1000 300 L1000 180 A120 120 0 1 1 885.9 262.9 Z" fill="#364fc7"/>
      <rect x="150" y="540" width="900" height="10" rx="5" fill="#adb5bd"/>`),
  },
  openDay: {
    filename: 'tag-der-offenen-tuer.png',
    altText: 'Illustration: Das Dienstgebäude mit geöffneter Tür, davor eine Menge bunt gekleideter Besucherinnen und Besucher.',
    svg: svg(`<rect width="${W}" height="${H}" fill="#d0ebff"/><rect x="250" y="90" width="700" height="380" fill="#f8f9fa" stroke="#495057" stroke-width="6"/>
      <polygon points="230,95 600,20 970,95" fill="#495057"/>${Array.from({ length: 10 }, (_, i) => `<rect x="${300 + (i % 5) * 125}" y="${140 + Math.floor(i / 5) * 110}" width="70" height="70" fill="#74c0fc"/>`).join('')}
      <rect x="540" y="360" width="120" height="110" fill="#fab005"/><rect x="0" y="470" width="${W}" height="205" fill="#b2f2bb"/>${people}`),
  },
  heat: {
    filename: 'hitzewarnung.png',
    altText: 'Illustration: Eine große Sonne über einem Thermometer, dessen rote Säule fast bis oben steht.',
    svg: svg(`<rect width="${W}" height="${H}" fill="#fff4e6"/><circle cx="380" cy="300" r="150" fill="#fcc419"/>
      ${Array.from({ length: 12 }, (_, i) => { const a = (i * Math.PI) / 6; return `<line x1="${380 + Math.cos(a) * 180}" y1="${300 + Math.sin(a) * 180}" x2="${380 + Math.cos(a) * 240}" y2="${300 + Math.sin(a) * 240}" stroke="#f59f00" stroke-width="18" stroke-linecap="round"/>`; }).join('')}
      <rect x="800" y="110" width="90" height="400" rx="45" fill="#f8f9fa" stroke="#495057" stroke-width="8"/><rect x="822" y="150" width="46" height="360" rx="23" fill="#e03131"/><circle cx="845" cy="540" r="70" fill="#e03131" stroke="#495057" stroke-width="8"/>`),
  },
  /** Deliberately without alt text: the draft that shows the accessibility gate. */
  trainees: {
    filename: 'azubi-speed-dating.jpg',
    altText: '',
    svg: svg(`<rect width="${W}" height="${H}" fill="#e6fcf5"/>${Array.from({ length: 4 }, (_, i) => `<rect x="${120 + i * 260}" y="300" width="200" height="26" fill="#8d6e63"/><circle cx="${170 + i * 260}" cy="240" r="34" fill="#1c7ed6"/><circle cx="${270 + i * 260}" cy="240" r="34" fill="#e64980"/>`).join('')}`),
  },
} as const;

export type DemoImageName = keyof typeof DEMO_IMAGES;

/** Imports the demo images into the workspace's library; returns their ids by name. */
export async function seedDemoImages(tx: Tx, store: MediaStore, workspaceId: string, now: Date): Promise<Record<DemoImageName, { id: string; mimeType: string; altText: string }>> {
  const out = {} as Record<DemoImageName, { id: string; mimeType: string; altText: string }>;
  for (const [name, img] of Object.entries(DEMO_IMAGES) as [DemoImageName, (typeof DEMO_IMAGES)[DemoImageName]][]) {
    const rendered = img.filename.endsWith('.jpg') ? await sharp(img.svg).jpeg({ quality: 85 }).toBuffer() : await sharp(img.svg).png().toBuffer();
    const { row } = await importImage(tx, store, SYSTEM_ACTOR, workspaceId, { data: rendered, filename: img.filename, altText: img.altText }, now);
    out[name] = { id: row.id, mimeType: row.mimeType, altText: img.altText };
  }
  return out;
}
