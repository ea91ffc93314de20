/** A tool call the fake model makes. The server serialises `arguments` and streams it in pieces. */
export interface FakeToolCall {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** What the fake model answers to one chat request. */
export interface FakeReply {
  readonly text?: string;
  readonly toolCalls?: readonly FakeToolCall[];
  /** Overrides the finish reason (default `tool_calls` when there are calls, else `stop`). */
  readonly finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /**
   * Sent verbatim as the whole SSE body instead of the generated chunks (streaming requests
   * only), for protocol edge cases: malformed lines, mid-stream errors, missing `[DONE]`.
   */
  readonly rawSse?: string;
  /**
   * The model declines to answer: a plain (non-streamed) reply carries it in `message.refusal`
   * with `content: null`, as structured-output refusals do.
   */
  readonly refusal?: string;
}

/** A chat message as clients send it on the wire. */
export interface ChatRequestMessage {
  readonly role: string;
  readonly content?: string | null | readonly { readonly type: string; readonly text?: string }[];
  readonly tool_calls?: readonly {
    readonly id: string;
    readonly type: string;
    readonly function: { readonly name: string; readonly arguments: string };
  }[];
  readonly tool_call_id?: string;
  readonly name?: string;
}

export interface ChatRequestTool {
  readonly type: string;
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters?: Readonly<Record<string, unknown>>;
  };
}

/** `response_format` of a chat request: plain text, any JSON object, or JSON matching a schema. */
export interface ChatResponseFormat {
  readonly type: string;
  readonly json_schema?: {
    readonly name?: string;
    readonly description?: string;
    readonly strict?: boolean | null;
    readonly schema?: Readonly<Record<string, unknown>>;
  };
}

/** The parsed body of `POST /v1/chat/completions`, as the client sent it. */
export interface ChatRequestBody {
  readonly model: string;
  readonly messages: readonly ChatRequestMessage[];
  readonly tools?: readonly ChatRequestTool[];
  readonly tool_choice?: unknown;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly temperature?: number;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly parallel_tool_calls?: boolean;
  readonly response_format?: ChatResponseFormat;
  readonly [key: string]: unknown;
}

/** Decides the fake model's reply; `index` counts chat requests from 0. */
export type FakePolicy = (
  request: ChatRequestBody,
  index: number,
) => FakeReply | Promise<FakeReply>;

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Parsed JSON for JSON bodies, `{ fields, file }` for multipart bodies, the raw text for
   * anything else, `undefined` when there was no body.
   */
  readonly body: unknown;
}

/** A parsed `POST /v1/audio/transcriptions`. */
export interface FakeTranscriptionRequest {
  readonly model: string;
  readonly language: string | undefined;
  readonly responseFormat: string;
  readonly prompt: string | undefined;
  readonly file: { readonly name: string; readonly type: string; readonly bytes: Uint8Array };
}

/** A parsed `POST /v1/audio/speech`. */
export interface FakeSpeechRequest {
  readonly model: string;
  readonly input: string;
  readonly voice: string;
  readonly responseFormat: 'pcm' | 'wav';
  readonly speed: number;
}

export interface FakeOpenAiOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get 401. */
  readonly apiKey?: string;
  /** Delay before the first streamed chunk. Default 0. */
  readonly firstTokenDelayMs?: number;
  /** Delay between streamed chunks. Default 0. */
  readonly tokenIntervalMs?: number;
  /** The fake model; `demoPolicy` by default. */
  readonly policy?: FakePolicy;
  /** Ids listed by `GET /v1/models`. Default: a few familiar names plus `fake-gpt`. */
  readonly models?: readonly string[];
  /** Words per content delta. Default 3. */
  readonly wordsPerDelta?: number;
  /** Characters of tool arguments per fragment. Default 8. */
  readonly argumentFragmentChars?: number;
  /** `reuse-zero` imitates servers that put every parallel call at index 0 with a new id. */
  readonly toolCallIndexing?: 'distinct' | 'reuse-zero';
  /** Interleave the argument fragments of parallel calls instead of sending one call after another. */
  readonly interleaveToolCalls?: boolean;
  /** `stop` imitates servers that finish tool-call turns with `stop`. Default `tool_calls`. */
  readonly toolCallFinishReason?: 'tool_calls' | 'stop';
  /** SSE line ending. Default `\n`. */
  readonly lineEnding?: '\n' | '\r\n';
  /** Send a `: keep-alive` comment before the first chunk. Default false. */
  readonly keepAliveComments?: boolean;
  /** Text for each transcription; wins over `transcripts`. */
  readonly transcribe?: (
    request: FakeTranscriptionRequest,
    index: number,
  ) => string | Promise<string>;
  /** Transcripts returned in turn (cycling). Default: a short booking conversation. */
  readonly transcripts?: readonly string[];
  /** 24 kHz mono samples for a speech request; default a voiced-like waveform, ~65 ms per character. */
  readonly synthesize?: (request: FakeSpeechRequest) => Int16Array | Promise<Int16Array>;
  /** Bytes per written piece of a speech body (odd values exercise client alignment). Default 4800. */
  readonly speechChunkBytes?: number;
  /** Delay between speech body pieces. Default 0. */
  readonly speechChunkIntervalMs?: number;
}

/** A running fake server. */
export interface FakeOpenAi {
  /** Base URL including `/v1`, ready for `baseUrl` settings. */
  readonly url: string;
  /** Every request received, in order, including rejected ones. */
  readonly requests: RecordedRequest[];
  /** Replaces the chat policy for the following requests. */
  setPolicy(policy: FakePolicy): void;
  /**
   * The next `count` requests (optionally only those whose path ends with `path`, e.g.
   * `/chat/completions`) fail with `status` and an OpenAI-shaped error body.
   */
  failNext(
    status: number,
    count?: number,
    options?: { readonly path?: string; readonly message?: string },
  ): void;
  close(): Promise<void>;
}
