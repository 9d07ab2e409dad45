import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { privateReply } from '../replies.js';
import { cleanUserText } from '../user-text.js';
import { groupReports, reasonsText } from './report-groups.js';

type ReportsDeps = Pick<CoreDeps, 'catalog' | 'members' | 'reports' | 'settings'>;

/** How many questions `/studybot reports` lists, and texts per question. */
const MAX_GROUPS = 15;
const MAX_TEXTS = 3;

/** `/studybot reports`: this team's open reports, grouped by question, most reported first. */
export const reportsHandler =
  (deps: ReportsDeps): CommandHandler =>
  async ({ actor }) => {
    const { workspace } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
    const groups = groupReports(deps.catalog, await deps.reports.listReports(workspace.id));
    const open = groups.filter((g) => g.count > 0);
    const closed = groups.reduce((n, g) => n + g.closed, 0);
    const closedLine =
      closed > 0
        ? `${closed} older report${closed === 1 ? '' : 's'} closed: the question was changed or retired since.`
        : '';
    if (open.length === 0) {
      return [
        privateReply(
          'reports',
          ['No open reports: nobody in this team has reported a question.', closedLine].filter(Boolean),
          {
            title: 'Question reports',
          },
        ),
      ];
    }
    const total = open.reduce((n, g) => n + g.count, 0);
    const lines = open.slice(0, MAX_GROUPS).map((g) => {
      const prompt = g.question ? cleanUserText(g.question.prompt, 80) : '(no longer in the deck)';
      const texts = g.texts
        .slice(0, MAX_TEXTS)
        .map((t) => `   “${t}”`)
        .join('\n');
      return `${g.count} × ${g.deckId}/${g.questionId} (${reasonsText(g)}): ${prompt}${texts ? `\n${texts}` : ''}`;
    });
    return [
      privateReply(
        'reports',
        [
          `${total} open report${total === 1 ? '' : 's'} of ${open.length} question${open.length === 1 ? '' : 's'}, most reported first:`,
          ...lines,
          ...(open.length > MAX_GROUPS ? [`…and ${open.length - MAX_GROUPS} more questions.`] : []),
          'Deck authors: npm run content:reports prints them with each question’s file and line.',
          closedLine,
        ].filter(Boolean),
        { title: 'Question reports' },
      ),
    ];
  };
