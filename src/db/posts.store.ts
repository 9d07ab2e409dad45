import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { PostRow, PostsPort, RevealStats } from '../core/quiz/posts.port.js';
import type { Database } from './client.js';
import { toPost } from './rows.js';
import { answers, channels, members, posts } from './schema.js';

/** Posts kept in memory for answer clicks: enough for every question open at once in a big install. */
const POST_CACHE_SIZE = 5000;

/** Posts: going live, closing, reveals and their figures. */
export function createPostsStore(database: Database): PostsPort {
  const { db } = database;
  // Every answer click looks its post up. A live post's question, channel and workspace never change and a
  // closed post never reopens, so a cached copy is safe to answer from: the answer statement re-checks that
  // the post is still open (another replica may have closed it).
  const cache = new Map<number, PostRow>();
  const remember = (post: PostRow) => {
    if (post.status !== 'open' && post.status !== 'closed') return;
    cache.delete(post.id);
    cache.set(post.id, post);
    if (cache.size > POST_CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  };
  return {
    async markPosted(
      postId: number,
      input: { messageRef: string; postedAt: Date; closesAt: Date; questionVersion: string },
    ): Promise<PostRow> {
      return database.transaction(async (tx) => {
        const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for('update');
        if (!post) throw new Error(`post ${postId} does not exist`);
        if (post.status === 'open' || post.status === 'closed') return toPost(post);
        const [channel] = await tx
          .update(channels)
          .set({ postSeq: sql`${channels.postSeq} + 1` })
          .where(eq(channels.id, post.channelId))
          .returning({ postSeq: channels.postSeq });
        const [updated] = await tx
          .update(posts)
          .set({
            status: 'open',
            seq: channel?.postSeq ?? null,
            messageRef: input.messageRef,
            questionVersion: input.questionVersion,
            postedAt: input.postedAt,
            closesAt: input.closesAt,
            attempts: sql`${posts.attempts} + 1`,
            lastError: null,
          })
          .where(eq(posts.id, postId))
          .returning();
        if (!updated) throw new Error(`post ${postId} vanished`);
        const live = toPost(updated);
        remember(live);
        return live;
      });
    },

    async claimUnrevealed(now: Date, leaseUntil: Date): Promise<PostRow[]> {
      // Taking the reveal lease in the UPDATE makes a retry exclusive across replicas.
      const rows = await db
        .update(posts)
        .set({ revealLeaseUntil: leaseUntil })
        .where(
          and(
            eq(posts.status, 'closed'),
            isNull(posts.revealedAt),
            isNotNull(posts.messageRef),
            gte(posts.closedAt, new Date(now.getTime() - 86_400_000)),
            or(isNull(posts.revealLeaseUntil), lt(posts.revealLeaseUntil, now)),
          ),
        )
        .returning();
      return rows.map(toPost);
    },

    async markPostFailed(postId: number, error: string, final: boolean): Promise<void> {
      await db
        .update(posts)
        .set({
          attempts: sql`${posts.attempts} + 1`,
          lastError: error.slice(0, 500),
          ...(final ? { status: 'failed' as const } : {}),
        })
        .where(and(eq(posts.id, postId), eq(posts.status, 'claimed')));
    },

    async getPost(postId: number): Promise<PostRow | undefined> {
      const cached = cache.get(postId);
      if (cached) return cached;
      const [row] = await db.select().from(posts).where(eq(posts.id, postId));
      if (!row) return undefined;
      const post = toPost(row);
      remember(post);
      return post;
    },

    async openPosts(channelId: number): Promise<PostRow[]> {
      const rows = await db
        .select()
        .from(posts)
        .where(and(eq(posts.channelId, channelId), eq(posts.status, 'open')))
        .orderBy(asc(posts.id));
      return rows.map(toPost);
    },

    async expiredPosts(now: Date): Promise<PostRow[]> {
      const rows = await db
        .select()
        .from(posts)
        .where(and(eq(posts.status, 'open'), isNotNull(posts.closesAt), lte(posts.closesAt, now)))
        .orderBy(asc(posts.closesAt))
        .limit(500);
      return rows.map(toPost);
    },

    async latestPost(channelId: number): Promise<PostRow | undefined> {
      const [row] = await db
        .select()
        .from(posts)
        .where(and(eq(posts.channelId, channelId), ne(posts.status, 'skipped')))
        .orderBy(desc(posts.id))
        .limit(1);
      return row ? toPost(row) : undefined;
    },

    async closePost(postId: number, at: Date, revealLeaseUntil: Date): Promise<PostRow | undefined> {
      // The UPDATE waits for answers in flight (they hold FOR SHARE on the post), so the reveal counts
      // every answer that was confirmed.
      const [row] = await db
        .update(posts)
        .set({ status: 'closed', closedAt: at, revealLeaseUntil })
        .where(and(eq(posts.id, postId), eq(posts.status, 'open')))
        .returning();
      if (!row) {
        cache.delete(postId);
        return undefined;
      }
      const closed = toPost(row);
      remember(closed);
      return closed;
    },

    async markRevealed(postId: number, at: Date): Promise<void> {
      await db.update(posts).set({ revealedAt: at }).where(eq(posts.id, postId));
    },

    async markRevealFailed(postId: number, reason: string, at: Date): Promise<void> {
      await db
        .update(posts)
        .set({ revealedAt: at, revealError: reason.slice(0, 500) })
        .where(eq(posts.id, postId));
    },

    async revealState(postId: number) {
      const [row] = await db
        .select({ revealedAt: posts.revealedAt, revealError: posts.revealError })
        .from(posts)
        .where(eq(posts.id, postId));
      if (!row) return undefined;
      if (row.revealError !== null) return { kind: 'failed' as const, reason: row.revealError };
      return row.revealedAt ? { kind: 'revealed' as const } : { kind: 'pending' as const };
    },

    async answerCount(postId: number): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(answers)
        .where(eq(answers.postId, postId));
      return Number(row?.n ?? 0);
    },

    async revealStats(postId: number): Promise<RevealStats> {
      const [counts] = await db
        .select({
          answered: sql<number>`count(*)::int`,
          correct: sql<number>`(count(*) filter (where ${answers.correct}))::int`,
        })
        .from(answers)
        .where(eq(answers.postId, postId));
      const [first] = await db
        .select({ displayName: members.displayName, at: answers.answeredAt })
        .from(answers)
        .innerJoin(members, eq(members.id, answers.memberId))
        .where(and(eq(answers.postId, postId), eq(answers.correct, true)))
        .orderBy(asc(answers.answeredAt), asc(answers.memberId))
        .limit(1);
      return {
        answered: Number(counts?.answered ?? 0),
        correct: Number(counts?.correct ?? 0),
        firstCorrect: first ? { displayName: first.displayName, at: first.at } : undefined,
      };
    },
  };
}
