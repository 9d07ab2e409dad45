/**
 * The scenarios every platform must pass, run once per adapter (slack, discord, console contract tests): a
 * feature is on every platform when its scenario is here. Refusals are asserted by their stable codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformDriver, SeenButton, SeenReply } from './platform.driver.js';

const only = (replies: SeenReply[]): SeenReply => {
  expect(replies).toHaveLength(1);
  const [reply] = replies;
  if (!reply) throw new Error('no reply');
  return reply;
};
const button = (reply: SeenReply | undefined, label: string): SeenButton => {
  const found = reply?.buttons.find((b) => b.label === label);
  if (!found) throw new Error(`no button ${label} in: ${reply?.text}`);
  return found;
};

export function platformContract<U>(open: () => Promise<PlatformDriver<U>>): void {
  describe('the platform contract', () => {
    let d: PlatformDriver<U>;
    /** The question's buttons as members saw them before it closed (a late click comes from there). */
    let shown: SeenReply | undefined;
    beforeAll(async () => {
      d = await open();
    });
    afterAll(async () => {
      await d?.close();
    });

    it('explains a term privately, and refuses an unknown one by its code', async () => {
      const ann = d.user('Ann');
      const scp = await d.command(ann, 'explain', 'scp', 'contract-explain');
      expect(scp.codes).toEqual([]);
      const reply = only(scp.replies);
      expect(reply.visibility).toBe('only-user');
      expect(reply.text).toContain('Service control policy (SCP)');
      const unknown = await d.command(ann, 'explain', 'zzzqqqxxx', 'contract-explain');
      expect(unknown.codes).toEqual(['TERM_UNKNOWN']);
      expect(only(unknown.replies).visibility).toBe('only-user');
    });

    it('posts a question with a button per choice; an answer is private, a second one refused', async () => {
      const admin = d.user('Ada', { admin: true });
      const bo = d.user('Bo');
      const posted = await d.command(admin, 'studybot', 'post', 'contract-quiz');
      expect(posted.codes).toEqual([]);
      expect(only(posted.replies).visibility).toBe('only-user');
      const { questions } = await d.channel('contract-quiz');
      expect(questions).toHaveLength(1);
      const question = questions[0];
      shown = question;
      expect(question?.visibility).toBe('channel');
      expect(question?.buttons.map((b) => b.label).slice(0, 2)).toEqual(['A', 'B']);

      const answered = await d.press(bo, button(question, 'A'), 'contract-quiz');
      expect(answered.codes).toEqual([]);
      const verdict = only(answered.replies);
      expect(verdict.visibility).toBe('only-user');
      expect(verdict.text).toMatch(/Correct! \+10 points|Not quite\./);

      const again = await d.press(bo, button(question, 'B'), 'contract-quiz');
      expect(again.codes).toEqual(['ALREADY_ANSWERED']);
      expect(only(again.replies).visibility).toBe('only-user');
    });

    it('closes the question, reveals the answer in the channel, and refuses a late answer', async () => {
      const admin = d.user('Ada', { admin: true });
      const closed = await d.command(admin, 'studybot', 'close', 'contract-quiz');
      expect(closed.codes).toEqual([]);
      const { reveals } = await d.channel('contract-quiz');
      expect(reveals).toHaveLength(1);
      expect(reveals[0]?.visibility).toBe('channel');
      expect(reveals[0]?.text).toMatch(/The answer: [A-E]\. /);
      expect(reveals[0]?.text).toMatch(/Answered\W+1\b/);
      const late = await d.press(d.user('Cy'), button(shown, 'C'), 'contract-quiz');
      expect(late.codes).toEqual(['POST_CLOSED']);
      expect(only(late.replies).visibility).toBe('only-user');
    });

    it('refuses /studybot to a member who is not an admin, and posts nothing', async () => {
      if (!d.hasMembers) return;
      const refused = await d.command(d.user('Mo'), 'studybot', 'post', 'contract-members');
      expect(refused.codes).toEqual(['NOT_ADMIN']);
      expect(only(refused.replies).visibility).toBe('only-user');
      expect((await d.channel('contract-members')).questions).toEqual([]);
    });

    it('answers a command it does not have by naming the ones it has, and lists them all in /help', async () => {
      const ann = d.user('Ann');
      const unknown = await d.command(ann, 'remind', 'me later', 'contract-help');
      expect(unknown.codes).toEqual(['COMMAND_UNKNOWN']);
      expect(only(unknown.replies).text).toContain('/explain');
      const help = await d.command(ann, 'help', '', 'contract-help');
      expect(help.codes).toEqual([]);
      // The first reply is the registry's list (the console adds its own shortcuts after it).
      const text = help.replies[0]?.text ?? '';
      for (const name of ['/explain', '/quiz', '/leaderboard', '/stats', '/studybot', '/help'])
        expect(text).toContain(name);
      const one = only((await d.command(ann, 'help', 'leaderboard', 'contract-help')).replies);
      expect(one.visibility).toBe('only-user');
      expect(one.text).toContain('Usage: /leaderboard [week|month|all|channel]');
    });

    it("sets a channel's deck, days and zone at set-up and shows them in status (canonical zone)", async () => {
      const admin = d.user('Ada', { admin: true });
      const setup = await d.command(
        admin,
        'studybot',
        'setup 09:00 europe/berlin weekends deck sample',
        'contract-setup',
      );
      expect(setup.codes).toEqual([]);
      const status = only((await d.command(admin, 'studybot', 'status', 'contract-setup')).replies);
      expect(status.text).toContain('Deck: Sample deck (sample)');
      expect(status.text).toContain('Daily at 09:00 (Europe/Berlin), weekends.');
      const wrong = await d.command(admin, 'studybot', 'setup 09:00 deck nope', 'contract-setup');
      expect(wrong.codes).toEqual(['DECK_UNKNOWN']);
    });

    it('browses the terms with /explain list and practises one topic with /quiz <topic>', async () => {
      const ann = d.user('Ann');
      const list = only((await d.command(ann, 'explain', 'list', 'contract-decks')).replies);
      expect(list.text).toContain('Terms by deck and topic (page 1 of 1)');
      expect(list.text).toContain('Sample deck (sample) · Identity: scp');
      const quiz = only((await d.command(ann, 'quiz', 'network', 'contract-decks')).replies);
      expect(quiz.text).toContain('Practice · Network');
      expect((await d.command(ann, 'quiz', 'cooking', 'contract-decks')).codes).toEqual(['FOCUS_UNKNOWN']);
    });
  });
}
