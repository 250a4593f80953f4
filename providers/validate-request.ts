/**
 * Pre-flight validation of a publish request against a network's limits, so content the network would
 * reject fails as `invalid` before any media is uploaded. Alt-text *policy* (required or not) belongs to
 * the workspace and is enforced by the server; here only the network's hard limits apply.
 */
import type { ProviderLimits, PublishRequest } from './contract.ts';
import { ProviderError } from './errors.ts';
import { checkText, countGraphemes } from './text-count.ts';

/** Throws `ProviderError{kind:'invalid'}` describing the first violated limit. */
export function validatePublishRequest(network: string, limits: ProviderLimits, req: PublishRequest): void {
  const fail = (message: string): never => {
    throw new ProviderError({ kind: 'invalid', network, message, networkMessage: message });
  };
  if (!req.targetId) fail('targetId is required');
  const media = req.media ?? [];
  if (!req.text.trim() && media.length === 0) fail('Post is empty');
  const text = checkText(req.text, limits.text, limits.contentWarnings ? (req.contentWarning ?? '') : '');
  if (!text.ok) fail(`Text is too long: ${text.count} of ${text.max} characters`);
  if (req.contentWarning && !limits.contentWarnings) fail('This network does not support content warnings');
  if (media.length > limits.media.maxCount) fail(`Too many media: ${media.length}, at most ${limits.media.maxCount}`);
  for (const [i, m] of media.entries()) {
    const n = i + 1;
    if (!limits.media.mimeTypes.includes(m.mimeType)) fail(`Media ${n}: type ${m.mimeType} is not supported`);
    const max = m.mimeType.startsWith('video/') ? limits.media.maxVideoBytes : limits.media.maxImageBytes;
    if (m.data.byteLength > max) fail(`Media ${n}: ${m.data.byteLength} bytes exceeds the limit of ${max} bytes`);
    if (countGraphemes(m.altText) > limits.media.altTextMaxLength) {
      fail(`Media ${n}: alt text longer than ${limits.media.altTextMaxLength} characters`);
    }
  }
  if ((req.languages?.length ?? 0) > limits.maxLanguages) fail(`At most ${limits.maxLanguages} language tag(s) allowed`);
  if (req.replyTo && !limits.threads) fail('This network does not support threads');
  if (req.visibility && !limits.visibilities.includes(req.visibility)) fail(`Visibility "${req.visibility}" is not supported`);
  if (req.poll) {
    const p = limits.polls;
    if (!p) return fail('This network does not support polls');
    if (media.length > 0) fail('A post cannot have both a poll and media');
    if (req.poll.options.length < 2 || req.poll.options.length > p.maxOptions) fail(`A poll needs 2 to ${p.maxOptions} options`);
    if (req.poll.options.some((o) => countGraphemes(o) > p.maxOptionLength)) fail(`Poll options are limited to ${p.maxOptionLength} characters`);
    if (req.poll.expiresInS < p.minExpirationS || req.poll.expiresInS > p.maxExpirationS) fail('Poll duration out of range');
  }
}
