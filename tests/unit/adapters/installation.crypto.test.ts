import { describe, expect, it } from 'vitest';
import { open, seal } from '../../../src/adapters/slack/installation.crypto.js';

const key = Buffer.alloc(32, 3);
const token = 'xoxb-9999-zzzz-a-token-to-seal';

describe('installation encryption (AES-256-GCM)', () => {
  it('round-trips, never shows the plaintext, and differs every time (random IV)', () => {
    const a = seal(key, 'T:T1', JSON.stringify({ bot: { token } }));
    const b = seal(key, 'T:T1', JSON.stringify({ bot: { token } }));
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(a).not.toContain(Buffer.from(token).toString('base64').slice(0, 16));
    expect(JSON.parse(open(key, 'T:T1', a))).toEqual({ bot: { token } });
  });

  it('refuses another key, another row, or an altered record', () => {
    const sealed = seal(key, 'T:T1', 'secret');
    expect(() => open(Buffer.alloc(32, 4), 'T:T1', sealed)).toThrow();
    expect(() => open(key, 'T:T2', sealed)).toThrow();
    const [v, iv, tag, body = ''] = sealed.split('.');
    const flipped = `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => open(key, 'T:T1', [v, iv, tag, flipped].join('.'))).toThrow();
    expect(() => open(key, 'T:T1', 'not sealed')).toThrow('not a sealed installation');
  });
});
