import { describe, expect, it } from 'vitest';
import { parseSetup } from '../../../../src/core/admin/setup.command.js';
import { createMemoryHarness } from '../../../support/memory-harness.js';

describe('/studybot (admins)', () => {
  it('parses setup: HH:MM, then a zone and daily/weekdays in any order', () => {
    expect(parseSetup(['9:05'])).toEqual({ time: '09:05', days: 'daily', adaptive: false });
    expect(parseSetup(['9:05', 'adaptive', 'UTC'])).toEqual({
      time: '09:05',
      zone: 'UTC',
      days: 'daily',
      adaptive: true,
    });
    expect(parseSetup(['09:00', 'weekdays', 'Europe/Berlin'])).toEqual({
      time: '09:00',
      zone: 'Europe/Berlin',
      days: 'weekdays',
      adaptive: false,
    });
    expect(parseSetup(['25:00'])).toMatchObject({ code: 'SETUP_TIME_INVALID' });
    expect(parseSetup([])).toMatchObject({ code: 'SETUP_TIME_INVALID' });
    expect(parseSetup(['09:00', 'Mars/Olympus'])).toMatchObject({ code: 'SETUP_WORD_INVALID' });
  });

  it('schedules, tells the channel, pauses, resumes and reports; refuses members', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('ada', { admin: true });
    const setup = await h.say(admin, 'studybot', 'setup 09:00 Europe/Berlin weekdays');
    expect(setup).toMatchObject({ visibility: 'channel', title: 'Daily question scheduled' });
    expect(h.stores.tables.schedules).toMatchObject([
      { timeOfDay: '09:00', timezone: 'Europe/Berlin', days: 'weekdays', paused: false },
    ]);
    // The zone an admin names becomes the team's zone for weekly and monthly boards.
    expect(h.stores.tables.workspaces[0]?.timezone).toBe('Europe/Berlin');
    expect((await h.say(admin, 'studybot', 'pause')).lines[0]).toMatch(/^Paused/);
    expect((await h.say(admin, 'studybot', 'status')).lines[0]).toBe(
      'Paused (paused by an admin). /studybot resume restarts it.',
    );
    expect((await h.say(admin, 'studybot', 'resume')).lines[0]).toMatch(
      /^Resumed: the next question arrives /,
    );
    expect((await h.say(h.actor('mo'), 'studybot', 'pause')).code).toBe('NOT_ADMIN');
    expect(h.stores.tables.schedules[0]?.paused).toBe(false);
  });

  it('says there is nothing to pause or close in a channel without a schedule or a question', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('ada', { admin: true, channel: 'empty' });
    expect((await h.say(admin, 'studybot', 'pause')).code).toBe('NO_SCHEDULE');
    expect((await h.say(admin, 'studybot', 'close')).lines[0]).toBe(
      'There is no open question in this channel.',
    );
    expect((await h.say(admin, 'studybot', 'status')).lines).toEqual([
      'No daily question is scheduled here. Start one with /studybot setup 09:00.',
      'No question has been posted here yet. /studybot post posts one now.',
    ]);
  });

  it('lists its sub-commands when given none, or one it does not have', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('ada', { admin: true });
    for (const text of ['', 'frobnicate']) {
      const usage = await h.say(admin, 'studybot', text);
      expect(usage).toMatchObject({ kind: 'help', title: '/studybot' });
      expect(usage.lines[0]).toBe(
        '/studybot setup <HH:MM> [IANA time zone] [daily|weekdays] [adaptive]: post a question here every day, e.g. /studybot setup 09:00 Europe/Berlin weekdays adaptive',
      );
    }
  });
});
