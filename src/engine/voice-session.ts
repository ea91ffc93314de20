import { durationMs } from '../audio/audio-frame.js';
import { createAudioConverter, createPcmDecoder } from '../audio/audio-converter.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { SttStreamPart, SttStreamV1 } from '../providers/spec/stt-model-v1.js';
import type { VadStreamV1 } from '../providers/spec/vad-model-v1.js';
import { AgentSpeech } from './agent-speech.js';
import type { LegEndReason } from './call-leg.js';
import type { CallEndReason, CallEndedEvent, TurnState } from './call-events.js';
import { CallEventEmitter } from './call-event-emitter.js';
import { ChatContext } from './chat-context.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { Endpointer, type CommittedTurn } from './endpointer.js';
import { InboundTimeline } from './inbound-timeline.js';
import { OutboundPlayer } from './outbound-player.js';
import { ReplyGeneration, type TerminalAction, type TurnTiming } from './reply-generation.js';
import { SpeechDetector } from './speech-detector.js';
import type { VoiceSessionOptions } from './voice-session-options.js';

const STT_MAX_RECONNECTS = 5;
const DTMF_COMMIT_DELAY_MS = 1500;
const DEFAULT_MAX_DURATION_MESSAGE =
  "I'm sorry, we've reached the time limit for this call. Goodbye!";
const DEFAULT_ERROR_MESSAGE = "I'm sorry, I'm having trouble right now. Could you say that again?";
const TRANSFER_FAILED_MESSAGE =
  "I'm sorry, I couldn't put you through right now. Is there anything else I can help with?";

/**
 * One call's conversation: listens (VAD + STT), decides when the caller is done, thinks (LLM with
 * tools), speaks (TTS paced to the carrier), and yields when interrupted. Owns every timer and
 * provider stream of the call; `done` resolves once the call ended and its last event went out.
 */
export class VoiceSession {
  readonly callId: string;
  readonly #options: VoiceSessionOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #events: CallEventEmitter;
  readonly #context: ChatContext;
  readonly #player: OutboundPlayer;
  readonly #endpointer: Endpointer;
  readonly #detector: SpeechDetector;
  readonly #timeline: InboundTimeline;
  readonly #vadStream: VadStreamV1;
  readonly #decodeForVad: (audio: Uint8Array) => Int16Array;
  readonly #convertForStt: ReturnType<typeof createAudioConverter>;
  readonly #abort = new AbortController();
  readonly #startedAt: number;
  #stt: SttStreamV1 | undefined;
  #sttReconnects = 0;
  /** Non-streaming STT: recent audio kept so the start of an utterance is not lost. */
  #sttPrefix: Uint8Array[] = [];
  #callerSpeaking = false;
  #callerSpeechStartAt = 0;
  #turn = 0;
  #speechIds = 0;
  #generationIds = 0;
  #speech: AgentSpeech | undefined;
  #generation: ReplyGeneration | undefined;
  /** Set while the agent is paused by caller speech and we do not yet know if it was real. */
  #pausedSpeech: AgentSpeech | undefined;
  #interruptionTimer: TimerHandle | undefined;
  #falseInterruptionTimer: TimerHandle | undefined;
  #silenceTimers: TimerHandle[] = [];
  #silenceReminded = false;
  #maxDurationTimer: TimerHandle | undefined;
  /** A caller turn that arrived while the agent could not be interrupted: answered after playout. */
  #deferredTurn: { text: string; timing: TurnTiming | undefined } | undefined;
  #dtmfDigits = '';
  #dtmfTimer: TimerHandle | undefined;
  #ending: CallEndReason | undefined;
  /** Where a transfer in progress goes; the leg may report the end before the REST call returns. */
  #transferTo: string | undefined;
  #ended = false;
  #turnState: TurnState | undefined;
  #resolveDone!: (event: CallEndedEvent) => void;
  /** Resolves with the `call-ended` event once the call is over. */
  readonly done: Promise<CallEndedEvent>;

  constructor(options: VoiceSessionOptions) {
    this.#options = options;
    this.callId = options.callId;
    this.#clock = options.clock ?? systemClock;
    this.#logger = (options.logger ?? silentLogger).child({ callId: options.callId });
    this.#startedAt = this.#clock.now();
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    this.#events = new CallEventEmitter(options.callId, this.#clock, this.#startedAt, (event) => {
      try {
        options.onEvent(event);
      } catch (error) {
        this.#logger.error({ err: error }, 'call event listener failed');
      }
    });
    this.#context = new ChatContext(options.instructions);
    const leg = options.leg;
    this.#player = new OutboundPlayer({
      leg,
      clock: this.#clock,
      ticker: options.ticker,
      ...(options.audioTap !== undefined
        ? { onSentAudio: (frame: Uint8Array) => options.audioTap?.onAgentAudio(frame) }
        : {}),
      events: {
        onFirstFrame: (speechId, at) => this.#onFirstFrame(speechId, at),
        onPlayed: (speechId) => this.#onSpeechPlayed(speechId),
      },
    });
    const vad = options.vad;
    this.#vadStream = vad.createStream();
    this.#decodeForVad = createPcmDecoder(leg.inboundFormat, vad.sampleRate);
    this.#convertForStt = createAudioConverter(leg.inboundFormat, options.stt.inputFormat);
    this.#timeline = new InboundTimeline();
    this.#detector = new SpeechDetector(options.turnTaking.vad, vad.sampleRate, {
      onSpeechStart: (startSample) => this.#onCallerSpeechStart(startSample),
      onSpeechEnd: (endSample, forced) => this.#onCallerSpeechEnd(endSample, forced),
    });
    this.#vadStream.onProbability = (probability, windowEnd) =>
      this.#detector.push(probability, windowEnd - vad.windowSamples, windowEnd);
    this.#endpointer = new Endpointer(options.turnTaking.endpointing, this.#clock, {
      onCommit: (turn) => this.#onTurnCommitted(turn),
      onDiscard: () => this.#onTurnDiscarded(),
    });
    leg.on('audio', (audio) => this.#onCallerAudio(audio));
    leg.on('dtmf', (digit) => this.#onDtmf(digit));
    leg.on('end', (reason) => this.#onLegEnd(reason));
  }

  /** The conversation as the LLM will see it next (for tests and inspection). */
  get context(): ChatContext {
    return this.#context;
  }

  /** Opens the providers and greets the caller (or waits for them to speak first). */
  async start(): Promise<void> {
    const options = this.#options;
    this.#events.emit({
      type: 'call-started',
      direction: options.direction,
      carrier: options.leg.carrier,
      carrierCallId: options.leg.carrierCallId,
      agentName: options.agentName,
      pii: { from: options.from, to: options.to },
    });
    this.#logger.info({ agent: options.agentName, carrier: options.leg.carrier }, 'call started');
    this.#setTurnState(options.firstMessage?.trim() ? 'thinking' : 'listening');
    if (options.maxDurationMs > 0) {
      this.#maxDurationTimer = this.#clock.setTimeout(
        () =>
          void this.#endWithMessage(
            'max-duration',
            options.maxDurationMessage ?? DEFAULT_MAX_DURATION_MESSAGE,
          ),
        options.maxDurationMs,
      );
    }
    const firstMessage = options.firstMessage?.trim() ?? '';
    if (firstMessage.length > 0) this.say(firstMessage, { allowInterruptions: true });
    else this.#armSilenceTimers();
    await this.#openStt();
  }

  /** Speaks a fixed text (no LLM), adding it to the conversation. */
  say(text: string, options: { allowInterruptions: boolean }): AgentSpeech {
    const speech = this.#createSpeech(undefined, options.allowInterruptions);
    const message = this.#context.addAssistant(text);
    speech.pushText(text, message, this.#clock.now());
    speech.end();
    return speech;
  }

  /**
   * A caller turn typed instead of spoken (a browser test call's text mode): answered like a
   * spoken turn, interrupting the agent if it may be interrupted. Its latency counts from now.
   */
  submitCallerText(text: string): void {
    const trimmed = text.trim();
    if (this.#ended || this.#ending !== undefined || trimmed.length === 0) return;
    const now = this.#clock.now();
    this.#callerSpeechStartAt = now;
    this.#disarmSilenceTimers();
    this.#silenceReminded = false;
    this.#acceptCallerTurn(trimmed, {
      speechEndAt: now,
      endpointingMs: 0,
      sttMs: 0,
      llmMs: 0,
      toolMs: 0,
    });
  }

  /** Ends the call from our side (server shutdown): hangs up through the carrier. */
  async shutdown(): Promise<CallEndedEvent> {
    return this.end('shutdown');
  }

  /** Ends the call now with `reason`, hanging up through the carrier. */
  async end(reason: CallEndReason): Promise<CallEndedEvent> {
    await this.#finish(reason, { hangup: true });
    return this.done;
  }

  // ---------------------------------------------------------------- listening

  #onCallerAudio(audio: Uint8Array): void {
    if (this.#ended) return;
    this.#options.audioTap?.onCallerAudio(audio);
    const pcm = this.#decodeForVad(audio);
    this.#timeline.append(pcm.length, this.#clock.now());
    this.#vadStream.write(pcm);
    const converted = this.#convertForStt.convert(audio);
    if (this.#options.stt.capabilities.streaming) {
      this.#stt?.write(converted);
    } else if (this.#callerSpeaking) {
      this.#stt?.write(converted);
    } else {
      this.#keepPrefix(converted);
    }
  }

  #keepPrefix(audio: Uint8Array): void {
    const vad = this.#options.turnTaking.vad;
    const keepMs = vad.prefixPaddingMs + vad.minSpeechMs + 100;
    const format = this.#options.stt.inputFormat;
    this.#sttPrefix.push(audio);
    let total = this.#sttPrefix.reduce((sum, chunk) => sum + chunk.length, 0);
    while (durationMs(format, total) > keepMs && this.#sttPrefix.length > 1) {
      total -= this.#sttPrefix.shift()?.length ?? 0;
    }
  }

  #onCallerSpeechStart(startSample: number): void {
    if (this.#ended) return;
    this.#callerSpeaking = true;
    this.#callerSpeechStartAt = this.#timeline.timeOfSample(startSample) ?? this.#clock.now();
    this.#disarmSilenceTimers();
    this.#silenceReminded = false;
    this.#clock.clearTimeout(this.#falseInterruptionTimer);
    this.#endpointer.speechStarted();
    if (!this.#options.stt.capabilities.streaming) {
      for (const chunk of this.#sttPrefix) this.#stt?.write(chunk);
      this.#sttPrefix = [];
    }
    this.#maybeStartInterruption();
  }

  #onCallerSpeechEnd(endSample: number, forced: boolean): void {
    if (this.#ended) return;
    this.#callerSpeaking = false;
    this.#clock.clearTimeout(this.#interruptionTimer);
    const speechEndAt = this.#timeline.timeOfSample(endSample) ?? this.#clock.now();
    this.#stt?.finalize();
    // A monologue past maxSpeechMs is answered now, with what has been transcribed so far.
    if (forced) this.#endpointer.commitNow(speechEndAt);
    else this.#endpointer.speechEnded(speechEndAt);
    if (this.#pausedSpeech !== undefined) {
      const timeout = this.#options.turnTaking.interruption.falseInterruptionTimeoutMs;
      this.#falseInterruptionTimer = this.#clock.setTimeout(
        () => this.#onFalseInterruption(),
        speechEndAt + timeout - this.#clock.now(),
      );
    }
  }

  #onSttPart(part: SttStreamPart): void {
    if (this.#ended) return;
    switch (part.type) {
      case 'transcript-partial':
        this.#endpointer.transcriptPartial(part.text);
        this.#onCallerWords();
        this.#emitCallerTranscript(false);
        break;
      case 'transcript-final':
        this.#endpointer.transcriptFinal(part.text, false);
        if (part.text.trim().length > 0) {
          this.#onCallerWords();
          this.#emitCallerTranscript(false);
        }
        // Deepgram can finish a turn the VAD never saw (very quiet speech): end it here.
        if (part.speechFinal && !this.#callerSpeaking && !this.#endpointer.pending) {
          if (this.#endpointer.text.length > 0) this.#endpointer.speechEnded(this.#clock.now());
        }
        if (part.speechFinal) this.#endpointer.utteranceEnd();
        break;
      case 'utterance-end':
        this.#endpointer.utteranceEnd();
        break;
      case 'usage':
        this.#events.emit({
          type: 'usage',
          kind: 'stt',
          provider: this.#options.stt.provider,
          model: this.#options.stt.modelId,
          audioSeconds: part.audioSeconds,
        });
        break;
      case 'error':
        this.#reportProviderError('stt', this.#options.stt.provider, part.error);
        break;
      case 'speech-start':
      case 'finish':
        break;
    }
  }

  #emitCallerTranscript(final: boolean, text = this.#endpointer.text): void {
    if (text.length === 0) return;
    const now = this.#clock.now() - this.#startedAt;
    this.#events.emit({
      type: 'transcript',
      speaker: 'caller',
      final,
      // A partial belongs to the turn being spoken; the turn counter moves when it is committed.
      turn: final ? this.#turn : this.#turn + 1,
      startMs: Math.max(0, this.#callerSpeechStartAt - this.#startedAt),
      endMs: now,
      interrupted: false,
      pii: { text },
    });
  }

  /** Words arrived: a paused agent now knows the interruption is real. */
  #onCallerWords(): void {
    const minWords = Math.max(1, this.#options.turnTaking.interruption.minWords);
    if (this.#pausedSpeech !== undefined && this.#endpointer.wordCount >= minWords) {
      this.#confirmInterruption();
    }
    // The caller kept talking while we were still thinking: that reply answered half a turn.
    const generation = this.#generation;
    if (generation !== undefined && !generation.audible && !generation.touchedContext) {
      this.#cancelGeneration(generation);
      this.#endpointer.prepend(this.#context.takeLastUser() ?? '');
      this.#setTurnState('listening');
    }
  }

  // ---------------------------------------------------------------- interruptions

  #maybeStartInterruption(): void {
    const speech = this.#speech;
    const settings = this.#options.turnTaking.interruption;
    if (speech === undefined || !this.#player.active || this.#player.paused) return;
    if (!settings.enabled || !speech.allowInterruptions) return;
    const due = this.#callerSpeechStartAt + settings.minSpeechMs - this.#clock.now();
    this.#clock.clearTimeout(this.#interruptionTimer);
    this.#interruptionTimer = this.#clock.setTimeout(() => {
      if (!this.#callerSpeaking || this.#speech !== speech || this.#ended) return;
      // Stop talking now; whether we yield for good depends on what the caller says.
      this.#player.pause();
      this.#pausedSpeech = speech;
      this.#logger.debug({ speechId: speech.id }, 'agent paused by caller speech');
      if (this.#endpointer.wordCount >= Math.max(1, settings.minWords)) this.#confirmInterruption();
    }, due);
  }

  #confirmInterruption(): void {
    const speech = this.#pausedSpeech ?? this.#speech;
    this.#pausedSpeech = undefined;
    this.#clock.clearTimeout(this.#falseInterruptionTimer);
    if (speech === undefined) return;
    const heardMs = this.#player.currentSpeechId === speech.id ? this.#player.heardMs() : 0;
    const heard = speech.truncateTo(heardMs);
    this.#events.emit({
      type: 'interruption',
      turn: speech.turn,
      heardMs,
      falseInterruption: false,
    });
    this.#logger.info({ speechId: speech.id, heardMs }, 'agent interrupted');
    this.#stopSpeech(speech, heard, true);
    this.#setTurnState('listening');
    const generation = this.#generation;
    if (generation !== undefined && generation.id === speech.generation) {
      this.#cancelGeneration(generation);
    }
  }

  #onFalseInterruption(): void {
    const speech = this.#pausedSpeech;
    if (speech === undefined || this.#callerSpeaking) return;
    if (this.#endpointer.wordCount > 0) return;
    this.#pausedSpeech = undefined;
    this.#events.emit({
      type: 'interruption',
      turn: speech.turn,
      heardMs: this.#player.heardMs(),
      falseInterruption: true,
    });
    if (this.#options.turnTaking.interruption.resumeFalseInterruption) {
      this.#logger.info({ speechId: speech.id }, 'false interruption: resuming');
      this.#player.resume();
    } else {
      this.#stopSpeech(speech, speech.truncateTo(this.#player.heardMs()), true);
      if (this.#generation?.speech === speech) this.#generation = undefined;
      this.#setTurnState('listening');
      this.#armSilenceTimers();
    }
  }

  // ---------------------------------------------------------------- turns and replies

  #onTurnCommitted(turn: CommittedTurn): void {
    // While the goodbye plays the call is over; later words change nothing.
    if (this.#ended || this.#ending !== undefined) return;
    const sttMs =
      turn.transcriptAt !== undefined
        ? Math.max(0, turn.transcriptAt - turn.deadline)
        : Math.max(0, turn.committedAt - turn.deadline);
    this.#acceptCallerTurn(turn.text, {
      speechEndAt: turn.speechEndAt,
      endpointingMs: Math.max(0, Math.min(turn.deadline, turn.committedAt) - turn.speechEndAt),
      sttMs,
      llmMs: 0,
      toolMs: 0,
    });
  }

  /**
   * Answers a caller turn (speech or keys). An agent that may be interrupted yields; one that may
   * not (interruptions off, or a message marked uninterruptible) finishes first and the turn is
   * answered after it.
   */
  #acceptCallerTurn(text: string, timing: TurnTiming | undefined): void {
    const speech = this.#speech;
    const interruptible =
      this.#options.turnTaking.interruption.enabled && speech?.allowInterruptions === true;
    if (this.#pausedSpeech !== undefined || (interruptible && this.#player.active)) {
      this.#confirmInterruption();
    } else if (speech !== undefined && !speech.interrupted) {
      const earlier = this.#deferredTurn?.text;
      this.#deferredTurn = {
        text: earlier === undefined ? text : `${earlier} ${text}`,
        timing: undefined,
      };
      this.#logger.debug('caller turn held until the agent finishes speaking');
      return;
    }
    if (this.#generation !== undefined) this.#cancelGeneration(this.#generation);
    this.#turn++;
    this.#emitCallerTranscript(true, text);
    this.#context.addUser(text);
    this.#logger.debug({ pii: { text } }, 'caller turn committed');
    this.#reply(timing);
  }

  #onTurnDiscarded(): void {
    if (this.#pausedSpeech !== undefined) this.#onFalseInterruption();
    else if (!this.#player.active && this.#generation === undefined) this.#armSilenceTimers();
  }

  #reply(timing: TurnTiming | undefined): void {
    const speech = this.#createSpeech(++this.#generationIds, true);
    this.#setTurnState('thinking');
    const options = this.#options;
    const generation = new ReplyGeneration({
      id: speech.generation ?? 0,
      speech,
      context: this.#context,
      llm: options.llm,
      llmSettings: options.llmSettings,
      tools: options.tools,
      toolTimeoutMs: options.toolTimeoutMs ?? 10_000,
      toolContext: {
        callId: this.callId,
        from: options.from,
        to: options.to,
        variables: options.variables ?? {},
        abortSignal: this.#abort.signal,
      },
      clock: this.#clock,
      timing,
      logger: this.#logger,
      events: this.#events,
      errorMessage: options.errorMessage ?? DEFAULT_ERROR_MESSAGE,
      onProviderError: (error) => this.#reportProviderError('llm', options.llm.provider, error),
    });
    // The generation stays current until its speech has played, so that its terminal tool
    // (hang-up, transfer) runs only after the caller heard the goodbye.
    this.#generation = generation;
    void generation.run();
  }

  #cancelGeneration(generation: ReplyGeneration): void {
    generation.cancel();
    if (this.#generation === generation) this.#generation = undefined;
  }

  // ---------------------------------------------------------------- speaking

  #createSpeech(generation: number | undefined, allowInterruptions: boolean): AgentSpeech {
    const previous = this.#speech;
    if (previous !== undefined)
      this.#stopSpeech(previous, previous.truncateTo(this.#player.heardMs()), true);
    this.#disarmSilenceTimers();
    const options = this.#options;
    const speech = new AgentSpeech({
      id: ++this.#speechIds,
      generation,
      turn: ++this.#turn,
      allowInterruptions,
      tts: options.tts,
      voice: options.voice,
      language: options.language,
      providerOptions: options.ttsProviderOptions,
      logger: this.#logger,
      outputFormat: options.leg.outboundFormat,
      now: () => this.#clock.now(),
      hooks: {
        onAudio: (current, audio) => this.#onSpeechAudio(current, audio),
        onSynthesisDone: (current) => this.#onSynthesisDone(current),
        onError: (_current, error) => this.#reportProviderError('tts', options.tts.provider, error),
        onCharacters: (_current, characters) =>
          this.#events.emit({
            type: 'usage',
            kind: 'tts',
            provider: options.tts.provider,
            model: options.tts.modelId,
            characters,
          }),
      },
    });
    this.#speech = speech;
    return speech;
  }

  #onSpeechAudio(speech: AgentSpeech, audio: Uint8Array): void {
    if (this.#speech !== speech || this.#ended) return;
    if (this.#player.currentSpeechId !== speech.id) this.#player.begin(speech.id);
    this.#player.enqueue(speech.id, audio);
  }

  #onSynthesisDone(speech: AgentSpeech): void {
    if (this.#speech !== speech || speech.interrupted) return;
    if (this.#player.currentSpeechId === speech.id) this.#player.end(speech.id);
    else if (speech.audioMs === 0) this.#onSpeechPlayed(speech.id);
  }

  #onFirstFrame(speechId: number, at: number): void {
    if (this.#speech?.id === speechId) {
      this.#speech.firstFrameAt ??= at;
      this.#setTurnState('speaking');
    }
    const generation = this.#generation;
    if (generation === undefined || generation.speech.id !== speechId) return;
    generation.markAudible(at);
  }

  #onSpeechPlayed(speechId: number): void {
    const speech = this.#speech;
    if (speech === undefined || speech.id !== speechId || this.#ended) return;
    // Synthesis may still be running when the last queued frame played (a slow TTS): wait for it.
    if (!speech.synthesisDone) return;
    this.#speech = undefined;
    // A deferred turn or a pending reply moves the state on again at once.
    this.#setTurnState('listening');
    this.#emitAgentTranscript(speech, speech.text, false);
    const generation = this.#generation;
    if (generation !== undefined && generation.speech === speech) {
      this.#generation = undefined;
      const terminal = generation.terminalAction;
      if (terminal !== undefined) {
        void this.#runTerminal(generation, terminal);
        return;
      }
    }
    if (this.#ending !== undefined) {
      void this.#finish(this.#ending, { hangup: true });
      return;
    }
    const deferred = this.#deferredTurn;
    if (deferred !== undefined) {
      this.#deferredTurn = undefined;
      this.#acceptCallerTurn(deferred.text, deferred.timing);
      return;
    }
    if (!this.#callerSpeaking && !this.#endpointer.pending) this.#armSilenceTimers();
  }

  #setTurnState(state: TurnState): void {
    if (this.#ended || this.#turnState === state) return;
    this.#turnState = state;
    this.#events.emit({ type: 'turn-state', state });
  }

  async #runTerminal(generation: ReplyGeneration, terminal: TerminalAction): Promise<void> {
    const leg = this.#options.leg;
    if (terminal.kind === 'end-call') {
      await generation.runTerminal(terminal, async () => {});
      await this.#finish('agent-hangup', { hangup: true });
      return;
    }
    const destination = terminal.destination ?? '';
    this.#transferTo = destination;
    const outcome = await generation.runTerminal(terminal, () => leg.transfer(destination));
    this.#transferTo = undefined;
    if (outcome.ok) {
      await this.#finish('transferred', { transferTo: destination });
      return;
    }
    // The carrier refused: the caller is still on the line, so say so and carry on.
    this.#reportCarrierError(outcome.cause);
    if (!this.#ended) this.say(TRANSFER_FAILED_MESSAGE, { allowInterruptions: true });
  }

  #stopSpeech(speech: AgentSpeech, heardText: string, interrupted: boolean): void {
    speech.abort();
    if (this.#player.currentSpeechId === speech.id) this.#player.stop();
    if (this.#speech === speech) this.#speech = undefined;
    if (this.#pausedSpeech === speech) this.#pausedSpeech = undefined;
    this.#emitAgentTranscript(speech, heardText, interrupted);
  }

  #emitAgentTranscript(speech: AgentSpeech, text: string, interrupted: boolean): void {
    if (text.length === 0 && !interrupted) return;
    this.#events.emit({
      type: 'transcript',
      speaker: 'agent',
      final: true,
      turn: speech.turn,
      startMs:
        speech.firstFrameAt === undefined ? 0 : Math.round(speech.firstFrameAt - this.#startedAt),
      endMs: this.#clock.now() - this.#startedAt,
      interrupted,
      pii: { text },
    });
  }

  // ---------------------------------------------------------------- DTMF and silence

  #onDtmf(digit: string): void {
    if (this.#ended) return;
    this.#events.emit({ type: 'dtmf', pii: { digit } });
    if (this.#dtmfDigits.length === 0) this.#callerSpeechStartAt = this.#clock.now();
    this.#disarmSilenceTimers();
    this.#silenceReminded = false;
    this.#dtmfDigits += digit;
    this.#clock.clearTimeout(this.#dtmfTimer);
    const commit = (): void => {
      const digits = this.#dtmfDigits;
      this.#dtmfDigits = '';
      if (digits.length === 0 || this.#ended || this.#ending !== undefined) return;
      this.#acceptCallerTurn(`[DTMF ${digits}]`, undefined);
    };
    if (digit === '#') commit();
    else this.#dtmfTimer = this.#clock.setTimeout(commit, DTMF_COMMIT_DELAY_MS);
  }

  #armSilenceTimers(): void {
    this.#disarmSilenceTimers();
    const silence = this.#options.silence;
    if (silence.reminderAfterMs > 0 && !this.#silenceReminded) {
      this.#silenceTimers.push(
        this.#clock.setTimeout(() => {
          this.#silenceReminded = true;
          this.say(silence.reminderMessage, { allowInterruptions: true });
        }, silence.reminderAfterMs),
      );
    }
    if (silence.hangupAfterMs > 0) {
      // The reminder does not restart the count: the hang-up is measured from the caller's last word.
      const elapsedSinceReminder = this.#silenceReminded ? silence.reminderAfterMs : 0;
      this.#silenceTimers.push(
        this.#clock.setTimeout(
          () => void this.#endWithMessage('silence-timeout', silence.goodbyeMessage),
          Math.max(0, silence.hangupAfterMs - elapsedSinceReminder),
        ),
      );
    }
  }

  #disarmSilenceTimers(): void {
    for (const timer of this.#silenceTimers) this.#clock.clearTimeout(timer);
    this.#silenceTimers = [];
  }

  // ---------------------------------------------------------------- providers

  async #openStt(): Promise<void> {
    const options = this.#options;
    while (!this.#ended) {
      try {
        const stream = await options.stt.stream({
          language: options.language,
          abortSignal: this.#abort.signal,
          providerOptions: options.sttProviderOptions,
          logger: this.#logger,
        });
        if (this.#ended) {
          stream.close();
          return;
        }
        this.#stt = stream;
        void this.#readStt(stream);
        return;
      } catch (error) {
        this.#reportProviderError('stt', options.stt.provider, error);
        if (!(await this.#backoffStt())) return;
      }
    }
  }

  async #readStt(stream: SttStreamV1): Promise<void> {
    const reader = stream.parts.getReader();
    const openedAt = this.#clock.now();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.#onSttPart(value);
      }
    } catch (error) {
      this.#reportProviderError('stt', this.#options.stt.provider, error);
    } finally {
      reader.releaseLock();
    }
    if (this.#ended || this.#stt !== stream) return;
    // The provider went away mid-call: reconnect so the agent keeps hearing the caller.
    this.#stt = undefined;
    this.#reportProviderError(
      'stt',
      this.#options.stt.provider,
      new SwitchboardError('speech-to-text stream ended mid-call; reconnecting', {
        code: 'stt_disconnected',
        retryable: true,
      }),
    );
    if (this.#clock.now() - openedAt > 30_000) this.#sttReconnects = 0;
    if (await this.#backoffStt()) await this.#openStt();
  }

  /** Waits before the next STT attempt; false once attempts are exhausted (the call then ends). */
  async #backoffStt(): Promise<boolean> {
    this.#sttReconnects++;
    if (this.#sttReconnects > STT_MAX_RECONNECTS) {
      this.#logger.error('speech-to-text unavailable; ending call');
      await this.#endWithMessage(
        'error',
        "I'm sorry, I'm having trouble hearing you. Please call back in a few minutes.",
      );
      return false;
    }
    const delay = Math.min(2000, 100 * 2 ** this.#sttReconnects);
    await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, delay));
    return !this.#ended;
  }

  #reportProviderError(kind: 'stt' | 'llm' | 'tts', provider: string, error: unknown): void {
    if (this.#ended) {
      // The call's record is closed; a late failure (a stream still connecting) is only logged.
      this.#logger.debug({ kind, provider, err: error }, 'provider error after the call ended');
      return;
    }
    const normalized = SwitchboardError.isInstance(error)
      ? error
      : new SwitchboardError(error instanceof Error ? error.message : String(error), {
          code: `${kind}_failed`,
          retryable: true,
        });
    this.#logger.warn({ kind, provider, code: normalized.code, err: normalized }, 'provider error');
    this.#events.emit({
      type: 'provider-error',
      kind,
      provider,
      code: normalized.code,
      message: normalized.message,
      retryable: normalized.retryable,
    });
  }

  // ---------------------------------------------------------------- ending

  async #endWithMessage(reason: CallEndReason, message: string | undefined): Promise<void> {
    if (this.#ended || this.#ending !== undefined) return;
    this.#ending = reason;
    if (this.#generation !== undefined) this.#cancelGeneration(this.#generation);
    if (message === undefined || message.length === 0) {
      await this.#finish(reason, { hangup: true });
      return;
    }
    // The goodbye is not interruptible; the call ends once it has played (#onSpeechPlayed).
    this.say(message, { allowInterruptions: false });
  }

  #reportCarrierError(error: unknown): void {
    const leg = this.#options.leg;
    this.#logger.error({ err: error }, 'carrier refused to end or transfer the call');
    this.#events.emit({
      type: 'provider-error',
      kind: 'carrier',
      provider: leg.carrier,
      code: SwitchboardError.isInstance(error) ? error.code : 'carrier_error',
      message: error instanceof Error ? error.message : String(error),
      retryable: false,
    });
  }

  #onLegEnd(reason: LegEndReason): void {
    // A transfer that succeeded ends the leg before its tool result is recorded; #runTerminal
    // finishes the call right after, in that order.
    if (reason === 'transferred' && this.#transferTo !== undefined) return;
    const mapped: CallEndReason =
      reason === 'connection-lost'
        ? 'connection-lost'
        : reason === 'transferred'
          ? 'transferred'
          : reason === 'agent-hangup'
            ? 'agent-hangup'
            : reason === 'error'
              ? 'error'
              : (this.#ending ?? 'caller-hangup');
    void this.#finish(mapped, {});
  }

  async #finish(
    reason: CallEndReason,
    action: { hangup?: boolean; transferTo?: string },
  ): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    const transferTo =
      action.transferTo ?? (reason === 'transferred' ? this.#transferTo : undefined);
    this.#abort.abort();
    for (const timer of [
      this.#interruptionTimer,
      this.#falseInterruptionTimer,
      this.#maxDurationTimer,
      this.#dtmfTimer,
    ]) {
      this.#clock.clearTimeout(timer);
    }
    this.#disarmSilenceTimers();
    this.#endpointer.reset();
    if (this.#generation !== undefined) this.#cancelGeneration(this.#generation);
    const speech = this.#speech;
    if (speech !== undefined)
      this.#stopSpeech(speech, speech.truncateTo(this.#player.heardMs()), true);
    this.#player.stop();
    this.#stt?.close();
    this.#vadStream.close();
    const leg = this.#options.leg;
    try {
      if (action.hangup === true) await leg.hangup();
    } catch (error) {
      this.#reportCarrierError(error);
    }
    leg.close();
    const event = this.#events.emit({
      type: 'call-ended',
      reason,
      durationMs: Math.round(this.#clock.now() - this.#startedAt),
      ...(transferTo !== undefined ? { transferTo } : {}),
    }) as CallEndedEvent;
    this.#logger.info({ reason }, 'call ended');
    this.#resolveDone(event);
  }
}
