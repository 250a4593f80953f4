import { describe, expect, it } from 'vitest';
import { crisisWebhookBody, type CrisisMessage } from './crisis-webhooks.ts';

const m: CrisisMessage = {
  event: 'crisis.activated', crisisId: 'c1', workspaceId: 'w1', title: 'Falschmeldung <Test>', text: 'Stufe 2 ausgerufen', drill: false,
  link: 'https://resonanz.example/crisis/c1', facts: [['Stufe', '2']],
};

describe('crisis webhook formats', () => {
  it('Slack: header, facts and a link button to the crisis room', () => {
    const b = crisisWebhookBody('slack', m) as any;
    expect(b.text).toContain('Falschmeldung');
    expect(b.blocks[0]).toMatchObject({ type: 'header' });
    expect(b.blocks[1].fields[0].text).toBe('*Stufe*\n2');
    expect(b.blocks[2].elements[0]).toMatchObject({ type: 'button', url: m.link });
  });

  it('Teams: an Adaptive Card with a fact set and an OpenUrl action', () => {
    const card = (crisisWebhookBody('teams', m) as any).attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body[2]).toEqual({ type: 'FactSet', facts: [{ title: 'Stufe', value: '2' }] });
    expect(card.content.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: m.link });
  });

  it('Matrix: m.text with escaped HTML; drills are marked in every format', () => {
    const b = crisisWebhookBody('matrix', { ...m, drill: true }) as any;
    expect(b.msgtype).toBe('m.text');
    expect(b.formatted_body).toContain('Falschmeldung &#60;Test&#62;');
    expect(b.body.startsWith('[ÜBUNG / DRILL]')).toBe(true);
    expect((crisisWebhookBody('slack', { ...m, drill: true }) as any).text).toContain('ÜBUNG');
    expect(crisisWebhookBody('json', { ...m, drill: true })).toMatchObject({ type: 'crisis.activated', drill: true, facts: { Stufe: '2' } });
  });
});
