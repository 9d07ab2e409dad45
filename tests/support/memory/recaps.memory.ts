import type { AnswerTally, RecapPort, WeekScorer } from '../../../src/core/recap/recap.port.js';
import type { MemoryTables } from './memory.tables.js';

interface MemoryRecap {
  id: number;
  channelId: number;
  slot: string;
  status: 'claimed' | 'posted' | 'failed';
  leaseUntil: Date | null;
  postedAt: Date | null;
  data: unknown;
}

/** Recaps in memory: the same claims and figures as src/db/recap.store.ts. */
export function createMemoryRecaps(t: MemoryTables): RecapPort {
  const rows: MemoryRecap[] = [];
  const visible = (memberId: number) => t.members.find((m) => m.id === memberId && !m.leaderboardOptOut);
  const inWeek = (channelId: number, since: Date, until: Date) =>
    t.answers.filter((a) => a.channelId === channelId && a.at >= since && a.at < until);
  return {
    async claimRecap({ channelId, slot, now, leaseUntil }) {
      const row = rows.find((r) => r.channelId === channelId && r.slot === slot);
      if (!row) {
        const id = t.nextId('recaps');
        rows.push({ id, channelId, slot, status: 'claimed', leaseUntil, postedAt: null, data: null });
        return { kind: 'claimed', id };
      }
      if (row.status === 'claimed' && row.leaseUntil && row.leaseUntil < now) {
        row.leaseUntil = leaseUntil;
        return { kind: 'claimed', id: row.id };
      }
      return { kind: 'taken' };
    },
    async finishRecap(id, outcome) {
      const row = rows.find((r) => r.id === id);
      if (!row) return;
      Object.assign(row, {
        status: outcome.status,
        leaseUntil: null,
        postedAt: outcome.status === 'posted' ? outcome.at : null,
        data: outcome.data ?? null,
      });
    },
    async previousRecap(channelId, before) {
      const [row] = rows
        .filter(
          (r) => r.channelId === channelId && r.status === 'posted' && r.postedAt && r.postedAt <= before,
        )
        .sort((a, b) => (b.postedAt?.getTime() ?? 0) - (a.postedAt?.getTime() ?? 0));
      return row?.postedAt ? { postedAt: row.postedAt, data: row.data } : undefined;
    },
    async topScorers(channelId, since, until, limit) {
      const by = new Map<number, WeekScorer & { last: number }>();
      for (const a of inWeek(channelId, since, until)) {
        const member = visible(a.memberId);
        if (!member) continue;
        const s = by.get(a.memberId) ?? {
          memberId: a.memberId,
          displayName: member.displayName,
          points: 0,
          correct: 0,
          answers: 0,
          last: 0,
        };
        s.points += a.points;
        s.correct += a.correct ? 1 : 0;
        s.answers += 1;
        s.last = Math.max(s.last, a.at.getTime());
        by.set(a.memberId, s);
      }
      return [...by.values()]
        .sort(
          (a, b) =>
            b.points - a.points || b.correct - a.correct || a.last - b.last || a.memberId - b.memberId,
        )
        .slice(0, limit)
        .map(({ last: _last, ...s }) => s);
    },
    async streakLeaders(channelId, minSeq, limit) {
      return t.streaks
        .filter((s) => s.channelId === channelId && s.lastSeq >= minSeq && s.current >= 2)
        .map((s) => ({ s, member: visible(s.memberId) }))
        .filter((x) => x.member !== undefined)
        .sort((a, b) => b.s.current - a.s.current || a.s.memberId - b.s.memberId)
        .slice(0, limit)
        .map(({ s, member }) => ({
          displayName: member?.displayName ?? '',
          current: s.current,
          best: s.best,
        }));
    },
    async answerTallies(channelId, since, until) {
      const out = new Map<string, AnswerTally>();
      for (const p of t.posts) {
        if (p.channelId !== channelId || !p.postedAt || p.postedAt < since || p.postedAt >= until) continue;
        for (const a of t.answers.filter((x) => x.postId === p.id)) {
          const key = `${p.id}|${a.choice}|${a.correct}`;
          const tally = out.get(key) ?? {
            postId: p.id,
            deckId: p.deckId,
            questionId: p.questionId,
            choice: a.choice,
            correct: a.correct,
            count: 0,
          };
          tally.count += 1;
          out.set(key, tally);
        }
      }
      return [...out.values()].sort((a, b) => a.postId - b.postId || a.choice.localeCompare(b.choice));
    },
    async participation(channelId, since, until) {
      const week = inWeek(channelId, since, until);
      return { members: new Set(week.map((a) => a.memberId)).size, answers: week.length };
    },
  };
}
