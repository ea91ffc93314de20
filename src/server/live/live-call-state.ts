import type {
  CallEvent,
  Speaker,
  TranscriptEvent,
  TurnState,
  TurnStateEvent,
} from '../../engine/call-events.js';
import type { PreparedCallInfo } from '../call-runtime.js';
import { BoundedEventLog } from './bounded-event-log.js';
import { LiveAudioFanOut } from './live-audio-fan-out.js';
import type { LiveCall, LiveCallSnapshot } from './live-call.js';

/** Follows one live call's events. Called synchronously by the hub: must be cheap. */
export interface LiveCallWatcher {
  onEvent(event: CallEvent): void;
  /** The call ended (after its `call-ended` event) or the hub closed. */
  onClose(): void;
}

/**
 * What the hub knows of one call: its summary, its recent events (bounded), the latest partial
 * transcript and turn state (superseded ones are forgotten), its watchers and its listen-in audio.
 */
export class LiveCallState {
  readonly callId: string;
  readonly orgId: string;
  /** When the runtime announced the call (ms since epoch); its `call-started` follows at once. */
  readonly preparedAt: number;
  readonly audio: LiveAudioFanOut;
  readonly watchers = new Set<LiveCallWatcher>();
  readonly #log: BoundedEventLog;
  readonly #partials = new Map<Speaker, TranscriptEvent>();
  #turnState: TurnStateEvent | undefined;
  #started = false;
  #summary: {
    agentName: string;
    direction: 'inbound' | 'outbound';
    carrier: string;
    from: string;
    to: string;
    startedAt: string;
    state: TurnState;
    turns: number;
    lastTurnLatencyMs: number | null;
  };
  #lastCallerTurn = -1;

  constructor(
    call: PreparedCallInfo,
    options: { readonly maxEvents: number; readonly now: number },
    onListenerError: (error: unknown) => void,
  ) {
    this.callId = call.callId;
    this.orgId = call.orgId;
    this.preparedAt = options.now;
    this.#log = new BoundedEventLog(options.maxEvents);
    this.audio = new LiveAudioFanOut(call.leg, onListenerError);
    this.#summary = {
      agentName: call.agentName,
      direction: call.direction,
      carrier: call.carrier,
      from: call.from,
      to: call.to,
      startedAt: new Date(options.now).toISOString(),
      state: 'listening',
      turns: 0,
      lastTurnLatencyMs: null,
    };
  }

  /** True once `call-started` arrived: from then on the call is listed and can be watched. */
  get started(): boolean {
    return this.#started;
  }

  /** Takes one event in; true when the call's summary changed. */
  apply(event: CallEvent): boolean {
    const summary = this.#summary;
    switch (event.type) {
      case 'call-started':
        this.#started = true;
        this.#log.append(event);
        summary.agentName = event.agentName;
        summary.direction = event.direction;
        summary.carrier = event.carrier;
        summary.from = event.pii.from;
        summary.to = event.pii.to;
        summary.startedAt = new Date(event.at).toISOString();
        return true;
      case 'turn-state': {
        this.#turnState = event;
        const changed = summary.state !== event.state;
        summary.state = event.state;
        return changed;
      }
      case 'transcript':
        return this.#applyTranscript(event);
      case 'turn-metrics':
        this.#log.append(event);
        summary.lastTurnLatencyMs = event.totalMs;
        return true;
      case 'call-ended':
        this.#log.append(event);
        return true;
      default:
        this.#log.append(event);
        return false;
    }
  }

  #applyTranscript(event: TranscriptEvent): boolean {
    if (!event.final) {
      this.#partials.set(event.speaker, event);
      return false;
    }
    this.#log.append(event);
    const partial = this.#partials.get(event.speaker);
    if (partial !== undefined && event.turn >= partial.turn) this.#partials.delete(event.speaker);
    if (event.speaker !== 'caller' || event.turn <= this.#lastCallerTurn) return false;
    this.#lastCallerTurn = event.turn;
    this.#summary.turns++;
    return true;
  }

  summary(): LiveCall {
    return { callId: this.callId, ...this.#summary };
  }

  /** The call and its events so far, oldest first, without superseded partials or turn states. */
  snapshot(): LiveCallSnapshot {
    const events = this.#log.toArray();
    const latest: CallEvent[] = [...this.#partials.values()];
    if (this.#turnState !== undefined) latest.push(this.#turnState);
    for (const event of latest.sort((a, b) => a.seq - b.seq)) {
      let index = events.length;
      while (index > 0 && (events[index - 1]?.seq ?? -1) > event.seq) index--;
      events.splice(index, 0, event);
    }
    return { call: this.summary(), events };
  }
}
