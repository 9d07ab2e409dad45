import type { Actor } from '../actor.js';
import type { Question } from '../content/content.schema.js';
import { questionVersion } from '../content/question-version.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { privateReply, type Reply, type ReplyForm } from '../replies.js';
import { cleanUserText } from '../user-text.js';
import { REPORT_REASON_LABELS, REPORT_REASONS, REPORT_TEXT_MAX, type ReportReason } from './reports.port.js';

export type ReportDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'posts' | 'practice' | 'reports' | 'clock' | 'settings'
>;

type Source = 'daily' | 'practice';

interface Target {
  workspaceId: number;
  memberId: number;
  deckId: string;
  question: Question;
  /** The version the member saw: the post's or prompt's, else (rows from before versions) today's. */
  version: string;
}

const reasonWords = REPORT_REASONS.join(', ');

/** The report form of a question: a reason to pick and a short optional text. */
function reportForm(id: string, question: Question): ReplyForm {
  return {
    id,
    title: 'Report a question',
    submitLabel: 'Report',
    intro: cleanUserText(question.prompt, 280),
    fields: [
      {
        kind: 'choice',
        name: 'reason',
        label: 'What is wrong?',
        options: REPORT_REASONS.map((r) => ({ value: r, label: REPORT_REASON_LABELS[r] })),
      },
      {
        kind: 'text',
        name: 'text',
        label: 'Tell the deck authors more (optional)',
        maxLength: REPORT_TEXT_MAX,
        placeholder: 'e.g. the AWS docs say C since 2024',
      },
    ],
  };
}

/**
 * Reporting a question: the "Report" button opens a form (reason, short text) for a daily post (anyone of
 * the workspace: the reveal is public) or a practice prompt (its member only); the submitted form stores
 * one report per member and question, a second replacing the first.
 */
export function createReportService(deps: ReportDeps) {
  const { catalog, members, posts, practice, reports, clock, settings } = deps;

  async function target(actor: Actor, source: Source, id: number): Promise<Target | undefined> {
    const { workspace, member } = await members.ensureMember(actor, settings.defaultTimezone);
    const found =
      source === 'daily'
        ? await posts
            .getPost(id)
            .then((p) => (p && p.workspaceId === workspace.id && p.seq !== null ? p : undefined))
        : await practice.getPracticePrompt(id).then((p) => (p && p.memberId === member.id ? p : undefined));
    const question = found && catalog.question(found.deckId, found.questionId);
    if (!found || !question) return undefined;
    return {
      workspaceId: workspace.id,
      memberId: member.id,
      deckId: found.deckId,
      question,
      version: found.questionVersion ?? questionVersion(question),
    };
  }

  return {
    /** The "Report" button: the form to fill in, or REPORT_NOT_FOUND. */
    async open(actor: Actor, source: Source, id: number, formId: string): Promise<Reply> {
      const found = await target(actor, source, id);
      if (!found) return refusal('REPORT_NOT_FOUND');
      const form = reportForm(formId, found.question);
      return privateReply(
        'form',
        [
          `Report this question: ${form.intro}`,
          `Why? ${REPORT_REASONS.map((r, i) => `${i + 1} ${r}`).join(' · ')}.`,
        ],
        { title: form.title, form },
      );
    },

    /** The submitted form: checks the reason, cleans the text, stores the report and says what happens next. */
    async submit(
      actor: Actor,
      source: Source,
      id: number,
      values: Readonly<Record<string, string>>,
    ): Promise<Reply> {
      const reason = REPORT_REASONS.find((r) => r === values.reason?.trim().toLowerCase()) as
        | ReportReason
        | undefined;
      if (!reason) return refusal('REPORT_REASON_INVALID', { reasons: reasonWords });
      const found = await target(actor, source, id);
      if (!found) return refusal('REPORT_NOT_FOUND');
      const text = cleanUserText(values.text ?? '', REPORT_TEXT_MAX);
      const saved = await reports.saveReport({
        workspaceId: found.workspaceId,
        memberId: found.memberId,
        deckId: found.deckId,
        questionId: found.question.id,
        questionVersion: found.version,
        reason,
        text: text === '' ? null : text,
        at: clock.now(),
      });
      return privateReply(
        'info',
        [
          saved.kind === 'created'
            ? `Thanks: your report (${reason}) is in.`
            : `You had reported this question before; your report now says ${reason}${text ? ' with your new text' : ''}. One report per person and question counts.`,
          'Your team admins see it in /studybot reports and the deck authors in npm run content:reports. When they fix or retire the question, your report closes; if the marked answer was wrong, they re-grade everyone who answered it, so scores are corrected.',
        ],
        { title: 'Question reported' },
      );
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
