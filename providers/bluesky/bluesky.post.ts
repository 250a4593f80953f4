/**
 * Builds an `app.bsky.feed.post` record from a publish request: rich-text facets (UTF-8 byte offsets,
 * mentions resolved to DIDs), image or link-card embed, reply references and language tags.
 */
import { AtUri, RichText, type AtpAgent } from '@atproto/api';
import type { MediaItem, PostRef, PublishRequest } from '../contract.ts';
import { NETWORK } from './bluesky.errors.ts';
import { ProviderError } from '../errors.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';

interface StrongRef { uri: string; cid: string }

async function uploadBlob(agent: AtpAgent, data: Uint8Array, mimeType: string) {
  const res = await agent.uploadBlob(data, { encoding: mimeType });
  return res.data.blob;
}

async function imagesEmbed(agent: AtpAgent, media: MediaItem[]) {
  const images = [];
  for (const item of media) {
    images.push({ image: await uploadBlob(agent, item.data, item.mimeType), alt: item.altText });
  }
  return { $type: 'app.bsky.embed.images', images };
}

async function externalEmbed(agent: AtpAgent, card: NonNullable<PublishRequest['linkCard']>) {
  const external: Record<string, unknown> = { uri: card.url, title: card.title, description: card.description };
  if (card.thumbnail) external.thumb = await uploadBlob(agent, card.thumbnail.data, card.thumbnail.mimeType);
  return { $type: 'app.bsky.embed.external', external };
}

/**
 * Strong references for a reply. Parent and root need CIDs; when the caller only has URIs (e.g. a
 * post published by another tool) they are read from the repository.
 */
async function replyRefs(agent: AtpAgent, parent: PostRef): Promise<{ root: StrongRef; parent: StrongRef }> {
  let parentRef: StrongRef;
  let rootRef: StrongRef | undefined = parent.root?.cid ? { uri: parent.root.id, cid: parent.root.cid } : undefined;
  if (parent.cid && (rootRef || !parent.root)) {
    parentRef = { uri: parent.id, cid: parent.cid };
  } else {
    const uri = new AtUri(parent.id);
    const res = await agent.com.atproto.repo.getRecord({ repo: uri.host, collection: uri.collection, rkey: uri.rkey });
    if (!res.data.cid) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: `Reply parent ${parent.id} has no CID` });
    parentRef = { uri: res.data.uri, cid: res.data.cid };
    const stored = (res.data.value as { reply?: { root?: StrongRef } }).reply?.root;
    rootRef ??= stored;
  }
  // A reply to a top-level post: the parent is also the root.
  return { root: rootRef ?? parentRef, parent: parentRef };
}

/** The record to write; blobs are uploaded as a side effect. */
export async function buildPostRecord(agent: AtpAgent, req: PublishRequest, createdAt: Date): Promise<Record<string, unknown>> {
  const rt = new RichText({ text: req.text });
  // Resolves @handles to DIDs via the PDS; mentions that do not resolve stay plain text.
  await rt.detectFacets(agent);
  const record: Record<string, unknown> = {
    $type: POST_COLLECTION,
    text: rt.text,
    createdAt: createdAt.toISOString(),
  };
  if (rt.facets?.length) record.facets = rt.facets;
  if (req.languages?.length) record.langs = req.languages;
  if (req.media?.length) record.embed = await imagesEmbed(agent, req.media);
  else if (req.linkCard) record.embed = await externalEmbed(agent, req.linkCard);
  if (req.replyTo) record.reply = await replyRefs(agent, req.replyTo);
  return record;
}
