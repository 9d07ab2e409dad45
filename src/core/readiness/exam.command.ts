import { DateTime } from 'luxon';
import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { privateReply, quoteUserText } from '../replies.js';
import { daysUntil, inDays } from './readiness.service.js';

/** Exam dates further ahead than this are refused (a typo, most likely). */
const MAX_YEARS_AHEAD = 2;

export type ExamCheck = { date: string } | { refusal: ReturnType<typeof refusal> };

/**
 * Checks an exam date typed as YYYY-MM-DD against today in `zone`: not past (today is fine), at most two
 * years ahead. Returns the canonical date or the refusal to answer with.
 */
export function checkExamDate(text: string, zone: string, now: Date): ExamCheck {
  const typed = quoteUserText(text, 30);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? DateTime.fromISO(text, { zone }) : undefined;
  if (!date?.isValid) return { refusal: refusal('EXAM_DATE_INVALID', { date: typed }) };
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (date < today) return { refusal: refusal('EXAM_DATE_PAST', { date: text }) };
  const latest = today.plus({ years: MAX_YEARS_AHEAD });
  if (date > latest)
    return { refusal: refusal('EXAM_DATE_TOO_FAR', { date: text, latest: latest.toISODate() ?? '' }) };
  return { date: date.toISODate() ?? text };
}

/** `/exam YYYY-MM-DD` sets the member's exam date (in the team's zone); `/exam clear` removes it. */
export const examHandler =
  (deps: Pick<CoreDeps, 'members' | 'readiness' | 'clock' | 'settings'>): CommandHandler =>
  async ({ actor, text, usage }) => {
    const arg = text.trim();
    if (arg === '') return [refusal('ARGUMENT_INVALID', { usage })];
    const { workspace, member } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
    if (arg.toLowerCase() === 'clear') {
      await deps.readiness.setExamDate(member.id, null);
      return [
        privateReply('info', ['Your exam date is cleared. /quiz goes back to due order.'], {
          title: 'Exam date',
        }),
      ];
    }
    const checked = checkExamDate(arg, workspace.timezone, deps.clock.now());
    if ('refusal' in checked) return [checked.refusal];
    await deps.readiness.setExamDate(member.id, checked.date);
    const days = daysUntil(checked.date, workspace.timezone, deps.clock.now());
    return [
      privateReply(
        'info',
        [
          `Your exam date is ${checked.date} (${workspace.timezone}), ${inDays(days)}.`,
          '/readiness now shows your predicted readiness on that day, and /quiz first picks the questions you are most likely to have forgotten by then, weighted by how much their objective counts, until you reach the 80% target.',
        ],
        { title: 'Exam date' },
      ),
    ];
  };
