/**
 * Mastodon limits: defaults of a stock instance, and parsing of an instance's `/api/v2/instance`.
 */
import type { ProviderLimits } from '../contract.ts';

export const MASTODON_DEFAULT_LIMITS: ProviderLimits = {
  text: { maxLength: 500, counting: { kind: 'mastodon', charactersReservedPerUrl: 23 } },
  media: {
    maxCount: 4,
    maxImageBytes: 16 * 1024 * 1024,
    maxVideoBytes: 99 * 1024 * 1024,
    mimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/webm'],
    altTextField: 'description',
    altTextMaxLength: 1500,
  },
  threads: true,
  contentWarnings: true,
  maxLanguages: 1,
  visibilities: ['public', 'unlisted', 'private', 'direct'],
  linkCards: false,
  polls: { maxOptions: 4, maxOptionLength: 50, minExpirationS: 300, maxExpirationS: 2_629_746 },
};

/** The subset of the v2 Instance entity we read; every field optional because forks omit some. */
export interface MastodonInstanceV2 {
  domain?: string;
  version?: string;
  configuration?: {
    statuses?: { max_characters?: number; max_media_attachments?: number; characters_reserved_per_url?: number };
    media_attachments?: {
      supported_mime_types?: string[];
      image_size_limit?: number;
      video_size_limit?: number;
      description_limit?: number;
    };
    polls?: { max_options?: number; max_characters_per_option?: number; min_expiration?: number; max_expiration?: number };
  };
}

const positive = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

/** Instance limits, falling back to stock defaults field by field (forks such as glitch-soc raise some). */
export function limitsFromInstance(instance: MastodonInstanceV2): ProviderLimits {
  const d = MASTODON_DEFAULT_LIMITS;
  const s = instance.configuration?.statuses ?? {};
  const m = instance.configuration?.media_attachments ?? {};
  const p = instance.configuration?.polls;
  const mimeTypes = Array.isArray(m.supported_mime_types) && m.supported_mime_types.length > 0 ? m.supported_mime_types : d.media.mimeTypes;
  return {
    ...d,
    text: {
      maxLength: positive(s.max_characters, d.text.maxLength),
      counting: { kind: 'mastodon', charactersReservedPerUrl: positive(s.characters_reserved_per_url, 23) },
    },
    media: {
      ...d.media,
      maxCount: positive(s.max_media_attachments, d.media.maxCount),
      maxImageBytes: positive(m.image_size_limit, d.media.maxImageBytes),
      maxVideoBytes: positive(m.video_size_limit, d.media.maxVideoBytes),
      // Only images and videos: the composer has no audio support.
      mimeTypes: mimeTypes.filter((t) => t.startsWith('image/') || t.startsWith('video/')),
      altTextMaxLength: positive(m.description_limit, d.media.altTextMaxLength),
    },
    polls: p
      ? {
          maxOptions: positive(p.max_options, 4),
          maxOptionLength: positive(p.max_characters_per_option, 50),
          minExpirationS: positive(p.min_expiration, 300),
          maxExpirationS: positive(p.max_expiration, 2_629_746),
        }
      : d.polls,
  };
}
