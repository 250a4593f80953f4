/**
 * All networks Resonanz can publish to. Adding a network = one folder under providers/ exporting a
 * factory, plus one line here.
 */
import type { Provider, ProviderDeps, ProviderFactory } from './contract.ts';
import { createBlueskyProvider } from './bluesky/bluesky.provider.ts';
import { createMastodonProvider } from './mastodon/mastodon.provider.ts';

export const providerFactories = {
  bluesky: createBlueskyProvider,
  mastodon: createMastodonProvider,
} as const satisfies Record<string, ProviderFactory>;

export type NetworkId = keyof typeof providerFactories;

export function isNetworkId(id: string): id is NetworkId {
  return Object.hasOwn(providerFactories, id);
}

/**
 * Instantiates every provider once with shared dependencies (create one registry per process: the
 * Bluesky provider keeps per-account sessions in memory).
 */
export function createProviderRegistry(deps: ProviderDeps = {}): Map<NetworkId, Provider> {
  const map = new Map<NetworkId, Provider>();
  for (const [id, factory] of Object.entries(providerFactories) as [NetworkId, ProviderFactory][]) map.set(id, factory(deps));
  return map;
}

/** The provider for `id`; throws for unknown networks (e.g. a channel row from a removed plugin). */
export function getProvider(registry: Map<NetworkId, Provider>, id: string): Provider {
  const p = isNetworkId(id) ? registry.get(id) : undefined;
  if (!p) throw new Error(`Unknown network "${id}"`);
  return p;
}
