/**
 * Decks, plural (issue 13): a channel's deck chosen at set-up and shown in status, changed without losing
 * scores; /quiz from a deck or topic; /explain across decks, naming the deck; hints and browsing from the
 * loaded decks, never hard-coded terms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../../src/core/content/catalog.js';
import { ContentError } from '../../../src/core/content/content.loader.js';
import { BROWSE_PAGE_CHARS, browsePages, exampleTerms } from '../../../src/core/explain/browse.js';
import { buttonOf, createMemoryHarness } from '../../support/memory-harness.js';
import { twoDeckContent } from '../../support/two-decks.js';

let both: Catalog;
let gitOnly: Catalog;
const removers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  const two = await twoDeckContent();
  const one = await twoDeckContent({ withSample: false });
  removers.push(two.remove, one.remove);
  both = await loadCatalog(two.dir);
  gitOnly = await loadCatalog(one.dir);
});
afterAll(async () => {
  for (const remove of removers) await remove();
});

describe('decks, plural', () => {
  it('defaults to the only deck, or to DEFAULT_DECK; an unknown DEFAULT_DECK stops start-up naming it', async () => {
    expect(gitOnly.defaultDeck.meta.id).toBe('git-basics');
    const two = await twoDeckContent();
    removers.push(two.remove);
    expect((await loadCatalog(two.dir, 'git-basics')).defaultDeck.meta.id).toBe('git-basics');
    const wrong = await loadCatalog(two.dir, 'nope').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ContentError);
    expect(String((wrong as Error).message)).toMatch(/DEFAULT_DECK: there is no deck "nope"; the decks are/);
  });

  it("sets a channel's deck at set-up, shows it in status, posts from it, and changes it keeping scores", async () => {
    const h = await createMemoryHarness(undefined, both);
    const admin = h.actor('ada', { admin: true });
    const setup = await h.say(admin, 'studybot', 'setup 09:00 UTC daily deck git-basics');
    expect(setup.lines.join(' ')).toContain('Git basics (git-basics)');
    expect((await h.say(admin, 'studybot', 'status')).lines.join('\n')).toMatch(
      /Deck: Git basics \(git-basics\)/,
    );
    await h.say(admin, 'studybot', 'post');
    const posted = h.publisher.messages.at(-1)?.reply;
    expect(posted?.title).toMatch(/Question of the day · (Commits|Branches)/);
    const pressed = await h.press(h.actor('bo'), buttonOf(h, 'A'));
    expect(pressed.kind).toBe('feedback');
    // Switch back to the sample deck: the schedule stays (time, days), the board keeps Bo's answer.
    const again = await h.say(admin, 'studybot', 'setup 09:00 deck sample');
    expect(again.lines.join(' ')).toContain('(sample)');
    expect(h.stores.tables.schedules).toMatchObject([{ timeOfDay: '09:00', days: 'daily' }]);
    expect((await h.say(h.actor('bo'), 'stats')).lines[0]).toMatch(/1 answered/);
    await h.say(admin, 'studybot', 'close');
    await h.say(admin, 'studybot', 'post');
    expect(h.publisher.messages.at(-1)?.reply.title).toMatch(/Question of the day · (Identity|Network)/);
    expect((await h.say(admin, 'studybot', 'setup 09:00 deck nope')).code).toBe('DECK_UNKNOWN');
  });

  it('practises a deck or a topic with /quiz, and refuses a word that is neither', async () => {
    const h = await createMemoryHarness(undefined, both);
    const ann = h.actor('ann');
    expect((await h.say(ann, 'quiz', 'git-basics')).title).toMatch(/^Practice · (Commits|Branches)$/);
    const topic = await h.say(ann, 'quiz', 'branches');
    expect(topic.title).toBe('Practice · Branches');
    expect(topic.footer).toMatch(/of 2 in Branches/);
    expect((await h.say(ann, 'quiz', 'network')).title).toBe('Practice · Network');
    expect((await h.say(ann, 'quiz', 'cooking')).code).toBe('FOCUS_UNKNOWN');
    // Autocomplete offers decks and topics.
    const offered = h.bot.autocomplete(ann, 'deck-or-topic', 'bra').map((c) => c.value);
    expect(offered).toEqual(['branches']);
    expect(h.bot.autocomplete(ann, 'deck', '').map((c) => c.value)).toEqual(['git-basics', 'sample']);
    expect(h.bot.autocomplete(ann, 'days', 'wee').map((c) => c.value)).toEqual(['weekdays', 'weekends']);
  });

  it('explains terms of every deck and names the deck', async () => {
    const h = await createMemoryHarness(undefined, both);
    const rebase = await h.say(h.actor('ann'), 'explain', 'rebase');
    expect(rebase.fields).toContainEqual({ label: 'Deck', value: 'Git basics (git-basics)', short: true });
    const scp = await h.say(h.actor('ann'), 'explain', 'scp');
    expect(scp.fields).toContainEqual({ label: 'Deck', value: 'Sample deck (sample)', short: true });
  });

  it('suggests terms from the loaded decks only: never scp when only git-basics is loaded', async () => {
    const h = await createMemoryHarness(undefined, gitOnly);
    expect(exampleTerms(gitOnly)).toEqual(['commit', 'branch']);
    const unknown = await h.say(h.actor('ann'), 'explain', 'zzzqqq');
    expect(unknown.code).toBe('TERM_UNKNOWN');
    expect(unknown.lines[0]).toContain('/explain commit');
    const help = await h.say(h.actor('ann'), 'help');
    expect(help.lines.join('\n')).not.toMatch(/scp|iam/);
  });

  it('browses topics and terms with /explain or /explain list, in pages within message limits', async () => {
    const h = await createMemoryHarness(undefined, both);
    for (const text of ['', 'list']) {
      const page = await h.say(h.actor('ann'), 'explain', text);
      expect(page.title).toBe('Terms by deck and topic (page 1 of 1)');
      expect(page.lines).toContain('Git basics (git-basics) · Branches: branch, rebase');
      expect(page.lines).toContain('Sample deck (sample) · Network: security-group, guardduty');
    }
    // The real deck needs several pages, each within the limit, every term on one of them, with buttons.
    const real = await loadCatalog((await import('../../support/paths.js')).realContent);
    const pages = browsePages(real);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.join('\n').length).toBeLessThanOrEqual(BROWSE_PAGE_CHARS);
    const listed = pages.flat().join(' ');
    for (const term of real.decks.flatMap((d) => d.terms)) expect(listed).toContain(term.id);
    const hr = await createMemoryHarness(undefined, real);
    const first = await hr.say(hr.actor('ann'), 'explain', 'list');
    expect(first.buttons?.map((b) => b.label)).toEqual(['Page 2']);
    const second = await hr.press(hr.actor('ann'), first.buttons?.[0]?.actionId ?? '');
    expect(second.title).toMatch(/page 2 of/);
    expect(second.buttons?.[0]?.label).toBe('Page 1');
  });
});
