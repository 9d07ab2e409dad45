import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members, posts, schedules, workspaces } from '../../../src/db/schema.js';
import {
  BOT_TOKEN,
  blockText,
  buttonsOf,
  CHANNEL,
  commandForm,
  createSlackHarness,
  SIGNING_SECRET,
  type SlackHarness,
} from '../../support/slack-harness.js';
import { nowSeconds, postSigned, slackSignature } from '../../support/slack-signing.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice', isAdmin: true });
const member = () => h.user({ id: 'U0MEMBER1', name: 'mel', displayName: 'Mel' });

/** Everything that would show a side effect: rows, Slack calls, answers at response URLs. */
async function footprint() {
  const rows = async (table: typeof workspaces | typeof members | typeof schedules | typeof posts) =>
    (await h.database.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    workspaces: await rows(workspaces),
    members: await rows(members),
    schedules: await rows(schedules),
    posts: await rows(posts),
    slackCalls: h.fake.calls.length,
    responses: h.fake.responses.length,
  };
}

/** Every string studybot sent to Slack: Web API parameters and response URL bodies. */
const everythingSent = () =>
  [
    ...h.fake.calls.filter((c) => c.method.startsWith('chat.')).map((c) => JSON.stringify(c.params)),
    ...h.fake.responses.map((r) => r.raw),
  ].join('\n');

describe('requests that Slack did not sign', () => {
  it('refuses a bad signature with 401 and changes nothing', async () => {
    const before = await footprint();
    const responseUrl = h.fake.responseUrl();
    const body = commandForm(h.fake, admin(), '/studybot', 'setup 09:00', CHANNEL, responseUrl);
    const forged = await postSigned(h.eventsUrl, SIGNING_SECRET, body, {
      signature: slackSignature('not-the-signing-secret', nowSeconds(), body),
    });
    expect(forged.status).toBe(401);
    // Signed for another body: a tampered request.
    const tampered = await postSigned(h.eventsUrl, SIGNING_SECRET, body, {
      signature: slackSignature(SIGNING_SECRET, nowSeconds(), body.replace('09%3A00', '10%3A00')),
    });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a correctly signed request older than five minutes with 401 and changes nothing', async () => {
    const before = await footprint();
    const stale = await h.command(admin(), '/studybot', 'setup 09:00', { timestamp: nowSeconds() - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(await footprint()).toEqual(before);
    expect(h.fake.responsesTo(stale.responseUrl)).toEqual([]);
  });

  it("answers Slack's ssl_check and url_verification as Bolt does", async () => {
    const ssl = await postSigned(h.eventsUrl, SIGNING_SECRET, 'ssl_check=1&token=legacy');
    expect(ssl.status).toBe(200);
    const challenge = JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: 'c-123' });
    const verified = await postSigned(h.eventsUrl, SIGNING_SECRET, challenge, {
      contentType: 'application/json',
    });
    expect(verified.status).toBe(200);
    expect(JSON.parse(verified.text)).toEqual({ challenge: 'c-123' });
    const wrong = await fetch(h.eventsUrl);
    expect(wrong.status).toBe(405);
  });
});

describe('mentions and links in what users type or are called', () => {
  it('never lets /explain text become a mention or a link', async () => {
    const typed = '<!channel> <@U123> <#C1|x> <https://evil|click>';
    const sent = await h.command(member(), '/explain', typed);
    const [reply] = await h.replies(sent.responseUrl);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.raw).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;#C1|x&gt; &lt;https://evil|click&gt;');
    for (const fragment of ['<!channel>', '<@U123>', '<#C1', '<https://evil'])
      expect(reply?.raw).not.toContain(fragment);
    // Every text is plain_text, which Slack neither formats nor links.
    expect(JSON.stringify(reply?.body.blocks)).not.toContain('"mrkdwn"');
    expect(JSON.stringify(reply?.body.blocks)).toContain('"type":"plain_text"');
  });

  it('never lets a display name become a mention, in the channel or on the board', async () => {
    const eve = h.user({
      id: 'U0EVE0001',
      name: 'eve',
      displayName: '<!everyone> Eve <@U0ADMIN01> <https://evil.example|free> & co',
    });
    const channel = 'C0INJECT01';
    await h.replies((await h.command(admin(), '/studybot', 'post', { channel })).responseUrl);
    const question = h.fake.messages.find((m) => m.channel === channel);
    const prompt = h.catalog.decks[0]?.questions.find((q) => blockText(question?.blocks).includes(q.prompt));
    const right = buttonsOf(question?.blocks).find((b) => b.label === prompt?.answer);
    await h.replies(
      (await h.click(eve, right?.value ?? '', { channel, messageTs: question?.ts })).responseUrl,
    );
    await h.replies((await h.command(admin(), '/studybot', 'close', { channel })).responseUrl);
    const board = await h.command(eve, '/leaderboard', 'all', { channel });
    const [shown] = await h.replies(board.responseUrl);

    const reveal = h.fake.messages.find((m) => m.channel === channel && m.threadTs === question?.ts);
    expect(blockText(reveal?.blocks)).toContain(
      '&lt;!everyone&gt; Eve &lt;@U0ADMIN01&gt; &lt;https://evil.example|free&gt; &amp; co',
    );
    expect(blockText(shown?.body.blocks)).toContain('&lt;!everyone&gt; Eve');
    // Nothing studybot sent anywhere holds a raw "<": no mention, channel link or URL link can form.
    expect(everythingSent()).not.toContain('<');
    for (const call of h.fake.calls) expect(call.params).not.toHaveProperty('link_names');
    for (const response of h.fake.responses) expect(response.body).not.toHaveProperty('link_names');
  });

  it('keeps tokens, secrets, response URLs and typed text out of the logs', async () => {
    const logs = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(0);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, `${h.fake.baseUrl}/response/`, '<!channel>', 'evil'])
      expect(logs).not.toContain(secret);
  });
});

describe('/studybot for admins only', () => {
  it('politely refuses a member, posts nothing and stores no schedule', async () => {
    const before = await footprint();
    const post = await h.command(member(), '/studybot', 'post', { channel: 'C0REFUSE01' });
    const refused = await h.handled(post);
    expect((await h.replies(post.responseUrl))[0]?.body.response_type).toBe('ephemeral');
    expect(refused.codes).toEqual(['NOT_ADMIN']);
    const setup = await h.command(member(), '/studybot', 'setup 09:00', { channel: 'C0REFUSE01' });
    const again = await h.handled(setup);
    expect((await h.replies(setup.responseUrl))[0]?.body.response_type).toBe('ephemeral');
    expect(again.codes).toEqual(['NOT_ADMIN']);
    const after = await footprint();
    expect(after.posts).toBe(before.posts);
    expect(after.schedules).toBe(before.schedules);
    expect(h.fake.messages.filter((m) => m.channel === 'C0REFUSE01')).toEqual([]);
  });

  it('changes nothing when Slack cannot say who the caller is', async () => {
    const before = await footprint();
    const unknown = h.user({ id: 'U0NEW0001', name: 'newbie', isAdmin: true });
    h.fake.once('users.info', { error: 'ratelimited' });
    const post = await h.command(unknown, '/studybot', 'post', { channel: 'C0UNKNOWN1' });
    const event = await h.handled(post);
    expect((await h.replies(post.responseUrl))[0]?.body.response_type).toBe('ephemeral');
    expect(event.codes).toEqual(['ROLE_UNAVAILABLE']);
    expect((await footprint()).posts).toBe(before.posts);
    // Asked again, Slack answers and the admin gets through: a failed lookup is not cached.
    const again = await h.command(unknown, '/studybot', 'status', { channel: 'C0UNKNOWN1' });
    expect(blockText((await h.replies(again.responseUrl))[0]?.body.blocks)).toContain(
      'studybot in this channel',
    );
  });

  it('asks Slack who a user is once, not on every command', async () => {
    const cached = h.user({ id: 'U0CACHED1', name: 'cache', displayName: 'Cached Carl' });
    for (const command of ['/stats', '/leaderboard', '/quiz']) {
      await h.replies((await h.command(cached, command)).responseUrl);
    }
    expect(h.fake.callsTo('users.info').filter((c) => c.params.user === 'U0CACHED1')).toHaveLength(1);
  });
});
