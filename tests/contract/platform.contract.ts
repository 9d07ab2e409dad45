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

    it('explains the terms a message names, privately, never echoing it; none found gets a helpful reply', async () => {
      const ann = d.user('Ann');
      const seen = await d.explainText(
        ann,
        'Does an SCP beat the security groups? <!channel> *loud* @everyone',
        'contract-explain',
      );
      expect(seen.codes).toEqual([]);
      const reply = only(seen.replies);
      expect(reply.visibility).toBe('only-user');
      expect(reply.text).toContain('Service control policy (SCP)');
      expect(reply.text).toContain('Security group');
      expect(reply.text).toContain('A stateful virtual firewall for instances.');
      for (const echoed of ['<!channel>', '*loud*', '@everyone']) expect(reply.text).not.toContain(echoed);
      // Each term opens in full from its button.
      const more = await d.press(
        ann,
        button(reply, 'More: Service control policy (SCP)'),
        'contract-explain',
      );
      expect(only(more.replies).text).toContain('It never grants permissions by itself.');
      const none = await d.explainText(ann, 'Lunch at noon, anyone?', 'contract-explain');
      expect(none.codes).toEqual(['TEXT_NO_TERMS']);
      expect(only(none.replies).visibility).toBe('only-user');
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

    it('measures readiness, marks a guess once, takes an exam date, and sets up adaptive posts', async () => {
      const admin = d.user('Ada', { admin: true });
      const cy = d.user('Cy');
      await d.command(admin, 'studybot', 'post', 'contract-ready');
      const question = (await d.channel('contract-ready')).questions[0];
      const verdict = only((await d.press(cy, button(question, 'A'), 'contract-ready')).replies);
      const guessed = await d.press(cy, button(verdict, 'I guessed'), 'contract-ready');
      expect(guessed.codes).toEqual([]);
      expect(only(guessed.replies).text).toContain('Marked as a guess');
      expect((await d.press(cy, button(verdict, 'I guessed'), 'contract-ready')).codes).toEqual([
        'GUESS_ALREADY',
      ]);

      const mine = await d.command(cy, 'readiness', '', 'contract-ready');
      expect(mine.codes).toEqual([]);
      expect(only(mine.replies).visibility).toBe('only-user');
      expect(only(mine.replies).text).toMatch(
        /Expected share of this exam's questions you would get right today: \d+%/,
      );
      const team = only((await d.command(cy, 'readiness', 'team', 'contract-ready')).replies);
      expect(team.visibility).toBe('only-user');
      // The console has one channel for every scenario, so earlier answers count there too.
      expect(team.text).toMatch(/\d+ members? answered here in the last 30 days/);

      expect((await d.command(cy, 'exam', '2020-01-01', 'contract-ready')).codes).toEqual(['EXAM_DATE_PAST']);
      const date = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      const exam = await d.command(cy, 'exam', date, 'contract-ready');
      expect(exam.codes).toEqual([]);
      expect(only(exam.replies).text).toContain(`Your exam date is ${date}`);
      expect(only((await d.command(cy, 'readiness', '', 'contract-ready')).replies).text).toContain(
        `On your exam day, ${date}`,
      );

      const setup = await d.command(admin, 'studybot', 'setup 09:00 UTC daily adaptive', 'contract-ready');
      expect(setup.codes).toEqual([]);
      const status = only((await d.command(admin, 'studybot', 'status', 'contract-ready')).replies);
      expect(status.text).toContain(
        'Daily at 09:00 (UTC), every day, adaptive (the question the team most needs).',
      );
      // Close it, so its reveal does not land in the next scenario (the console has one channel).
      await d.command(admin, 'studybot', 'close', 'contract-ready');
    });

    it('sets a weekly recap day, and posts the recap now with its chart as a picture with alt text', async () => {
      const admin = d.user('Ada', { admin: true });
      const setup = await d.command(admin, 'studybot', 'setup 09:00 UTC recap friday', 'weekly-recap');
      expect(setup.codes).toEqual([]);
      const posted = await d.command(admin, 'studybot', 'post', 'weekly-recap');
      expect(posted.codes).toEqual([]);
      const [question] = (await d.channel('weekly-recap')).questions;
      await d.press(d.user('Bo'), button(question, 'A'), 'weekly-recap');
      const recap = await d.command(admin, 'studybot', 'recap', 'weekly-recap');
      expect(recap.codes).toEqual([]);
      expect(only(recap.replies).text).toContain('Posted the weekly recap here, with its chart.');
      const view = await d.channel('weekly-recap');
      expect(view.recaps).toHaveLength(1);
      expect(view.recaps[0]?.visibility).toBe('channel');
      expect(view.recaps[0]?.text).toMatch(
        /Participation: \d+ members? answered at least once, \d+ answers? in all\./,
      );
      expect(view.recaps[0]?.text).toMatch(/Team readiness: \d+%/);
      expect(view.pictures).toHaveLength(1);
      expect(view.pictures[0]).toMatch(
        /^Bar chart of team readiness per exam objective, this week against last week: /,
      );
      await d.command(admin, 'studybot', 'close', 'weekly-recap');
    });

    it('reports a question from the verdict and the reveal: one report per member, listed for admins', async () => {
      const admin = d.user('Ada', { admin: true });
      const di = d.user('Di');
      await d.command(admin, 'studybot', 'post', 'report-flow');
      const question = (await d.channel('report-flow')).questions[0];
      const verdict = only((await d.press(di, button(question, 'A'), 'report-flow')).replies);
      const first = await d.fillForm(di, button(verdict, 'Report'), 'report-flow', {
        reason: 'unclear',
        text: '<@everyone> *two* choices fit',
      });
      expect(first.opened).toEqual(['reason', 'text']);
      expect(first.submitted.codes).toEqual([]);
      expect(only(first.submitted.replies).text).toContain('your report (unclear) is in');
      expect(only(first.submitted.replies).visibility).toBe('only-user');

      await d.command(admin, 'studybot', 'close', 'report-flow');
      const reveal = (await d.channel('report-flow')).reveals[0];
      const second = await d.fillForm(di, button(reveal, 'Report'), 'report-flow', {
        reason: 'typo',
        text: '',
      });
      expect(only(second.submitted.replies).text).toContain('You had reported this question before');
      const bad = await d.fillForm(di, button(reveal, 'Report'), 'report-flow', {
        reason: 'nonsense',
        text: '',
      });
      expect(bad.submitted.codes).toEqual(['REPORT_REASON_INVALID']);

      const listed = only((await d.command(admin, 'studybot', 'reports', 'report-flow')).replies);
      expect(listed.text).toContain('1 open report of 1 question');
      expect(listed.text).toContain('(1 typo)');
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

    it('shows display names exactly as typed on the board and in the reveal, bidi controls gone (issue 12)', async () => {
      const admin = d.user('Ada', { admin: true });
      await d.command(admin, 'studybot', 'post', 'contract-names');
      const question = (await d.channel('contract-names')).questions[0];
      const letters = (question?.buttons ?? []).map((b) => b.label);
      // One member per choice, so one of them is first right whatever the key; each name ends in U+202E.
      const nameFor = (letter: string) => `*boss* _it_ ~s~ \`c\` ${letter.toLowerCase()}`;
      for (const letter of letters) {
        const seen = await d.press(
          d.user(`${nameFor(letter)}\u202E`),
          button(question, letter),
          'contract-names',
        );
        expect(seen.codes).toEqual([]);
      }
      const snakes = d.platform === 'console' ? undefined : d.user(`a${'🐍'.repeat(100)}`);
      if (snakes) await d.press(snakes, button(question, letters[0] ?? 'A'), 'contract-names');
      await d.command(admin, 'studybot', 'close', 'contract-names');
      const { questions, reveals } = await d.channel('contract-names');
      const key = /The answer: ([A-E])\./.exec(reveals[0]?.text ?? '')?.[1] ?? '?';
      const first = nameFor(key);
      expect(reveals[0]?.text).toMatch(new RegExp(`First right\\W+${first.replace(/[*`\\]/g, '\\$&')}`));
      // Where the platform edits the question to show the answer, its footer names the first right too.
      if (questions[0]?.text.includes('Answer:'))
        expect(questions[0]?.text).toContain(`First right: ${first}.`);
      const board = only((await d.command(admin, 'leaderboard', 'all', 'contract-names')).replies).text;
      for (const letter of letters) expect(board).toContain(`${nameFor(letter)}: `);
      expect(board).not.toContain('\u202E');
      // Cut on whole graphemes: 80 of them, the last an ellipsis; never half a snake (U+FFFD).
      if (snakes) expect(board).toContain(`a${'🐍'.repeat(78)}…: `);
      expect(board).not.toContain('\uFFFD');
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
      // (The console shares one channel with the adaptive scenario, so the order is not asserted here.)
      expect(status.text).toContain('Daily at 09:00 (Europe/Berlin), weekends, ');
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
