/**
 * Image processing with sharp (libvips, prebuilt binaries). Every upload is decoded and re-encoded:
 * that checks it really is an image of an accepted type (by content, not by the name or the
 * browser's claim), applies the EXIF orientation and drops all metadata (camera, GPS position).
 * Renditions: the master (long edge ≤ 4096 px, same format), a compact copy under 1 MB when the
 * master is larger (Bluesky's blob limit), and a small WebP thumbnail for the library.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';

// Image decoding is CPU-bound; sharp's own cache only helps repeated operations on one file.
sharp.cache(false);

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];
const BY_FORMAT: Record<string, ImageType> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };
export const EXTENSION: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

export const MASTER_MAX_EDGE = 4096;
/** Bluesky accepts blobs up to 1,000,000 bytes; the compact rendition stays below. */
export const COMPACT_MAX_BYTES = 976_000;
const COMPACT_EDGE = 2048;
const COMPACT_STEPS: { edge: number; quality: number }[] = [
  { edge: 2048, quality: 80 }, { edge: 2048, quality: 68 }, { edge: 1600, quality: 68 }, { edge: 1280, quality: 62 },
  { edge: 1024, quality: 58 }, { edge: 800, quality: 52 },
];
/** Decompression bombs: a 30,000 × 30,000 PNG is a few kilobytes and gigabytes when decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface Rendition {
  data: Buffer;
  mimeType: ImageType;
  width: number;
  height: number;
}

export interface ProcessedImage {
  master: Rendition;
  compact: Rendition | null;
  thumb: Rendition;
  /** What the upload was. */
  source: { mimeType: ImageType; width: number; height: number; animated: boolean };
}

export type ImageRejection = 'unsupported_type' | 'not_an_image' | 'too_many_pixels';

export class ImageRejectedError extends Error {
  readonly reason: ImageRejection;
  readonly detectedType: string | null;
  constructor(reason: ImageRejection, message: string, detectedType: string | null = null) {
    super(message);
    this.reason = reason;
    this.detectedType = detectedType;
  }
}

const toRendition = async (img: Sharp, mimeType: ImageType): Promise<Rendition> => {
  const { data, info } = await img.toBuffer({ resolveWithObject: true });
  // For animated images sharp reports the height of all frames stacked; pageHeight is one frame.
  return { data, mimeType, width: info.width, height: info.pageHeight ?? info.height };
};

function encode(img: Sharp, type: ImageType, quality: number): Sharp {
  switch (type) {
    // libjpeg-turbo, not mozjpeg: mozjpeg is ~3× slower on a 12 MP photo for a few per cent of size.
    case 'image/jpeg': return img.jpeg({ quality, progressive: true });
    case 'image/png': return img.png({ compressionLevel: 9, adaptiveFiltering: true });
    case 'image/webp': return img.webp({ quality });
    case 'image/gif': return img.gif();
  }
}

/** Decodes, checks and re-encodes an upload. Throws `ImageRejectedError` for anything we do not take. */
export async function processImage(input: Uint8Array): Promise<ProcessedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('not_an_image', 'The file is not an image we can read.');
  }
  const type = meta.format ? BY_FORMAT[meta.format] : undefined;
  if (!type) {
    const detected = meta.format === 'heif' ? 'image/heic' : meta.format ? `image/${meta.format}` : null;
    throw new ImageRejectedError('unsupported_type', `${detected ?? 'This format'} is not supported; upload JPEG, PNG, WebP or GIF.`, detected);
  }
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const animated = type === 'image/gif' && (meta.pages ?? 1) > 1;
  // All frames of an animation are decoded at once, so they count together.
  if ((meta.width ?? 0) * frameHeight * (animated ? meta.pages ?? 1 : 1) > MAX_INPUT_PIXELS) {
    throw new ImageRejectedError('too_many_pixels', `The image has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels (all frames together).`, type);
  }
  const open = (anim: boolean) => sharp(input, { animated: anim, limitInputPixels: MAX_INPUT_PIXELS }).rotate();
  const fit = { fit: 'inside' as const, withoutEnlargement: true };
  let master: Rendition;
  try {
    master = await toRendition(encode(open(animated).resize(MASTER_MAX_EDGE, MASTER_MAX_EDGE, fit), type, 85), type);
  } catch {
    throw new ImageRejectedError('not_an_image', 'The image is damaged and cannot be decoded.', type);
  }
  // One more decode, straight to at most 2048 px (JPEG shrink-on-load makes it cheap); the compact
  // copy and the thumbnail are encoded from these pixels instead of decoding the upload again.
  const { data: pixels, info } = await open(false).resize(COMPACT_EDGE, COMPACT_EDGE, fit).raw().toBuffer({ resolveWithObject: true });
  const fromPixels = () => sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } });
  let compact: Rendition | null = null;
  if (master.data.length > COMPACT_MAX_BYTES) {
    // Photos become JPEG; images with transparency WebP (JPEG has no alpha channel).
    const compactType: ImageType = meta.hasAlpha ? 'image/webp' : 'image/jpeg';
    for (const step of COMPACT_STEPS) {
      compact = await toRendition(encode(fromPixels().resize(step.edge, step.edge, fit), compactType, step.quality), compactType);
      if (compact.data.length <= COMPACT_MAX_BYTES) break;
    }
    if (compact && compact.data.length > COMPACT_MAX_BYTES) compact = null;
  }
  const thumb = await toRendition(fromPixels().resize(480, 480, fit).webp({ quality: 70 }), 'image/webp');
  return { master, compact, thumb, source: { mimeType: type, width: meta.width ?? 0, height: frameHeight, animated } };
}
