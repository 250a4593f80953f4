/**
 * Recorded Mastodon responses (shaped after a Mastodon 4.x instance, trimmed to required fields plus
 * the ones the provider reads). Every body is validated against the OpenAPI subset before use.
 */
export const INSTANCE = 'https://social.example.de';

const account = {
  id: '109348227474581937',
  username: 'redaktion',
  acct: 'redaktion',
  display_name: 'Redaktion Stadtwerke',
  locked: false,
  bot: false,
  group: false,
  indexable: true,
  created_at: '2023-03-01T00:00:00.000Z',
  note: '<p>Offizieller Kanal</p>',
  url: `${INSTANCE}/@redaktion`,
  uri: `${INSTANCE}/users/redaktion`,
  avatar: `${INSTANCE}/avatars/original/missing.png`,
  avatar_static: `${INSTANCE}/avatars/original/missing.png`,
  header: `${INSTANCE}/headers/original/missing.png`,
  header_static: `${INSTANCE}/headers/original/missing.png`,
  followers_count: 1200,
  following_count: 12,
  statuses_count: 345,
  emojis: [],
  fields: [],
};

export const credentialApplication = {
  id: '1234',
  name: 'Resonanz',
  client_id: 'cl1ent-1d',
  client_secret: 's3cr3t',
  redirect_uri: 'https://resonanz.example.org/oauth/mastodon/callback',
  redirect_uris: ['https://resonanz.example.org/oauth/mastodon/callback'],
  scopes: ['read', 'write:statuses', 'write:media'],
  vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
};

export const token = {
  access_token: 'ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0',
  token_type: 'Bearer',
  scope: 'read write:statuses write:media',
  created_at: 1573979017,
};

export const credentialAccount = {
  ...account,
  source: { privacy: 'public', sensitive: false, note: 'Offizieller Kanal', fields: [], follow_requests_count: 0, indexable: true },
  role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
};

export const instanceV2 = {
  domain: 'social.example.de',
  title: 'Social Example',
  version: '4.4.3',
  source_url: 'https://github.com/mastodon/mastodon',
  description: 'Mastodon-Instanz für Behörden',
  usage: { users: { active_month: 4200 } },
  thumbnail: { url: `${INSTANCE}/packs/media/images/preview.png` },
  icon: [{ src: `${INSTANCE}/packs/icon-48.png`, size: '48x48' }],
  languages: ['de'],
  api_versions: { mastodon: 6 },
  configuration: {
    urls: { streaming: 'wss://social.example.de' },
    accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
    statuses: { max_characters: 1000, max_media_attachments: 4, characters_reserved_per_url: 23 },
    media_attachments: {
      supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'audio/mpeg'],
      image_size_limit: 10485760,
      image_matrix_limit: 16777216,
      video_size_limit: 41943040,
      video_frame_rate_limit: 60,
      video_matrix_limit: 2304000,
      description_limit: 1500,
    },
    polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
    translation: { enabled: false },
  },
  registrations: { enabled: false, approval_required: true, message: null },
  contact: { email: 'admin@social.example.de' },
  rules: [{ id: '1', text: 'Keine Werbung', hint: '' }],
};

export function mediaAttachment(id: string, description: string, processed = true) {
  return {
    id,
    type: 'image',
    url: processed ? `${INSTANCE}/system/media_attachments/files/${id}/original/image.png` : null,
    preview_url: `${INSTANCE}/system/media_attachments/files/${id}/small/image.png`,
    remote_url: null,
    description,
    blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
  };
}

export function status(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    uri: `${INSTANCE}/users/redaktion/statuses/${id}`,
    url: `${INSTANCE}/@redaktion/${id}`,
    created_at: '2025-05-05T08:00:00.000Z',
    account,
    content: '<p>Hallo</p>',
    visibility: 'public',
    sensitive: false,
    spoiler_text: '',
    media_attachments: [],
    mentions: [],
    tags: [],
    emojis: [],
    reblogs_count: 3,
    favourites_count: 7,
    replies_count: 2,
    in_reply_to_id: null,
    language: 'de',
    ...overrides,
  };
}

export const errors = {
  unauthorized: { error: 'The access token was revoked' },
  validation: { error: 'Validation failed: Text character limit of 1000 exceeded' },
  rateLimited: { error: 'Too many requests' },
  unavailable: { error: 'Service Unavailable' },
};
