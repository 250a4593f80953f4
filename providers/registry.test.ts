import { describe, expect, it } from 'vitest';
import type { Capability } from './contract.ts';
import { createProviderRegistry, getProvider } from './registry.ts';

const ALL: Capability[] = ['connect', 'publish', 'delete', 'metrics', 'inbound', 'reply', 'moderate'];

describe('provider registry', () => {
  const registry = createProviderRegistry({ allowPrivateNetwork: true });

  it('registers each network under its descriptor id', () => {
    expect([...registry.keys()].sort()).toEqual(['bluesky', 'mastodon']);
    for (const [id, p] of registry) expect(p.descriptor.id).toBe(id);
    expect(() => getProvider(registry, 'myspace')).toThrow(/Unknown network/);
  });

  it('declares exactly the capabilities each provider implements', () => {
    for (const p of registry.values()) {
      for (const cap of ALL) {
        const implemented = (p as unknown as Record<string, unknown>)[cap] !== undefined;
        expect(p.descriptor.capabilities.includes(cap), `${p.descriptor.id}.${cap}`).toBe(implemented);
      }
      expect(p.connect.flow).toBe(p.descriptor.connectFlow);
    }
  });
});
