/**
 * Which provider implementation serves a network. Injected per application context so tests and the
 * benchmark can use an in-memory fake or a local HTTP server. The default is the registry of
 * `providers/` (Bluesky, Mastodon), one instance per process: the Bluesky provider keeps its
 * per-account sessions (single-flight refresh) in memory.
 */
import type { Provider, ProviderDeps } from '../../../providers/contract.ts';
import { providerFactories } from '../../../providers/registry.ts';
import type { AppContext } from '../../http/context.ts';

export type ProviderResolver = (network: string) => Provider | undefined;

export interface PublishingDeps {
  providers: ProviderResolver;
  /** Instance/PDS URLs on loopback/private networks (tests, on-prem). */
  allowPrivateNetwork: boolean;
}

const overrides = new WeakMap<AppContext, Partial<PublishingDeps>>();

/** Replaces providers (tests, bench). */
export function setPublishingDeps(ctx: AppContext, deps: Partial<PublishingDeps>): void {
  overrides.set(ctx, { ...overrides.get(ctx), ...deps });
}

export function defaultProviderResolver(deps: ProviderDeps): ProviderResolver {
  const cache = new Map<string, Provider>();
  const factories = providerFactories as unknown as Record<string, (d: ProviderDeps) => Provider>;
  return (network) => {
    let p = cache.get(network);
    if (!p && Object.hasOwn(factories, network)) cache.set(network, (p = factories[network]!(deps)));
    return p;
  };
}

const defaults = new Map<boolean, ProviderResolver>();

export function publishingDeps(ctx: AppContext): PublishingDeps {
  const o = overrides.get(ctx) ?? {};
  const allowPrivateNetwork = o.allowPrivateNetwork ?? (ctx.config.NODE_ENV === 'test' || process.env.RESONANZ_ALLOW_PRIVATE_NETWORK === 'true');
  let resolver = defaults.get(allowPrivateNetwork);
  if (!resolver) defaults.set(allowPrivateNetwork, (resolver = defaultProviderResolver({ allowPrivateNetwork })));
  return { allowPrivateNetwork, providers: o.providers ?? resolver };
}
