import type { AgentDefinition } from '../agents/agent-definition.js';
import { renderAgentText } from '../agents/agent-registry.js';
import type { CallEndReason, CallEvent, CallEventListener } from '../engine/call-events.js';
import type { CallLegV1 } from '../engine/call-leg.js';
import type { PlayoutTicker } from '../engine/playout-ticker.js';
import type { ToolV1 } from '../engine/tool.js';
import { VoiceSession } from '../engine/voice-session.js';
import type { AudioTap } from '../engine/voice-session-options.js';
import type { Logger } from '../logging/logger.js';
import type { SwitchboardMetrics } from '../observability/metrics.js';
import type { VadModelV1 } from '../providers/spec/vad-model-v1.js';
import type { AgentModels } from './agent-models.js';
import { holdCallLeg } from './held-call-leg.js';

/** How the runtime answers a call it cannot or will not take. */
export const UNKNOWN_NUMBER_MESSAGE =
  "Sorry, this number isn't connected to an assistant yet. Please check the number and try again. Goodbye.";
export const BUSY_MESSAGE =
  'Sorry, all our lines are busy right now. Please call back in a few minutes. Goodbye.';
/** How long a call accepted at the webhook keeps its slot while its media stream connects. */
const RESERVATION_TTL_MS = 30_000;

export const UNAVAILABLE_MESSAGE =
  'Sorry, we cannot take your call right now. Please try again later. Goodbye.';

/** A call arriving at the carrier webhook, whatever the carrier. */
export interface IncomingCall {
  readonly carrier: 'twilio' | 'signalwire';
  readonly carrierCallId: string;
  /** The carrier account the call came in on. */
  readonly accountId: string;
  readonly from: string;
  readonly to: string;
  /** The webhook URL's query: `agent` names an agent; other keys become call variables. */
  readonly query?: Readonly<Record<string, string>>;
}

export type RoutingDecision =
  | { readonly kind: 'accept'; readonly parameters: Record<string, string> }
  | {
      readonly kind: 'reject';
      readonly say: string;
      readonly reason: 'unknown-number' | 'busy' | 'shutting-down';
    };

/** A media stream that started: the leg plus what routing put in its parameters. */
export interface StartedStream {
  readonly leg: CallLegV1;
  readonly carrierCallId: string;
  readonly from: string;
  readonly to: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** Everything a routed call needs to start talking. */
export interface PreparedCall {
  readonly callId: string;
  /** The organisation the call belongs to (live views show a call only to its organisation). */
  readonly orgId: string;
  readonly agent: AgentDefinition;
  readonly models: AgentModels;
  readonly tools: readonly ToolV1[];
  /** Call variables (routing, webhook query, API) over the agent's defaults. */
  readonly variables: Readonly<Record<string, string>>;
  readonly audioTap?: AudioTap;
}

/**
 * Who answers what: routes incoming calls (and records them) and, when a media stream starts,
 * supplies the agent, its models and tools. The platform implements it over the database.
 */
export interface CallDirectory {
  route(
    call: IncomingCall,
  ): Promise<{ kind: 'accept'; parameters: Record<string, string> } | { kind: 'reject' }>;
  prepare(stream: StartedStream, logger: Logger): Promise<PreparedCall | undefined>;
}

/** A call whose session is about to start, as {@link CallRuntime.onCallPrepared} observers see it. */
export interface PreparedCallInfo {
  readonly callId: string;
  readonly orgId: string;
  readonly agentName: string;
  readonly direction: 'inbound' | 'outbound';
  readonly carrier: string;
  readonly from: string;
  readonly to: string;
  /** The call's leg: its formats say what the audio tap receives. */
  readonly leg: CallLegV1;
}

/** Learns of a call before it starts; may return a tap that then receives the call's audio. */
export type CallPreparedListener = (call: PreparedCallInfo) => AudioTap | undefined;

export interface CallRuntimeOptions {
  readonly directory: CallDirectory;
  readonly vad: VadModelV1;
  readonly ticker: PlayoutTicker;
  readonly logger: Logger;
  readonly metrics: SwitchboardMetrics;
  readonly maxConcurrentCalls?: number;
}

/**
 * Owns the live calls of this process: decides whether to take a call, builds its voice session
 * from the agent, fans its events out to metrics, logs and listeners, and ends every call cleanly
 * on shutdown.
 */
export class CallRuntime {
  readonly #options: CallRuntimeOptions;
  readonly #sessions = new Map<string, VoiceSession>();
  readonly #listeners = new Set<CallEventListener>();
  readonly #preparedListeners = new Set<CallPreparedListener>();
  /**
   * Calls accepted at the webhook whose media stream has not started yet, by carrier call id. They
   * hold a slot so that a burst of webhooks cannot overshoot MAX_CONCURRENT_CALLS.
   */
  readonly #reserved = new Map<string, ReturnType<typeof setTimeout>>();
  #accepting = true;

  constructor(options: CallRuntimeOptions) {
    this.#options = options;
  }

  get activeCalls(): number {
    return this.#sessions.size;
  }

  get accepting(): boolean {
    return this.#accepting;
  }

  /** Receives every event of every call. */
  onCallEvent(listener: CallEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Learns of every call just before its session starts (its organisation, parties, leg). A tap
   * the listener returns receives the call's audio beside the recorder's.
   */
  onCallPrepared(listener: CallPreparedListener): () => void {
    this.#preparedListeners.add(listener);
    return () => this.#preparedListeners.delete(listener);
  }

  /** Decides what happens to an incoming call, before any AI provider is contacted. */
  async route(call: IncomingCall): Promise<RoutingDecision> {
    if (!this.#accepting)
      return { kind: 'reject', say: UNAVAILABLE_MESSAGE, reason: 'shutting-down' };
    const max = this.#options.maxConcurrentCalls;
    if (max !== undefined && this.#sessions.size + this.#reserved.size >= max) {
      return { kind: 'reject', say: BUSY_MESSAGE, reason: 'busy' };
    }
    // Hold the slot while the directory looks the call up, so a burst cannot overshoot.
    if (max !== undefined) this.#reserve(call.carrierCallId);
    const decision = await this.#options.directory.route(call).catch((error: unknown) => {
      this.#release(call.carrierCallId);
      throw error;
    });
    if (decision.kind === 'reject') {
      this.#release(call.carrierCallId);
      return { kind: 'reject', say: UNKNOWN_NUMBER_MESSAGE, reason: 'unknown-number' };
    }
    return { kind: 'accept', parameters: decision.parameters };
  }

  #reserve(carrierCallId: string): void {
    clearTimeout(this.#reserved.get(carrierCallId));
    // A stream that never starts (the caller hung up while TwiML was fetched) frees its slot.
    const timer = setTimeout(() => this.#reserved.delete(carrierCallId), RESERVATION_TTL_MS);
    timer.unref();
    this.#reserved.set(carrierCallId, timer);
  }

  #release(carrierCallId: string): void {
    clearTimeout(this.#reserved.get(carrierCallId));
    this.#reserved.delete(carrierCallId);
  }

  /** The carrier says a call is over: a call that never streamed gives back its reserved slot. */
  callFinishedAtCarrier(carrierCallId: string): void {
    this.#release(carrierCallId);
  }

  /** Starts the voice session of a stream whose routing was accepted. */
  async startCall(stream: StartedStream): Promise<VoiceSession | undefined> {
    const options = this.#options;
    this.#release(stream.carrierCallId);
    const logger = options.logger.child({ callSid: stream.carrierCallId });
    // Preparing the call takes database round trips; keys pressed meanwhile must not be lost.
    const held = holdCallLeg(stream.leg);
    const prepared = this.#accepting
      ? await options.directory.prepare(stream, logger).catch((error: unknown) => {
          logger.error({ err: error }, 'could not prepare the call');
          return undefined;
        })
      : undefined;
    if (prepared === undefined || !this.#accepting) {
      logger.warn(
        { agent: stream.parameters.agent },
        'media stream for a call we cannot serve; hanging up',
      );
      await stream.leg
        .hangup()
        .catch((error: unknown) => logger.error({ err: error }, 'hang-up failed'));
      stream.leg.close();
      return undefined;
    }
    const { agent, models, callId } = prepared;
    const callLogger = logger.child({ callId });
    const audioTap = this.#audioTapFor(prepared, stream, callLogger);
    const text = renderAgentText(agent, prepared.variables);
    if (text.missing.length > 0)
      callLogger.warn({ variables: text.missing }, 'template variables without a value');
    const session = new VoiceSession({
      callId,
      leg: held.leg,
      direction: 'inbound',
      from: stream.from,
      to: stream.to,
      agentName: agent.name,
      instructions: text.instructions,
      firstMessage: text.firstMessage,
      language: agent.language,
      stt: models.stt,
      llm: models.llm,
      tts: models.tts,
      vad: options.vad,
      sttProviderOptions: models.sttProviderOptions,
      llmSettings: {
        temperature: agent.llm.temperature,
        maxTokens: agent.llm.maxTokens,
        providerOptions: models.llmProviderOptions,
      },
      voice: agent.tts.voice,
      ttsProviderOptions: models.ttsProviderOptions,
      tools: [...prepared.tools],
      toolTimeoutMs: agent.toolTimeoutMs,
      turnTaking: agent.turnTaking,
      silence: agent.silence,
      maxDurationMs: agent.maxDurationMs,
      variables: { ...agent.variables, ...prepared.variables },
      onEvent: (event) => this.#dispatch(event, logger),
      ticker: options.ticker,
      // The session names the call itself (callId); ours adds the carrier's id.
      logger,
      audioTap,
    });
    this.#sessions.set(callId, session);
    void session.done.then(() => this.#sessions.delete(callId));
    try {
      // What arrived while preparing is delivered once the session's start has begun, as it would
      // have been had the session existed from the first frame.
      const starting = session.start();
      held.release();
      await starting;
    } catch (error) {
      callLogger.error({ err: error }, 'call failed to start');
      await session.end('error');
    }
    return session;
  }

  /** Whether this process runs a session for the call. */
  isLive(callId: string): boolean {
    return this.#sessions.has(callId);
  }

  /**
   * Ends a live call from our side (the agent stops, the carrier hangs up). False when this
   * process runs no such call; otherwise resolves in the background.
   */
  endCall(callId: string, reason: CallEndReason = 'agent-hangup'): boolean {
    const session = this.#sessions.get(callId);
    if (session === undefined) return false;
    void session.end(reason);
    return true;
  }

  /** The recorder's tap and the observers' taps as one; none of them can break another or the call. */
  #audioTapFor(
    prepared: PreparedCall,
    stream: StartedStream,
    logger: Logger,
  ): AudioTap | undefined {
    const taps: AudioTap[] = prepared.audioTap === undefined ? [] : [prepared.audioTap];
    for (const listener of this.#preparedListeners) {
      try {
        const tap = listener({
          callId: prepared.callId,
          orgId: prepared.orgId,
          agentName: prepared.agent.name,
          direction: 'inbound',
          carrier: stream.leg.carrier,
          from: stream.from,
          to: stream.to,
          leg: stream.leg,
        });
        if (tap !== undefined) taps.push(tap);
      } catch (error) {
        logger.error({ err: error }, 'call prepared listener failed');
      }
    }
    return combineAudioTaps(taps, logger);
  }

  /**
   * Stops taking calls, lets the live ones finish for up to `timeoutMs`, then ends the rest
   * through the carrier. Every call still gets its `call-ended` event.
   */
  async shutdown(timeoutMs: number): Promise<void> {
    this.#accepting = false;
    const pending = [...this.#sessions.values()].map((session) => session.done);
    if (pending.length === 0) return;
    this.#options.logger.info({ calls: pending.length, timeoutMs }, 'waiting for calls to finish');
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(pending),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    await Promise.all([...this.#sessions.values()].map((session) => session.shutdown()));
  }

  #dispatch(event: CallEvent, logger: Logger): void {
    this.#options.metrics.observe(event);
    if (event.type === 'turn-metrics') {
      logger.info({ callId: event.callId, metrics: event }, 'turn metrics');
    } else if (event.type !== 'transcript' || event.final) {
      logger.debug({ callId: event.callId, event }, 'call event');
    }
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error({ err: error }, 'call event listener failed');
      }
    }
  }
}

/** One tap feeding several; a tap that throws is logged once and the others still get the audio. */
function combineAudioTaps(taps: readonly AudioTap[], logger: Logger): AudioTap | undefined {
  if (taps.length === 0) return undefined;
  const failed = new Set<AudioTap>();
  const each = (deliver: (tap: AudioTap) => void): void => {
    for (const tap of taps) {
      try {
        deliver(tap);
      } catch (error) {
        if (failed.has(tap)) continue;
        failed.add(tap);
        logger.error({ err: error }, 'audio tap failed');
      }
    }
  };
  return {
    onCallerAudio: (audio) => each((tap) => tap.onCallerAudio(audio)),
    onAgentAudio: (audio) => each((tap) => tap.onAgentAudio(audio)),
  };
}
