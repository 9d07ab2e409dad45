import { describe, expect, it } from 'vitest';
import { escapeSlack, renderReply, unescapeSlack } from '../../../src/adapters/slack/slack.render.js';
import type { Reply } from '../../../src/core/replies.js';
import { blockText, buttonsOf } from '../../support/slack-harness.js';

const hostile = '<!here> <@U1> <#C1|general> <https://evil.example|login> & <mailto:x@y.z>';

/** Every string value anywhere in a rendered message. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

describe('Slack rendering', () => {
  it('escapes &, < and > in every piece of text: title, lines, fields, buttons, footer and fallback', () => {
    const reply: Reply = {
      kind: 'leaderboard',
      visibility: 'only-user',
      title: hostile,
      lines: [`1. ${hostile}: 10 pts`],
      fields: [
        { label: hostile, value: hostile, short: true },
        { label: 'Long', value: hostile },
      ],
      buttons: [{ actionId: 'explain:scp', label: hostile }],
      footer: hostile,
    };
    const message = renderReply(reply);
    const all = strings(message).join('\n');
    expect(all).not.toMatch(/<[!@#h]/);
    expect(all).not.toContain('<');
    expect(all).not.toContain('>');
    expect(message.text).toContain('&lt;!here&gt; &lt;@U1&gt;');
    expect(blockText(message.blocks)).toContain('&amp; &lt;mailto:x@y.z&gt;');
    expect(escapeSlack('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(unescapeSlack('a &amp; b &lt; c &gt; d &amp;lt;')).toBe('a & b < c > d &lt;');
    expect(unescapeSlack(escapeSlack(hostile))).toBe(hostile);
  });

  it('puts every text in plain_text objects, so mrkdwn in a name or a term shows as typed (issue 12)', () => {
    const name = '*Boss* _it_ ~strike~ `code` ```fence``` > quote :fire:';
    const message = renderReply({
      kind: 'leaderboard',
      visibility: 'only-user',
      title: `Stats for ${name}`,
      lines: [`1. ${name}: 10 pts`, 'see https://example.com and #general and @channel'],
      fields: [
        { label: 'First right', value: name, short: true },
        { label: 'Long', value: name },
      ],
      footer: name,
    });
    const json = JSON.stringify(message.blocks);
    expect(json).not.toContain('mrkdwn');
    const objects = json.match(/\{"type":"plain_text"[^}]*\}/g) ?? [];
    expect(objects.length).toBe(5);
    for (const object of objects) expect(JSON.parse(object)).toMatchObject({ emoji: false });
    // The characters arrive untouched: nothing swapped for look-alikes, nothing escaped but &, < and >.
    expect(blockText(message.blocks)).toContain(`1. ${name.replace('>', '&gt;')}: 10 pts`);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('renders the question of the day with a header, the choices together and one button per choice', () => {
    const message = renderReply({
      kind: 'question',
      visibility: 'channel',
      title: 'Question of the day · Identity',
      lines: ['Does an SCP grant permissions?', 'A. Yes, always', 'B. No, it only limits them'],
      buttons: [
        { actionId: 'answer:7:A', label: 'A' },
        { actionId: 'answer:7:B', label: 'B' },
      ],
      footer: 'Answer with a button.',
    });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(blockText(message.blocks)).toContain('A. Yes, always\nB. No, it only limits them');
    expect(buttonsOf(message.blocks)).toEqual([
      { actionId: 'studybot_0', label: 'A', value: 'answer:7:A' },
      { actionId: 'studybot_1', label: 'B', value: 'answer:7:B' },
    ]);
    expect(message.text).toBe(
      'Question of the day · Identity\nDoes an SCP grant permissions?\nA. Yes, always\nB. No, it only limits them',
    );
  });

  it("keeps within Block Kit's limits without cutting an escape in half", () => {
    const message = renderReply({
      kind: 'question',
      visibility: 'channel',
      title: '&'.repeat(400),
      lines: ['<'.repeat(5000)],
      fields: Array.from({ length: 12 }, (_, i) => ({
        label: `F${i}`,
        value: 'x'.repeat(3000),
        short: true,
      })),
      buttons: [{ actionId: 'explain:x', label: 'y'.repeat(200) }],
    });
    const header = message.blocks[0];
    expect(header?.type).toBe('header');
    for (const text of strings(message.blocks)) {
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(text).not.toMatch(/&[a-z]{0,3}…$/);
    }
    expect(JSON.stringify(header).length).toBeLessThan(300);
    const sections = message.blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(sections.map((s) => ('fields' in s ? s.fields?.length : 0))).toEqual([10, 2]);
    expect(buttonsOf(message.blocks)[0]?.label.length).toBeLessThanOrEqual(75);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('cuts long text on grapheme boundaries: no half emoji (U+FFFD or a lone surrogate) in any block', () => {
    const message = renderReply({
      kind: 'explain',
      visibility: 'only-user',
      title: `a${'🐍'.repeat(200)}`,
      lines: [`b${'👩‍💻'.repeat(1200)}`],
      footer: `c${'🇩🇪'.repeat(1500)}`,
    });
    for (const text of strings(message.blocks)) {
      expect(text).not.toMatch(
        /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text).toMatch(/^a(🐍)+…$/);
  });
});
