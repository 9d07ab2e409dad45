import { describe, expect, it } from 'vitest';
import { parseSetup } from '../../../../src/core/admin/setup.command.js';
import { loadCatalog } from '../../../../src/core/content/catalog.js';
import { createMemoryHarness } from '../../../support/memory-harness.js';
import { fixtureContent } from '../../../support/paths.js';

describe('/studybot (admins)', () => {
  it('set-up changes the recap only when it names it, and status tells the day', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('ada', { admin: true });
    const on = await h.say(admin, 'studybot', 'setup 09:00 UTC recap monday');
    expect(on.lines).toContain(
      "Weekly recap: every Monday at 09:00 (UTC), with a chart of the team's readiness. Turn it off with recap off.",
    );
    const again = await h.say(admin, 'studybot', 'setup 10:00 weekdays');
    expect(again.lines).toContain(
      "Weekly recap: every Monday at 10:00 (UTC), with a chart of the team's readiness. Turn it off with recap off.",
    );
    expect((await h.say(admin, 'studybot', 'status')).lines).toContain(
      'Weekly recap: every Monday at 10:00.',
    );
    const off = await h.say(admin, 'studybot', 'setup 10:00 recap off');
    expect(off.lines).toContain('Weekly recap: off (turn it on with recap monday, or another day).');
    expect((await h.say(admin, 'studybot', 'status')).lines).toContain('Weekly recap: off.');
  });

  it('parses setup: HH:MM, then a zone, days and a deck in any order', async () => {
    const catalog = await loadCatalog(fixtureContent);
    const parse = (words: string[]) => parseSetup(words, catalog);
    expect(parse(['9:05'])).toEqual({ time: '09:05' });
    // The question order changes only when named.
    expect(parse(['9:05', 'adaptive', 'UTC'])).toEqual({ time: '09:05', zone: 'UTC', adaptive: true });
    expect(parse(['9:05', 'shuffled'])).toEqual({ time: '09:05', adaptive: false });
    expect(parse(['09:00', 'weekdays', 'Europe/Berlin'])).toEqual({
      time: '09:00',
      zone: 'Europe/Berlin',
      days: 'weekdays',
    });
    // Zones are canonicalised (as typed in lower case, or an abbreviation the IANA database links).
    expect(parse(['09:00', 'europe/berlin'])).toEqual({ time: '09:00', zone: 'Europe/Berlin' });
    expect(parse(['09:00', 'utc'])).toEqual({ time: '09:00', zone: 'UTC' });
    expect(parse(['09:00', 'CET'])).toMatchObject({ zone: expect.stringMatching(/^Europe\//) });
    // Fixed offsets are refused, and the refusal says so.
    const offset = parse(['09:00', 'UTC+2']);
    expect(offset).toMatchObject({ code: 'SETUP_WORD_INVALID' });
    expect((offset as { lines: string[] }).lines[0]).toMatch(/offsets such as UTC\+2 are not zones/);
    // Weekends and custom days, canonical and in week order.
    expect(parse(['09:00', 'weekends'])).toEqual({ time: '09:00', days: 'weekends' });
    expect(parse(['09:00', 'fri,mon,wed'])).toEqual({ time: '09:00', days: 'mon,wed,fri' });
    expect(parse(['09:00', 'Monday,Tuesday,wed,thu,fri'])).toEqual({ time: '09:00', days: 'weekdays' });
    expect(parse(['09:00', 'mon,xyz'])).toMatchObject({ code: 'SETUP_WORD_INVALID' });
    expect(parse(['09:00', 'deck', 'sample', 'weekdays'])).toEqual({
      time: '09:00',
      days: 'weekdays',
      deck: 'sample',
    });
    expect(parse(['09:00', 'deck', 'nope'])).toMatchObject({ code: 'DECK_UNKNOWN' });
    expect(parse(['09:00', 'deck'])).toMatchObject({ code: 'DECK_UNKNOWN' });
    expect(parse(['25:00'])).toMatchObject({ code: 'SETUP_TIME_INVALID' });
    // The weekly recap: a day (any spelling of one) or off, only when named, anywhere after the time.
    expect(parse(['09:00', 'UTC', 'daily', 'recap', 'monday'])).toEqual({
      time: '09:00',
      zone: 'UTC',
      days: 'daily',
      recap: 'mon',
    });
    expect(parse(['09:00', 'recap', 'Fri', 'weekdays'])).toEqual({
      time: '09:00',
      days: 'weekdays',
      recap: 'fri',
    });
    expect(parse(['09:00', 'recap', 'off'])).toEqual({ time: '09:00', recap: 'off' });
    expect(parse(['09:00', 'recap', 'mon,wed'])).toMatchObject({ code: 'SETUP_WORD_INVALID' });
    expect(parse(['09:00', 'recap'])).toMatchObject({ code: 'SETUP_WORD_INVALID' });
    expect(parse([])).toMatchObject({ code: 'SETUP_TIME_INVALID' });
    expect(parse(['09:00', 'Mars/Olympus'])).toMatchObject({ code: 'SETUP_WORD_INVALID' });
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
      'Deck: Sample deck (sample).',
      'No question has been posted here yet. /studybot post posts one now.',
    ]);
  });

  it('lists its sub-commands when given none, or one it does not have', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('ada', { admin: true });
    const setupLine =
      '/studybot setup <HH:MM> [IANA time zone] [daily|weekdays|weekends|mon,wed,fri] [deck <deck id>] [adaptive|shuffled] [recap <weekday|off>]: post a question here every day, e.g. /studybot setup 09:00 Europe/Berlin weekdays adaptive recap monday';
    const usage = await h.say(admin, 'studybot', '');
    expect(usage).toMatchObject({ kind: 'help', title: '/studybot' });
    expect(usage.lines[0]).toBe(setupLine);
    // An unknown one is named first (by its code), then the list.
    const unknown = await h.say(admin, 'studybot', 'frobnicate');
    expect(unknown.code).toBe('SUBCOMMAND_UNKNOWN');
    expect(unknown.lines[0]).toBe(
      'There is no /studybot frobnicate. Its sub-commands are setup, post, close, pause, resume, status, recap, reports, deck-stats:',
    );
    expect(unknown.lines[1]).toBe(setupLine);
  });
});
