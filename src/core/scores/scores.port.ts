/** Leaderboards and personal statistics, read from the running totals the answers keep. */

export interface LeaderboardRow {
  rank: number;
  memberId: number;
  displayName: string;
  points: number;
  correct: number;
  answered: number;
}

export interface Leaderboard {
  top: LeaderboardRow[];
  /** The caller's own row when it is outside the top (and the caller is visible). */
  me: LeaderboardRow | undefined;
  /** Visible members on the board. */
  total: number;
}

export interface MemberTotals {
  points: number;
  correct: number;
  answered: number;
}

export interface StreakRow {
  channelId: number;
  lastSeq: number;
  current: number;
  best: number;
}

export interface TopicStat {
  topic: string;
  answered: number;
  correct: number;
}

export interface ScoresPort {
  /** The top `limit` of a board (`all`, `week:…`, `month:…`, `channel:<id>`) and the caller's row below it. */
  leaderboard(workspaceId: number, board: string, memberId: number, limit: number): Promise<Leaderboard>;
  /** The member's totals on one board (`all` by default; `week:…` for this week), hidden or not. */
  memberTotals(workspaceId: number, memberId: number, board?: string): Promise<MemberTotals>;
  streaks(memberId: number): Promise<StreakRow[]>;
  /** Each channel's latest post number, and whether that post is still open. */
  channelSeqs(channelIds: number[]): Promise<Map<number, { seq: number; open: boolean }>>;
  topicStats(memberId: number): Promise<TopicStat[]>;
  /** Questions the member got wrong in one topic, most recent first. */
  wrongQuestionIds(memberId: number, topic: string): Promise<{ deckId: string; questionId: string }[]>;
}
