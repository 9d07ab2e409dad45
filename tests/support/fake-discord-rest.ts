/**
 * The fake Discord REST API under `/api/v<n>`: what discord.js and studybot call, recorded with bodies
 * and answers. Scripted failures win over the routes; bot routes need `Authorization: Bot <token>`,
 * interaction callbacks and webhooks are authorised by the token in their URL, as on Discord.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type FakeState,
  type Json,
  messageObject,
  type RecordedCall,
  snowflake,
  type UploadedFile,
} from './fake-discord-state.js';

type Route = [
  method: string,
  path: RegExp,
  handle: (m: RegExpExecArray, body: Json, query: URLSearchParams) => [number, unknown?],
];

function routes(state: FakeState): Route[] {
  const { messages, botUser, applicationId } = state;
  const withIds = (body: unknown) =>
    Array.isArray(body)
      ? body.map((c: Json) => ({
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...c,
        }))
      : body;
  return [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => [
        200,
        {
          url: state.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ],
    ],
    ['GET', /^\/users\/@me$/, () => [200, botUser]],
    [
      'GET',
      /^\/applications\/@me$/,
      () => [
        200,
        { id: applicationId, name: 'studybot', description: '', bot_public: true, flags: 0, bot: botUser },
      ],
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/commands$/,
      (_m, body) => {
        state.commands = { scope: 'global', body };
        return [200, withIds(body)];
      },
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (m, body) => {
        state.commands = { scope: `guild:${m[2]}`, body };
        return [200, withIds(body)];
      },
    ],
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (m, body, query) =>
        query.get('with_response') === 'true'
          ? [200, { interaction: { id: m[1], type: 2 }, resource: { type: body.type } }]
          : [204],
    ],
    [
      'GET',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      () => [200, messageObject(state, state.channelId, {})],
    ],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      (_m, body) => [200, messageObject(state, state.channelId, body)],
    ],
    ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, () => [204]],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      (_m, body) => [200, messageObject(state, state.channelId, body)],
    ],
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      (m, body) => {
        const message = messageObject(state, m[1] ?? '', body);
        messages.set(String(message.id), message);
        return [200, message];
      },
    ],
    [
      'PATCH',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      (m, body) => {
        const existing = messages.get(m[2] ?? '');
        if (!existing || existing.channel_id !== m[1])
          return [404, { message: 'Unknown Message', code: 10008 }];
        const updated = { ...existing, ...body, edited_timestamp: new Date().toISOString() };
        messages.set(String(existing.id), updated);
        return [200, updated];
      },
    ],
    [
      'GET',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      (m) => {
        const existing = messages.get(m[2] ?? '');
        return existing ? [200, existing] : [404, { message: 'Unknown Message', code: 10008 }];
      },
    ],
  ];
}

/** Interaction callbacks and webhooks are authorised by their token in the URL, not the bot token. */
const needsBotToken = (path: string) => !/^\/(interactions|webhooks)\//.test(path);

function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** The HTTP request handler of the fake's REST API. */
export function createRestHandler(state: FakeState) {
  const table = routes(state);

  function handle(req: IncomingMessage, res: ServerResponse, raw: string, files?: UploadedFile[]) {
    const url = new URL(req.url ?? '/', state.base);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    let body: Json = {};
    try {
      body = raw === '' ? {} : (JSON.parse(raw) as Json);
    } catch {
      body = { unparsed: raw };
    }
    if (files) body = withAttachments(state, body, files);
    const call: RecordedCall = {
      ...(files ? { files } : {}),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: raw === '' ? undefined : body,
      authorization: req.headers.authorization,
      status: 0,
      response: undefined,
    };
    const finish = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      call.status = status;
      call.response = payload;
      state.calls.push(call);
      reply(res, status, payload, headers);
      state.events.emit('call', call);
    };

    const failure = state.failures.find((f) => (f.method ?? method) === method && f.path.test(path));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) state.failures.splice(state.failures.indexOf(failure), 1);
      finish(failure.status, failure.body ?? { message: 'Scripted failure', code: 0 }, failure.headers);
      return;
    }
    if (needsBotToken(path) && req.headers.authorization !== `Bot ${state.token}`) {
      finish(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    for (const [m, pattern, handler] of table) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) {
        const [status, payload] = handler(match, body, url.searchParams);
        finish(status, payload);
        return;
      }
    }
    finish(404, { message: '404: Not Found', code: 0 });
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('multipart/form-data')) return handle(req, res, bytes.toString('utf8'));
      // An upload (message with attachments): `payload_json` is the JSON body, `files[n]` the files.
      void readMultipart(type, bytes).then(
        ({ json, files }) => handle(req, res, json, files),
        () => reply(res, 400, { message: 'Invalid Form Body', code: 50035 }),
      );
    });
  };
}

/** Splits a multipart body into its `payload_json` and its file parts. */
async function readMultipart(type: string, bytes: Buffer): Promise<{ json: string; files: UploadedFile[] }> {
  const form = await new Request('http://fake.discord/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: bytes,
  }).formData();
  const files: UploadedFile[] = [];
  let json = '';
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') json = value;
      continue;
    }
    const blob = value as Blob & { name?: string };
    files.push({
      field,
      name: blob.name ?? field,
      contentType: blob.type,
      bytes: Buffer.from(await blob.arrayBuffer()),
    });
  }
  return { json, files };
}

/** The message's `attachments` as Discord returns them: each file part with an id, size and URL. */
function withAttachments(state: FakeState, body: Json, files: UploadedFile[]): Json {
  const declared = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
  const attachments = files.map((file, i) => {
    const meta = declared.find((a) => Number(a.id) === i) ?? {};
    const id = snowflake();
    return {
      id,
      filename: typeof meta.filename === 'string' ? meta.filename : file.name,
      description: meta.description,
      content_type: file.contentType,
      size: file.bytes.length,
      url: `${state.base}/attachments/${id}/${file.name}`,
      proxy_url: `${state.base}/attachments/${id}/${file.name}`,
    };
  });
  return { ...body, attachments };
}
