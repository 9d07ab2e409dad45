import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../../src/core/publishing/publisher.port.js';
import { answers } from '../../../src/db/schema.js';
import { type DiscordHarness, startDiscordHarness } from '../../support/discord-harness.js';
import { PERMS, snowflake } from '../../support/fake-discord.js';

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

let h: DiscordHarness;
beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startDiscordHarness({ logLevel: 'info' });
});
afterAll(async () => {
  await h?.close();
  process.off('unhandledRejection', onRejection);
});

interface Message {
  embeds?: { title?: string; description?: string }[];
}
const explainScp = () => h.fake.command('explain', [h.fake.str('term', 'scp')], h.fake.user('Alice'));

describe('the Discord adapter keeps running', () => {
  it('survives a REST error on an interaction: logs the cause, stores nothing, and answers the next one', async () => {
    const admin = h.fake.user('Ada', PERMS.manageServer);
    await h.fake.ask(h.fake.studybot('post', [], admin));
    const post = h.fake.calls.find((c) => c.method === 'POST' && c.path.startsWith('/channels/'));
    const postId = Number(String(JSON.stringify(post?.body)).match(/answer:(\d+):/)?.[1]);

    // Discord says the interaction expired (10062), for the deferral and for the error reply alike.
    h.fake.failNext({
      method: 'POST',
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 404,
      body: { message: 'Unknown interaction', code: 10062 },
      times: 2,
    });
    const click = h.fake.button(`answer:${postId}:A`, h.fake.user('Bo'));
    await h.fake.interact(click);
    await h.fake.waitForCall((c) => c.path.includes(String(click.token)) && c.status === 404);
    const failure = await waitForLog(/handling a discord event failed/);
    expect(failure.err?.message).toContain('Unknown interaction');
    expect(JSON.stringify(h.logs)).not.toContain(String(click.token));
    await waitForLog(/could not send the replies/);
    expect(await h.database.db.select().from(answers).where(eq(answers.postId, postId))).toHaveLength(0);

    const next = await h.fake.ask(explainScp());
    expect(next.body.embeds).toBeDefined();
  });

  it('survives a broken gateway connection: logs the shard error, resumes the session, and answers again', async () => {
    const sessionId = h.fake.sessionId;
    const connections = h.fake.connections.length;
    h.fake.breakGateway();
    const error = await waitForLog(/gateway connection error/);
    expect(error.err?.message).toMatch(/opcode/i);
    const resume = await h.fake.waitForFrame((f) => f.op === 6);
    expect(resume.d).toMatchObject({ session_id: sessionId });
    expect(h.fake.connections.length).toBe(connections + 1);
    await h.waitForHealth(200);
    const answer = await h.fake.ask(explainScp());
    expect(answer).toMatchObject({ via: 'reply', ephemeral: true });
  });

  it('answers privately with a generic apology when the core fails, and /healthz tells operators', async () => {
    await h.database.db.execute(sql`alter table members rename to members_away`);
    try {
      const asked = h.fake.command('stats', [], h.fake.user('Cy'));
      const answer = await h.fake.ask(asked);
      const event = await h.handled(asked);
      expect(answer.ephemeral).toBe(true);
      expect(event).toMatchObject({ name: 'stats', outcome: 'error', codes: ['INTERNAL'] });
      const logged = await waitForLog(/handling a discord event failed/, (l) =>
        /members/.test(String(l.err?.message)),
      );
      expect(logged).toMatchObject({ module: 'inbound', platform: 'discord' });
    } finally {
      await h.database.db.execute(sql`alter table members_away rename to members`);
    }
    const again = await h.fake.ask(h.fake.command('stats', [], h.fake.user('Cy')));
    expect((again.body as Message).embeds?.[0]?.title).toBe('Stats for Cy');
  });

  it('maps a 401 on a channel post to "unreachable" (the token was reset)', async () => {
    // Last in this file: after a 401 @discordjs/rest forgets the token for every later request.
    const channelId = snowflake();
    h.fake.failNext({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), status: 401 });
    const error = await h.adapter.publisher
      .post(
        { platform: 'discord', workspaceExternalId: h.fake.guildId, channelExternalId: channelId },
        {
          kind: 'question',
          visibility: 'channel',
          lines: ['?'],
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).kind).toBe('unreachable');
    expect((error as PublishError).message).toContain('DISCORD_TOKEN');
  });

  it('never let a promise rejection go unhandled', () => {
    expect(rejections).toEqual([]);
  });
});

async function waitForLog(
  msg: RegExp,
  extra: (l: DiscordHarness['logs'][number]) => boolean = () => true,
): Promise<DiscordHarness['logs'][number]> {
  for (let i = 0; i < 400; i++) {
    const line = h.logs.find((l) => msg.test(l.msg) && extra(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no log line ${msg}: ${JSON.stringify(h.logs.map((l) => l.msg))}`);
}
