import { describe, expect, it } from 'vitest';
import { escapeText, renderReply } from '../../../../src/adapters/discord/discord.render.js';
import type { Reply } from '../../../../src/core/replies.js';

const reply = (extra: Partial<Reply>): Reply => ({
  kind: 'info',
  visibility: 'only-user',
  lines: [],
  ...extra,
});

describe('Discord rendering', () => {
  it('shows typed mentions and markdown literally', () => {
    expect(escapeText('@everyone <@&1> <#2> </quiz:3> <t:0> **b** `c` ||s|| [l](https://x.test)')).toBe(
      '\\@everyone \\<\\@&1> \\<#2> \\</quiz:3> \\<t:0> \\*\\*b\\*\\* \\`c\\` \\|\\|s\\|\\| \\[l](https://x.test)',
    );
    expect(escapeText('# heading\n> quote\n-# small\n1. one\n- dash')).toBe(
      '\\# heading\n\\> quote\n\\-# small\n1\\. one\n\\- dash',
    );
  });

  it('keeps every embed within Discord limits', () => {
    const { embeds } = renderReply(
      reply({
        title: 't'.repeat(300),
        lines: ['x'.repeat(5000)],
        fields: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(1100) })),
        footer: 'f'.repeat(3000),
      }),
    );
    const [embed] = embeds;
    expect(embed?.title).toHaveLength(256);
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    // 30 fields of 1100 characters: each cut to 1024, and only as many as leave room for the description.
    expect(embed?.fields?.length).toBe(2);
    expect(embed?.description?.length).toBeGreaterThanOrEqual(1000);
    for (const f of embed?.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.footer?.text.length ?? 0) +
      (embed?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed?.footer?.text.length).toBeLessThanOrEqual(2048);
  });

  it('puts buttons in rows of five and leaves out one whose action id cannot be a custom_id', () => {
    const buttons = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((l) => ({ actionId: `x:${l}`, label: l }));
    const { components } = renderReply(
      reply({ buttons: [...buttons, { actionId: 'y'.repeat(101), label: 'long' }] }),
    );
    expect(components.map((r) => r.components.map((b) => b.custom_id))).toEqual([
      ['x:A', 'x:B', 'x:C', 'x:D', 'x:E'],
      ['x:F', 'x:G'],
    ]);
    expect(renderReply(reply({})).components).toEqual([]);
  });

  it('shows a hostile display name as typed on every part of an embed (issue 12)', () => {
    const name = '*Boss* _it_ ~strike~ ~~struck~~ `code` ```fence``` ||spoiler|| __under__';
    const { embeds } = renderReply(
      reply({
        title: `Stats for ${name}`,
        lines: [`1. ${name}: 10 pts`, `2. ${name}: 5 pts`],
        fields: [{ label: 'First right', value: name, short: true }],
      }),
    );
    const [embed] = embeds;
    const literal = (text: string | undefined) => (text ?? '').replace(/\\(.)/g, '$1');
    // Every markdown character is backslash-escaped: unescaping gives back exactly what was typed.
    expect(literal(embed?.title)).toBe(`Stats for ${name}`);
    expect(literal(embed?.description)).toBe(`1. ${name}: 10 pts\n2. ${name}: 5 pts`);
    expect(literal(embed?.fields?.[0]?.value)).toBe(name);
    for (const text of [embed?.title, embed?.description, embed?.fields?.[0]?.value]) {
      expect(text).not.toMatch(/(?<!\\)[*_`]|(?<!\\)~~|(?<!\\)\|\|/);
    }
  });

  it('cuts on grapheme boundaries: no half emoji at any limit', () => {
    const { embeds } = renderReply(
      reply({ title: `a${'🐍'.repeat(200)}`, footer: `b${'👩‍💻'.repeat(600)}` }),
    );
    const [embed] = embeds;
    expect(embed?.title).toBe(`a${'🐍'.repeat(127)}…`);
    expect(embed?.footer?.text).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
