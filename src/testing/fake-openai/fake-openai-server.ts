import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPolicy } from './demo-policy.js';
import {
  handleSpeech,
  handleTranscription,
  parseMultipart,
  type MultipartBody,
} from './fake-openai-audio.js';
import { handleChatCompletions } from './fake-openai-chat.js';
import {
  readBody,
  sendError,
  sendFakeFailure,
  sendInjectedFailure,
  sendJson,
} from './fake-openai-http.js';
import type {
  FakeOpenAi,
  FakeOpenAiOptions,
  FakePolicy,
  RecordedRequest,
} from './fake-openai-types.js';

const DEFAULT_MODELS = ['fake-gpt', 'gpt-4o-mini', 'gpt-4o', 'whisper-1', 'tts-1'];

interface PendingFailure {
  readonly status: number;
  remaining: number;
  readonly path: string | undefined;
  readonly message: string | undefined;
}

/**
 * Starts a local server on 127.0.0.1 (a free port) that speaks OpenAI's REST wire protocol:
 * streamed and plain chat completions, the model list, transcriptions and speech. It records every
 * request, can require an API key, inject failures and add latency, and doubles as the no-key demo
 * backend through `demoPolicy`.
 *
 * @example
 * const fake = await startFakeOpenAi({ tokenIntervalMs: 20 });
 * const llm = createOpenAiLlm({ baseUrl: fake.url, model: 'fake-gpt' });
 * // …
 * await fake.close();
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const failures: PendingFailure[] = [];
  const lifetime = new AbortController();
  let policy: FakePolicy = options.policy ?? demoPolicy;
  let chatCount = 0;
  let transcriptionCount = 0;

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
    const bodyBytes = await readBody(incoming);
    const contentType = incoming.headers['content-type'] ?? '';
    let body: unknown;
    let multipart: MultipartBody | undefined;
    let malformedJson = false;
    if (bodyBytes !== undefined && bodyBytes.byteLength > 0) {
      if (contentType.startsWith('multipart/form-data')) {
        multipart = await parseMultipart(bodyBytes, contentType);
        body = multipart;
      } else if (contentType.includes('json')) {
        try {
          body = JSON.parse(bodyBytes.toString('utf8'));
        } catch {
          malformedJson = true;
          body = bodyBytes.toString('utf8');
        }
      } else {
        body = bodyBytes.toString('utf8');
      }
    }
    requests.push({
      method: incoming.method ?? 'GET',
      path,
      headers: flattenHeaders(incoming),
      body,
    });

    if (bodyBytes === undefined)
      return sendError(response, 413, 'Maximum content size limit exceeded.');
    if (
      options.apiKey !== undefined &&
      incoming.headers.authorization !== `Bearer ${options.apiKey}`
    ) {
      const message =
        incoming.headers.authorization === undefined
          ? "You didn't provide an API key. Send it in an Authorization header: Bearer <key>."
          : 'Incorrect API key provided.';
      return sendError(response, 401, message, { code: 'invalid_api_key' });
    }
    const failure = failures.find(
      (candidate) => candidate.path === undefined || path.endsWith(candidate.path),
    );
    if (failure !== undefined) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1);
      return sendInjectedFailure(response, failure.status, failure.message);
    }
    if (malformedJson)
      return sendError(response, 400, 'We could not parse the JSON body of your request.');

    const route = `${incoming.method ?? 'GET'} ${path}`;
    switch (route) {
      case 'POST /v1/chat/completions':
        return handleChatCompletions(response, body, {
          options,
          policy,
          index: chatCount++,
          serverSignal: lifetime.signal,
        });
      case 'GET /v1/models':
        return sendJson(response, 200, {
          object: 'list',
          data: (options.models ?? DEFAULT_MODELS).map((id) => ({
            id,
            object: 'model',
            created: 1_700_000_000,
            owned_by: 'switchboard-fake',
          })),
        });
      case 'POST /v1/audio/transcriptions':
        return handleTranscription(response, multipart, options, transcriptionCount++);
      case 'POST /v1/audio/speech':
        return handleSpeech(response, body, options, lifetime.signal);
      default:
        return sendError(response, 404, `Invalid URL (${route})`);
    }
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      // A bug in the fake must not take the test process down; answer 500 if still possible.
      sendFakeFailure(response, 'server', error);
      if (!response.writableEnded) response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setPolicy(next) {
      policy = next;
    },
    failNext(status, count = 1, failureOptions = {}) {
      failures.push({
        status,
        remaining: count,
        path: failureOptions.path,
        message: failureOptions.message,
      });
    },
    async close() {
      lifetime.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function flattenHeaders(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
