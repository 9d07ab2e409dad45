import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const statsTitle = async (name: string, userId: string, provisional: boolean, bot = h.bot) => {
  const actor = {
    ...h.actor(name),
    userId,
    userName: name,
    ...(provisional ? { userNameProvisional: true } : {}),
  };
  const [reply] = await bot.command(actor, 'stats', '');
  return reply?.title;
};

describe('member names', () => {
  it('keeps a known name when the platform only has a stand-in, and takes the real one when it comes', async () => {
    expect(await statsTitle('Ada Lovelace', 'U-ada', false)).toBe('Stats for Ada Lovelace');
    expect(await statsTitle('ada', 'U-ada', true)).toBe('Stats for Ada Lovelace');
    expect(await statsTitle('Ada King', 'U-ada', false)).toBe('Stats for Ada King');
    // The same in a process that has not met Ada yet (nothing cached): the database keeps the name.
    expect(await statsTitle('ada', 'U-ada', true, h.restart())).toBe('Stats for Ada King');
    // Someone new gets the stand-in until the platform tells us better.
    expect(await statsTitle('bob_handle', 'U-bob', true)).toBe('Stats for bob_handle');
    expect(await statsTitle('Bob Builder', 'U-bob', false)).toBe('Stats for Bob Builder');
  });

  it('keeps names to one short line', async () => {
    expect(await statsTitle(`  Very\n\nlong ${'name '.repeat(40)}`, 'U-long', false)).toMatch(
      /^Stats for Very long name name .{0,60}$/,
    );
  });
});
