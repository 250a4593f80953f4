/**
 * Recorded notifications of a Mastodon 4.4 instance for the inbox (mentions, replies, DMs, quotes),
 * built on the status recording; every body is validated against the OpenAPI subset when registered.
 */
import { credentialAccount, INSTANCE, status } from './recordings.ts';

const { source: _s, role: _r, ...ourAccount } = credentialAccount;
export const OUR_ACCOUNT_ID = ourAccount.id;

/** A remote author (acct with domain), and a local one. */
export const anna = { ...ourAccount, id: '110000000000000001', username: 'anna', acct: 'anna@mastodon.example', display_name: 'Anna Beispiel', url: 'https://mastodon.example/@anna', uri: 'https://mastodon.example/users/anna', followers_count: 87 };
export const bernd = { ...ourAccount, id: '110000000000000002', username: 'bernd', acct: 'bernd', display_name: '', url: `${INSTANCE}/@bernd`, uri: `${INSTANCE}/users/bernd`, followers_count: 5 };

export function byAuthor(a: typeof anna, id: string, over: Record<string, unknown> = {}) {
  return status(id, { account: a, uri: `${a.uri}/statuses/${id}`, url: `${a.url}/${id}`, ...over });
}

export function notification(id: string, type: string, st: ReturnType<typeof status> | null, createdAt = '2025-05-05T09:00:00.000Z') {
  return { id, type, created_at: createdAt, group_key: `ungrouped-${id}`, account: (st?.account ?? anna) as typeof anna, ...(st ? { status: st } : {}) };
}

/** Our published status the replies answer. */
export const OUR_STATUS_ID = '114000000000000100';

export const comment = notification('501', 'mention', byAuthor(anna, '114000000000000201', {
  content: '<p><span class="h-card"><a href="https://social.example.de/@redaktion">@redaktion</a></span> Wann ist das Bürgeramt am Samstag geöffnet?</p>',
  in_reply_to_id: OUR_STATUS_ID, in_reply_to_account_id: OUR_ACCOUNT_ID, mentions: [],
}));
export const direct = notification('502', 'mention', byAuthor(bernd, '114000000000000202', {
  content: '<p>@redaktion Ich habe eine Frage zu meinem Antrag &amp; den Unterlagen.</p>', visibility: 'direct',
}));
export const mention = notification('503', 'mention', byAuthor(anna, '114000000000000203', { content: '<p>Danke an @redaktion für die schnelle Hilfe!</p>' }));
export const threadReply = notification('504', 'mention', byAuthor(bernd, '114000000000000204', {
  content: '<p>@anna @redaktion Das würde mich auch interessieren.</p>', in_reply_to_id: '114000000000000201', in_reply_to_account_id: anna.id,
}));
export const quote = notification('505', 'quote', byAuthor(anna, '114000000000000205', {
  content: '<p>Wichtiger Hinweis der Stadtwerke:</p>',
  quote: { state: 'accepted', quoted_status: status(OUR_STATUS_ID) },
}));
