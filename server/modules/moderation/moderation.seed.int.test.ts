/** The demo workspace: a two-week roster with a substitute, a published netiquette (de/en), documented moderation actions with evidence. */
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { createTestApp } from '../../test/harness.ts';
import { seedDemo } from '../../seed/demo.seed.ts';

const t = await createTestApp({ DEMO_PASSWORD: 'demo-password-123' });
afterAll(async () => t.close());

describe('demo community data', () => {
  it('seeds roster, netiquette and moderation record', async () => {
    await seedDemo(t.ctx);
    const c = new TestClient(t.app);
    await c.login('cvd@resonanz.local', 'demo-password-123');
    const me = (await c.get('/api/v1/auth/me')).body;
    const w = me.workspaces.find((x: { name: string }) => x.name === 'Bundesamt für Beispielwesen');
    const ws = `/api/v1/workspaces/${w.id}`;
    const now = new Date();
    const cal = (await c.get(`${ws}/roster/calendar?from=${new Date(now.getTime() - 7 * 86_400_000).toISOString()}&to=${new Date(now.getTime() + 14 * 86_400_000).toISOString()}`)).body;
    expect(cal.events.length).toBeGreaterThan(20);
    expect(cal.events.some((e: { duty: string }) => e.duty === 'duty_editor')).toBe(true);
    expect(cal.events.some((e: { userId: string; coveredBy: string }) => e.coveredBy !== e.userId)).toBe(true); // the substitute
    const pub = (await new TestClient(t.app).get(`/api/v1/public/netiquette/${w.slug}?lang=en`)).body;
    expect(pub.clauses.map((x: { code: string }) => x.code)).toEqual(['beleidigung', 'hass', 'werbung', 'daten', 'thema', 'wiederholung']);
    expect(pub.clauses[0].title).toBe('Insults and disparagement');
    const record = (await c.get(`${ws}/moderation/actions`)).body.items;
    expect(record.map((a: { action: string }) => a.action).sort()).toEqual(['block', 'delete', 'hide', 'warn']);
    expect(record.every((a: { evidence: { text: string } }) => a.evidence.text.length > 10)).toBe(true);
    expect(record.find((a: { action: string }) => a.action === 'block').status).toBe('awaiting_confirmation');
    expect((await c.get(`${ws}/moderation/appeals?state=open`)).body.items).toHaveLength(1);
    expect((await c.get(`${ws}/sla/settings`)).body.federalState).toBe('BE');
  });
});
