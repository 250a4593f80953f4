import { describe, expect, it } from 'vitest';
import { addressOfTone, renderTemplate, unknownVariables } from './saved-reply-template.ts';

const vars = { author: '@anna.bsky.social', author_name: 'Anna Beispiel', channel: 'Bürgeramt Bluesky', agent: 'Jonas', workspace: 'Stadt', date: '2.3.2026' };

describe('saved reply templates', () => {
  it('fills the variables, with or without spaces, and leaves other braces alone', () => {
    expect(renderTemplate('Hallo {{author_name}}, danke für Ihre Nachricht an {{ channel }}. Ihr {{agent}} {x}', vars))
      .toBe('Hallo Anna Beispiel, danke für Ihre Nachricht an Bürgeramt Bluesky. Ihr Jonas {x}');
  });
  it('names unknown variables once', () => {
    expect(unknownVariables('Hallo {{autor}} und {{ autor }} von {{channel}} {{Nope}}')).toEqual(['autor', 'Nope']);
    expect(unknownVariables('{{author}} {{date}}')).toEqual([]);
  });
  it('reads the address form from a free-text tone', () => {
    expect(addressOfTone('Sie, sachlich und freundlich')).toBe('sie');
    expect(addressOfTone('du, locker')).toBe('du');
    expect(addressOfTone('Wir duzen unsere Community')).toBe('du');
    expect(addressOfTone('freundlich')).toBeNull();
    expect(addressOfTone('')).toBeNull();
  });
});
