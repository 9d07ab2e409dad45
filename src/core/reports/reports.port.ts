/** Reports of questions by members (wrong key, unclear, …), one per member and question. */

/** Why a member reports a question; the order is the order forms offer them. */
export const REPORT_REASONS = ['wrong-key', 'unclear', 'outdated', 'typo', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  'wrong-key': 'The marked answer is wrong',
  unclear: 'The question is unclear',
  outdated: 'It is out of date',
  typo: 'A typo or a broken word',
  other: 'Something else',
};

/** The longest report text kept, in grapheme clusters (longer text is cut by core/user-text.ts). */
export const REPORT_TEXT_MAX = 300;

export interface ReportInput {
  workspaceId: number;
  memberId: number;
  deckId: string;
  questionId: string;
  /** The version of the question the member saw (core/content/question-version.ts). */
  questionVersion: string;
  reason: ReportReason;
  /** Already cleaned by cleanUserText; null when the member wrote nothing. */
  text: string | null;
  at: Date;
}

export interface ReportRow extends Omit<ReportInput, 'at'> {
  id: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReportsPort {
  /**
   * Stores a member's report of a question. One per member and question: a second report replaces the
   * first's reason, text and version (`updated`), keeping when it was first made.
   */
  saveReport(input: ReportInput): Promise<{ kind: 'created' | 'updated'; report: ReportRow }>;
  /** Reports of one workspace, or of every workspace when `workspaceId` is undefined; oldest first. */
  listReports(workspaceId: number | undefined): Promise<ReportRow[]>;
}
