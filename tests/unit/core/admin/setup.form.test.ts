/**
 * `/studybot setup` with nothing after it is a form derived from the registry's setup options; a submitted
 * form is checked field by field by the typed command's parser and runs through the typed command's path.
 * The console (no dialogs) prints the same reply as a usage form.
 */
import { describe, expect, it } from 'vitest';
import { renderConsoleReply } from '../../../../src/adapters/console/console.render.js';
import { commandRegistry } from '../../../../src/core/commands/commands.js';
import { createMemoryHarness } from '../../../support/memory-harness.js';

const setupOptions =
  commandRegistry.find('studybot')?.subcommands?.find((s) => s.name === 'setup')?.options ?? [];

describe('the set-up form', () => {
  it('has the channel, then one field per setup option of the registry, prefilled with what is set', async () => {
    const h = await createMemoryHarness();
    const ada = h.actor('Ada', { admin: true });
    await h.say(ada, 'studybot', 'setup 08:15 Europe/Paris weekends');
    const reply = await h.say(ada, 'studybot', 'setup');
    expect(reply.dialog?.fields.map((f) => f.name)).toEqual(['channel', ...setupOptions.map((o) => o.name)]);
    const field = (name: string) => reply.dialog?.fields.find((f) => f.name === name);
    expect(field('channel')).toMatchObject({ input: 'channel', initial: 'c1' });
    expect(field('time')).toMatchObject({ input: 'text', required: true, initial: '08:15' });
    expect(field('timezone')).toMatchObject({ input: 'text', initial: 'Europe/Paris' });
    expect(field('days')?.initial).toBe('weekends');
    expect(field('deck')?.input).toBe('select');
    expect(field('adaptive')).toMatchObject({ input: 'select', initial: 'false' });
    expect(field('adaptive')?.choices?.map((c) => c.label)).toEqual(['adaptive', 'shuffled']);
  });

  it('prints as a usage form on the console: the syntax and each part', async () => {
    const h = await createMemoryHarness();
    const reply = await h.say(h.actor('Ada', { admin: true }), 'studybot', 'setup');
    const printed = renderConsoleReply(reply, { color: false });
    expect(printed).toContain('Set up the daily question');
    expect(printed).toContain('Usage: /studybot setup <HH:MM>');
    for (const option of setupOptions) expect(printed).toContain(`${option.name}`);
    expect(printed).toContain('timezone (optional): IANA time zone');
  });

  it('puts each error on its own field and changes nothing; a valid form sets up the chosen channel', async () => {
    const h = await createMemoryHarness();
    const ada = h.actor('Ada', { admin: true });
    const [invalid] = await h.bot.submitForm(ada, 'setup', {
      channel: 'c9',
      time: '9am',
      timezone: 'Mars/Olympus',
    });
    expect(invalid?.code).toBe('FORM_INVALID');
    expect(Object.keys(invalid?.fieldErrors ?? {})).toEqual(['time']);
    const [zone] = await h.bot.submitForm(ada, 'setup', {
      channel: 'c9',
      time: '09:00',
      timezone: 'Mars/Olympus',
      days: 'sometimes',
    });
    expect(Object.keys(zone?.fieldErrors ?? {})).toEqual(['timezone', 'days']);
    expect(
      (await h.say(h.actor('Ada', { admin: true, channel: 'c9' }), 'studybot', 'status')).lines[0],
    ).toContain('No daily question is scheduled here');
    const [saved] = await h.bot.submitForm(ada, 'setup', {
      channel: 'c9',
      time: '07:30',
      timezone: 'Asia/Tokyo',
      days: 'weekdays',
      adaptive: 'true',
    });
    expect(saved).toMatchObject({ kind: 'status', visibility: 'channel', title: 'Daily question scheduled' });
    const status = await h.say(h.actor('Ada', { admin: true, channel: 'c9' }), 'studybot', 'status');
    expect(status.lines[0]).toContain('Daily at 07:30 (Asia/Tokyo), weekdays, adaptive');
  });

  it('refuses members, whatever they submit (NOT_ADMIN)', async () => {
    const h = await createMemoryHarness();
    const [refused] = await h.bot.submitForm(h.actor('Mo'), 'setup', { channel: 'c1', time: '09:00' });
    expect(refused?.code).toBe('NOT_ADMIN');
  });
});
