/** What /readiness says: every number here is explained in docs/readiness.md. */
import { drillAction, explainAction } from '../actions.js';
import type { Deck } from '../content/content.loader.js';
import { privateReply, quoteUserText, type Reply, type ReplyButton } from '../replies.js';
import { DEFAULT_TARGET, type Readiness } from './readiness.model.js';
import type { Misconception } from './readiness.port.js';
import { inDays, type PersonalReadiness, type TeamSnapshot } from './readiness.service.js';

const pct = (share: number) => `${Math.round(100 * share)}%`;

/**
 * "CLF-C02 (AWS Certified Cloud Practitioner)", with the domain the deck covers when its blueprint names one
 * (", Domain 2: Security and Compliance"), or the deck's title when it names no exam.
 */
export const examName = (deck: Deck) => {
  const exam = deck.meta.exam;
  if (!exam) return deck.meta.title;
  return `${exam.code} (${exam.title})${exam.domain ? `, ${exam.domain}` : ''}`;
};

/**
 * What the figures are a share of: the exam, or the one domain of it the deck covers. `questions`: "this
 * exam's questions" / "this domain's exam questions"; `whole`: "the exam" / "the domain".
 */
export const examScope = (deck: Deck) =>
  deck.meta.exam?.domain
    ? { questions: "this domain's exam questions", whole: 'the domain' }
    : { questions: "this exam's questions", whole: 'the exam' };

const objectiveLines = (deck: Deck, r: Pick<Readiness, 'objectives'>, weightTotal: number) =>
  r.objectives.map(
    (o) =>
      `• ${o.title} (${pct(o.weight / weightTotal)} of ${examScope(deck).whole}): ${pct(o.recall)} · seen ${o.seen} of ${o.questions}`,
  );

const weightTotal = (r: Pick<Readiness, 'objectives'>) => r.objectives.reduce((s, o) => s + o.weight, 0) || 1;

/** The member who has answered nothing in this deck yet: an empty state, not zeros presented as facts. */
export function noHistoryReply(deck: Deck): Reply {
  return privateReply(
    'readiness',
    [
      `You have not answered any question of ${deck.meta.title} yet, so there is nothing to measure.`,
      'Answer the daily question or type /quiz: your readiness per exam objective appears after your first answer.',
    ],
    { title: `Your readiness · ${examName(deck)}` },
  );
}

export interface PersonalView extends PersonalReadiness {
  deck: Deck;
  daysToExam: number | undefined;
}

/** `/readiness`: per objective, the total, the exam day, and the three weakest items with buttons. */
export function personalReply(view: PersonalView): Reply {
  const { deck, today, exam } = view;
  // Right after an answer every card is at 100%, so the weakest are ranked by recall a day from now.
  const { weakest } = view;
  const buttons: ReplyButton[] = [];
  const explained = new Set<string>();
  const weakLines = weakest.map((w, i) => {
    const q = deck.questionById.get(w.questionId);
    buttons.push({ actionId: drillAction(deck.meta.id, w.questionId), label: `Practise ${i + 1}` });
    // One Explain button per term: two weak questions often share theirs.
    for (const term of q?.terms.slice(0, 1) ?? [])
      if (deck.termById.has(term) && !explained.has(term)) {
        explained.add(term);
        buttons.push({ actionId: explainAction(term), label: `Explain ${term}` });
      }
    return `${i + 1}. ${quoteUserText(q?.prompt ?? w.questionId, 90)} (${pct(w.recall)} tomorrow)`;
  });
  const lines = [
    `Expected share of ${examScope(deck).questions} you would get right today: ${pct(today.total)}. You have seen ${today.seen} of ${today.questions} questions.`,
    ...objectiveLines(deck, today, weightTotal(today)),
  ];
  if (exam) {
    lines.push(
      `On your exam day, ${exam.date} (${inDays(view.daysToExam ?? 0)}), if you stop practising now: ${pct(exam.total)}.`,
    );
  } else lines.push('Set your exam date with /exam YYYY-MM-DD to see your readiness on that day.');
  if (today.seen < today.questions)
    lines.push(
      `Questions you have not seen count at the team's first-try rate (about ${pct(view.unseenPrior)}), not at zero.`,
    );
  if (weakLines.length > 0) lines.push('Your weakest items (predicted recall a day from now):', ...weakLines);
  return privateReply('readiness', lines, {
    title: `Your readiness · ${examName(deck)}`,
    buttons,
    footer: `Predicted recall by FSRS (desired retention 90%); target ${pct(DEFAULT_TARGET)}. What the numbers mean: docs/readiness.md.`,
  });
}

export interface TeamView {
  deck: Deck;
  snapshot: TeamSnapshot;
  computedAt: string;
}

/** `/readiness team`: the channel's team per objective, at target, this week, and common misconceptions. */
export function teamReply(view: TeamView): Reply {
  const { deck, snapshot } = view;
  if (snapshot.members === 0) {
    return privateReply(
      'readiness',
      [
        'Nobody has answered a daily question in this channel in the last 30 days, so there is no team to measure yet.',
        'Start one with /studybot setup 09:00, or post one now with /studybot post.',
      ],
      { title: `Team readiness · ${examName(deck)}` },
    );
  }
  const byQuestion = new Map<string, { total: number; top: Misconception }>();
  for (const m of snapshot.misconceptions) {
    const entry = byQuestion.get(m.questionId);
    if (entry) entry.total += m.count;
    else byQuestion.set(m.questionId, { total: m.count, top: m });
  }
  const misconceptionLines = [...byQuestion.values()]
    .sort((a, b) => b.total - a.total)
    .slice(0, 3)
    .map(({ total, top }) => {
      const q = deck.questionById.get(top.questionId);
      const choice = q?.choices[top.choice.charCodeAt(0) - 65] ?? '';
      return `• ${quoteUserText(q?.prompt ?? top.questionId, 80)}: ${total} wrong, most picked ${top.choice}. ${quoteUserText(choice, 60)}`;
    });
  const people = (n: number) => `${n} member${n === 1 ? '' : 's'}`;
  return privateReply(
    'readiness',
    [
      `${people(snapshot.members)} answered here in the last 30 days. Expected share of ${examScope(deck).questions} the team would get right today: ${pct(snapshot.total)} (the average member).`,
      `At or above the ${pct(DEFAULT_TARGET)} target: ${snapshot.atTarget} of ${snapshot.members}.`,
      ...objectiveLines(deck, snapshot, weightTotal(snapshot)),
      `This week: ${people(snapshot.week.members)} answered, ${snapshot.week.answers} answer${snapshot.week.answers === 1 ? '' : 's'}.`,
      ...(misconceptionLines.length > 0
        ? ['Most common misconceptions (wrong answers not marked as guesses):', ...misconceptionLines]
        : ['No wrong answers (other than guesses) in the last 30 days.']),
    ],
    {
      title: `Team readiness · ${examName(deck)}`,
      footer: `As of ${view.computedAt}; recomputed within minutes of new answers. Members who hide from leaderboards count here, never by name. docs/readiness.md explains the numbers.`,
    },
  );
}
