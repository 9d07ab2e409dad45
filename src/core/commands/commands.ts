/**
 * THE command registry: every command studybot answers, on every platform. Help, the console's list, the
 * Discord definitions and registration, the Slack manifest check, the unknown-command reply, the admin and
 * fresh-role checks and Discord's deferral all derive from this list. Adding a command is one entry here,
 * its handler, and its test.
 */

import { pauseHandler } from '../admin/pause.command.js';
import { closeHandler, postHandler } from '../admin/post.command.js';
import { setupHandler } from '../admin/setup.command.js';
import { statusHandler } from '../admin/status.command.js';
import type { CoreDeps } from '../core.deps.js';
import { EXPLAIN_USAGE, explainHandler, MAX_TERM_LENGTH } from '../explain/explain.command.js';
import type { Glossary } from '../explain/glossary.js';
import { quizHandler } from '../practice/practice.command.js';
import type { PracticeService } from '../practice/practice.service.js';
import type { QuizService } from '../quiz/quiz.service.js';
import { examHandler } from '../readiness/exam.command.js';
import { readinessHandler } from '../readiness/readiness.command.js';
import type { ReadinessService } from '../readiness/readiness.service.js';
import { recapHandler } from '../recap/recap.command.js';
import type { RecapService } from '../recap/recap.service.js';
import { deckStatsHandler } from '../reports/deck-stats.command.js';
import { reportsHandler } from '../reports/reports.command.js';
import { RECAP_CHOICES } from '../schedule/days.js';
import { leaderboardHandler } from '../scores/leaderboard.command.js';
import { PERIODS } from '../scores/periods.js';
import { statsHandler } from '../scores/stats.command.js';
import { type CommandRegistry, createCommandRegistry } from './command.registry.js';
import type { CommandSpec } from './command.types.js';
import { helpHandler } from './help.command.js';

/** What handlers are built from: the core's ports and settings, its services, and the registry itself. */
export interface UseCaseDeps extends CoreDeps {
  glossary: Glossary;
  quiz: QuizService;
  practiceService: PracticeService;
  readinessService: ReadinessService;
  recapService: RecapService;
  commands: StudybotCommands;
}

export const COMMANDS: readonly CommandSpec<UseCaseDeps>[] = [
  {
    name: 'explain',
    description: 'Explain a term from the study notes',
    summary: 'what a term means; /explain list browses every deck',
    usage: EXPLAIN_USAGE,
    immediate: true,
    anywhere: true,
    options: [
      {
        name: 'term',
        description: 'The term or abbreviation (empty or list: browse every deck)',
        kind: 'string',
        complete: 'term',
        maxLength: MAX_TERM_LENGTH,
        form: 'rest',
      },
    ],
    handler: explainHandler,
  },
  {
    name: 'quiz',
    description: 'A private practice question picked for you (never changes scores)',
    summary: 'a practice question picked for you by spaced repetition, from a deck or topic if you name one',
    usage: "/quiz [deck or topic]. With nothing, this channel's deck.",
    options: [
      {
        name: 'from',
        description: "A deck or topic to practise (default: this channel's deck)",
        kind: 'string',
        placeholder: 'deck or topic',
        complete: 'deck-or-topic',
        maxLength: 60,
      },
    ],
    handler: quizHandler,
  },
  {
    name: 'readiness',
    description: 'How ready you (or the team) are for the exam, per exam objective',
    summary: 'how ready you are for the exam, per objective; /readiness team for the channel',
    usage: '/readiness for yours, /readiness team for the team of this channel.',
    options: [
      {
        name: 'scope',
        description: 'Yours (me, the default) or the team of this channel (team)',
        kind: 'string',
        choices: ['me', 'team'],
      },
    ],
    handler: readinessHandler,
  },
  {
    name: 'exam',
    description: 'Set your exam date (or clear it): readiness and /quiz aim at that day',
    summary: 'set your exam date, e.g. /exam 2027-02-15, or /exam clear',
    usage: "/exam YYYY-MM-DD (in your team's time zone), or /exam clear.",
    options: [
      {
        name: 'date',
        description: 'YYYY-MM-DD, e.g. 2027-02-15, or clear',
        kind: 'string',
        required: true,
        placeholder: 'YYYY-MM-DD|clear',
        maxLength: 10,
      },
    ],
    handler: examHandler,
  },
  {
    name: 'leaderboard',
    description: "The team's top 10",
    summary: 'the team board',
    usage: '/leaderboard [week|month|all|channel]. With nothing, this week.',
    options: [
      { name: 'period', description: 'Which board (default: this week)', kind: 'string', choices: PERIODS },
    ],
    handler: leaderboardHandler,
  },
  {
    name: 'stats',
    description: 'Your points, streaks and weakest topic',
    summary: 'your points, streaks and weakest topic; hide or show yourself on boards',
    usage: '/stats to see yours, /stats optout to hide from leaderboards, /stats optin to show again.',
    options: [
      {
        name: 'privacy',
        description: 'Hide yourself from leaderboards (optout) or show yourself again (optin)',
        kind: 'string',
        choices: ['optout', 'optin'],
      },
    ],
    handler: statsHandler,
  },
  {
    name: 'studybot',
    description: 'Run the daily question in this channel (admins)',
    summary: 'run the daily question in this channel (admins)',
    admin: true,
    freshRole: true,
    subcommands: [
      {
        name: 'setup',
        description: 'Post a question here every day at a set time',
        summary:
          'post a question here every day, e.g. /studybot setup 09:00 Europe/Berlin weekdays adaptive recap monday',
        public: true,
        options: [
          {
            name: 'time',
            description: 'HH:MM, 24-hour, e.g. 09:00',
            kind: 'string',
            required: true,
            placeholder: 'HH:MM',
            minLength: 4,
            maxLength: 5,
          },
          {
            name: 'timezone',
            description: "IANA time zone, e.g. Europe/Berlin (default: the team's zone)",
            kind: 'string',
            placeholder: 'IANA time zone',
            complete: 'timezone',
            maxLength: 64,
          },
          {
            name: 'days',
            description: 'daily (default), weekdays, weekends, or days such as mon,wed,fri',
            kind: 'string',
            placeholder: 'daily|weekdays|weekends|mon,wed,fri',
            complete: 'days',
            maxLength: 40,
          },
          {
            name: 'deck',
            description: "The deck to ask from (default: the channel's deck, else the default deck)",
            kind: 'string',
            placeholder: 'deck id',
            complete: 'deck',
            form: 'keyword',
            maxLength: 60,
          },
          {
            name: 'adaptive',
            description: 'True: the question the team most needs; False: shuffled order again',
            kind: 'boolean',
            offWord: 'shuffled',
          },
          {
            name: 'recap',
            description: 'A weekly team recap with a chart on this day, at the same time (off: none)',
            kind: 'string',
            choices: RECAP_CHOICES,
            placeholder: 'weekday|off',
            form: 'keyword',
          },
        ],
        handler: setupHandler,
      },
      {
        name: 'post',
        description: 'Post the next question now',
        summary: 'post the next question here now',
        handler: postHandler,
      },
      {
        name: 'close',
        description: 'Close the open question and reveal its answer',
        summary: 'close the open question and reveal its answer',
        handler: closeHandler,
      },
      {
        name: 'pause',
        description: 'Stop the daily question',
        summary: 'stop the daily question here',
        handler: pauseHandler(true),
      },
      {
        name: 'resume',
        description: 'Restart the daily question',
        summary: 'restart the daily question here',
        handler: pauseHandler(false),
      },
      {
        name: 'status',
        description: 'The schedule, the next post and the latest question',
        summary: 'the schedule, the next post and the latest question here',
        handler: statusHandler,
      },
      {
        name: 'recap',
        description: "Post this week's team recap here now",
        summary: "post this week's team recap (with its readiness chart) here now",
        handler: recapHandler,
      },
      {
        name: 'reports',
        description: 'Questions this team reported, grouped by question, with reasons',
        summary: 'open reports of questions (Report button), grouped by question with counts and reasons',
        handler: reportsHandler,
      },
      {
        name: 'deck-stats',
        description: "Item analysis of this channel's deck: % right, choice shares, discrimination",
        summary: "how each question of this channel's deck performs: % right, choices, discrimination, flags",
        handler: deckStatsHandler,
      },
    ],
  },
  {
    name: 'help',
    description: 'What each studybot command does',
    summary: 'this list, or how to use one command',
    immediate: true,
    options: [
      {
        name: 'command',
        description: 'A command to explain, e.g. leaderboard',
        kind: 'string',
        maxLength: 40,
      },
    ],
    handler: helpHandler,
  },
];

export type StudybotCommands = CommandRegistry<UseCaseDeps>;

/** The registry every adapter derives its command surface from. */
export const commandRegistry: StudybotCommands = createCommandRegistry(COMMANDS);
