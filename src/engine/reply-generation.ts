import { SwitchboardError } from '../errors/switchboard-error.js';
import type { Logger } from '../logging/logger.js';
import type { LlmModelV1, ToolCallRequest } from '../providers/spec/llm-model-v1.js';
import type { AgentSpeech } from './agent-speech.js';
import type { CallEventEmitter } from './call-event-emitter.js';
import type { AssistantMessageHandle, ChatContext } from './chat-context.js';
import { ClauseChunker } from './clause-chunker.js';
import type { Clock } from './clock.js';
import { runTool, type ToolOutcome } from './tool-runner.js';
import type { ToolContext, ToolV1 } from './tool.js';

/** Latency of one reply, accumulated until its first audio frame goes out. */
export interface TurnTiming {
  readonly speechEndAt: number;
  readonly endpointingMs: number;
  readonly sttMs: number;
  llmMs: number;
  toolMs: number;
}

/** A hang-up or transfer the model asked for, to run once its words have played. */
export interface TerminalAction {
  readonly kind: 'end-call' | 'transfer';
  readonly destination?: string;
  readonly call: ToolCallRequest;
  readonly tool: ToolV1;
  readonly toolMessage: { setContent(next: string): void };
  readonly startedAt: number;
}

const MAX_TOOL_ROUNDS = 6;

/**
 * One answer of the agent: LLM rounds (with tool calls in between) streamed clause by clause into
 * one utterance. Its tool calls belong to it: when it is cancelled (barge-in), a pending hang-up or
 * transfer is dropped, so an interrupted goodbye never hangs up on a caller who is still talking.
 */
export class ReplyGeneration {
  readonly id: number;
  readonly speech: AgentSpeech;
  readonly #options: ConstructorParameters<typeof ReplyGeneration>[0];
  readonly #abort = new AbortController();
  readonly #clock: Clock;
  #timing: TurnTiming | undefined;
  #audible = false;
  #touchedContext = false;
  #terminal: TerminalAction | undefined;
  #terminalRun = false;

  constructor(options: {
    id: number;
    speech: AgentSpeech;
    context: ChatContext;
    llm: LlmModelV1;
    llmSettings:
      | {
          readonly temperature?: number;
          readonly maxTokens?: number;
          readonly providerOptions?: Readonly<Record<string, unknown>>;
        }
      | undefined;
    tools: readonly ToolV1[];
    toolTimeoutMs: number;
    toolContext: ToolContext;
    clock: Clock;
    timing: TurnTiming | undefined;
    logger: Logger;
    events: CallEventEmitter;
    errorMessage: string;
    onProviderError: (error: unknown) => void;
  }) {
    this.id = options.id;
    this.speech = options.speech;
    this.#options = options;
    this.#clock = options.clock;
    this.#timing = options.timing;
  }

  /** Some of its audio went out to the caller. */
  get audible(): boolean {
    return this.#audible;
  }

  /** It added assistant or tool messages; withdrawing its user turn would break the history. */
  get touchedContext(): boolean {
    return this.#touchedContext;
  }

  get cancelled(): boolean {
    return this.#abort.signal.aborted;
  }

  /** The terminal tool to run after playout, unless the generation was cancelled. */
  get terminalAction(): TerminalAction | undefined {
    return this.cancelled ? undefined : this.#terminal;
  }

  /** Stops the LLM and the speech; a pending terminal tool is reported as not run. */
  cancel(): void {
    if (this.cancelled) return;
    this.#abort.abort();
    this.speech.abort();
    const terminal = this.#terminal;
    if (terminal !== undefined && !this.#terminalRun) {
      const error = 'not run: the caller interrupted before the message finished playing';
      terminal.toolMessage.setContent(JSON.stringify({ error }));
      this.#options.events.emit({
        type: 'tool-result',
        toolCallId: terminal.call.id,
        name: terminal.call.name,
        durationMs: 0,
        error,
        pii: { result: '' },
      });
    }
  }

  /** The first frame of this reply reached the carrier: close the latency account. */
  markAudible(at: number): void {
    if (this.#audible) return;
    this.#audible = true;
    const timing = this.#timing;
    this.#timing = undefined;
    if (timing === undefined) return;
    const totalMs = at - timing.speechEndAt;
    const ttsMs =
      this.speech.firstTextAt !== undefined && this.speech.firstAudioAt !== undefined
        ? Math.max(0, this.speech.firstAudioAt - this.speech.firstTextAt)
        : 0;
    const attributed = timing.endpointingMs + timing.sttMs + timing.llmMs + timing.toolMs + ttsMs;
    const round = (value: number): number => Math.round(value * 100) / 100;
    this.#options.events.emit({
      type: 'turn-metrics',
      turn: this.speech.turn,
      endpointingMs: round(timing.endpointingMs),
      sttMs: round(timing.sttMs),
      llmMs: round(timing.llmMs),
      ttsMs: round(ttsMs),
      toolMs: round(timing.toolMs),
      overheadMs: round(Math.max(0, totalMs - attributed)),
      totalMs: round(totalMs),
    });
  }

  /**
   * Runs the terminal action once; `perform` does the carrier work. Its outcome is the tool's
   * result: a carrier that refuses a transfer makes it a failed tool call the model is told of.
   */
  async runTerminal(
    terminal: TerminalAction,
    perform: () => Promise<void>,
  ): Promise<{ readonly ok: true } | { readonly ok: false; readonly cause: unknown }> {
    if (this.#terminalRun || this.cancelled) return { ok: false, cause: new Error('cancelled') };
    this.#terminalRun = true;
    let error: string | undefined;
    let failure: unknown;
    try {
      await perform();
    } catch (cause) {
      failure = cause;
      error = cause instanceof Error ? cause.message : String(cause);
      terminal.toolMessage.setContent(JSON.stringify({ error: `the carrier refused: ${error}` }));
    }
    const result =
      terminal.destination !== undefined ? { destination: terminal.destination } : { ok: true };
    this.#options.events.emit({
      type: 'tool-result',
      toolCallId: terminal.call.id,
      name: terminal.call.name,
      durationMs: Math.round(this.#clock.now() - terminal.startedAt),
      ...(error !== undefined ? { error } : {}),
      pii: { result: error === undefined ? JSON.stringify(result) : '' },
    });
    return error === undefined ? { ok: true } : { ok: false, cause: failure };
  }

  /** Streams the reply. Never throws: failures become provider errors and a spoken apology. */
  async run(): Promise<void> {
    const speech = this.speech;
    try {
      for (let round = 0; round < MAX_TOOL_ROUNDS && !this.cancelled; round++) {
        const toolCalls = await this.#streamRound(round);
        if (toolCalls === undefined || toolCalls.length === 0 || this.cancelled) break;
        const continueRounds = await this.#runTools(toolCalls);
        if (!continueRounds) break;
      }
    } catch (error) {
      if (!this.cancelled) {
        this.#options.onProviderError(error);
        if (speech.text.length === 0) {
          const message = this.#options.context.addAssistant(this.#options.errorMessage);
          speech.pushText(this.#options.errorMessage, message, this.#clock.now());
        }
      }
    } finally {
      speech.end();
    }
  }

  /** One LLM request. Returns its tool calls (empty when it only spoke). */
  async #streamRound(round: number): Promise<ToolCallRequest[] | undefined> {
    const options = this.#options;
    const requestAt = this.#clock.now();
    const toolDefinitions = options.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    }));
    const { stream } = await this.#withRetry(() =>
      options.llm.stream({
        messages: options.context.snapshot(),
        tools: toolDefinitions.length > 0 ? toolDefinitions : undefined,
        temperature: options.llmSettings?.temperature,
        maxTokens: options.llmSettings?.maxTokens,
        providerOptions: options.llmSettings?.providerOptions,
        abortSignal: this.#abort.signal,
        logger: options.logger,
      }),
    );
    const chunker = new ClauseChunker();
    let message: AssistantMessageHandle | undefined;
    let text = '';
    const toolCalls: ToolCallRequest[] = [];
    let firstUsefulAt: number | undefined;
    const speak = (pieces: string[]): void => {
      for (const piece of pieces) {
        if (message === undefined) {
          message = options.context.addAssistant(null);
          this.#touchedContext = true;
        }
        if (firstUsefulAt === undefined) {
          firstUsefulAt = this.#clock.now();
          // Booked now: the first audio (which closes the latency account) may go out while the
          // model is still streaming the rest of the reply.
          if (this.#timing !== undefined) this.#timing.llmMs += firstUsefulAt - requestAt;
        }
        this.speech.pushText(piece, message, this.#clock.now());
      }
    };
    const reader = stream.getReader();
    try {
      for (;;) {
        const { value: part, done } = await reader.read();
        if (done || this.cancelled) break;
        if (part.type === 'text-delta') {
          text += part.text;
          speak(chunker.push(part.text));
        } else if (part.type === 'tool-call') {
          toolCalls.push({ id: part.id, name: part.name, arguments: part.arguments });
        } else if (part.type === 'usage') {
          options.events.emit({
            type: 'usage',
            kind: 'llm',
            provider: options.llm.provider,
            model: options.llm.modelId,
            inputTokens: part.inputTokens,
            outputTokens: part.outputTokens,
          });
        } else if (part.type === 'error') {
          throw part.error;
        } else if (part.type === 'finish') {
          break;
        }
      }
    } finally {
      reader.releaseLock();
    }
    if (this.cancelled) return undefined;
    speak(chunker.flush());
    const roundEnd = this.#clock.now();
    // A round that only called tools spent its whole time thinking.
    if (this.#timing !== undefined && firstUsefulAt === undefined) {
      this.#timing.llmMs += roundEnd - requestAt;
    }
    if (toolCalls.length > 0) {
      if (message === undefined) {
        message = options.context.addAssistant(null);
        this.#touchedContext = true;
      }
      message.setContent(text.trim().length > 0 ? text.trim() : null);
      message.setToolCalls(toolCalls);
    } else if (message !== undefined) {
      message.setContent(text.trim());
    }
    options.logger.debug({ round, toolCalls: toolCalls.length }, 'llm round finished');
    return toolCalls;
  }

  /** Runs a round's tools. Returns whether the model should be asked again. */
  async #runTools(calls: ToolCallRequest[]): Promise<boolean> {
    const options = this.#options;
    const started = this.#clock.now();
    const byName = new Map(options.tools.map((tool) => [tool.name, tool]));
    for (const call of calls) {
      options.events.emit({
        type: 'tool-call',
        toolCallId: call.id,
        name: call.name,
        generation: this.id,
        pii: { arguments: call.arguments },
      });
    }
    const outcomes = await Promise.all(
      calls.map((call) =>
        runTool(
          call,
          byName.get(call.name),
          { ...options.toolContext, abortSignal: options.toolContext.abortSignal },
          options.toolTimeoutMs,
          this.#clock,
        ),
      ),
    );
    let askAgain = false;
    for (const outcome of outcomes) {
      askAgain = this.#recordOutcome(outcome, started) || askAgain;
    }
    if (this.#timing !== undefined) this.#timing.toolMs += this.#clock.now() - started;
    // A pending hang-up or transfer ends the conversation: no more model rounds.
    return askAgain && this.#terminal === undefined;
  }

  /** Adds a tool's result to the conversation. Returns true when the model must see it. */
  #recordOutcome(outcome: ToolOutcome, startedAt: number): boolean {
    const options = this.#options;
    const { call, tool } = outcome;
    const toolMessage = options.context.addToolResult(call.id, outcome.content);
    this.#touchedContext = true;
    const terminalKind =
      tool?.kind === 'end-call' || tool?.kind === 'transfer' ? tool.kind : undefined;
    if (terminalKind !== undefined && tool !== undefined && outcome.error === undefined) {
      const destination = readDestination(outcome.result);
      if (terminalKind === 'transfer' && destination === undefined) {
        toolMessage.setContent(JSON.stringify({ error: 'no destination to transfer to' }));
        return true;
      }
      if (this.#terminal === undefined) {
        this.#terminal = { kind: terminalKind, destination, call, tool, toolMessage, startedAt };
      }
      return false;
    }
    options.events.emit({
      type: 'tool-result',
      toolCallId: call.id,
      name: call.name,
      durationMs: Math.round(outcome.durationMs),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      pii: { result: outcome.content },
    });
    return true;
  }

  /** Retries a request that failed before streaming began, once, when the error allows it. */
  async #withRetry<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (this.cancelled || !SwitchboardError.isInstance(error) || !error.retryable) throw error;
      this.#options.onProviderError(error);
      await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, 150));
      if (this.cancelled) throw error;
      return request();
    }
  }
}

function readDestination(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const destination = (result as { destination?: unknown }).destination;
  return typeof destination === 'string' && destination.length > 0 ? destination : undefined;
}
