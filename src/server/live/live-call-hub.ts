import type { CallEndReason, CallEvent } from '../../engine/call-events.js';
import type { AudioTap } from '../../engine/voice-session-options.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { CallPreparedListener, PreparedCallInfo } from '../call-runtime.js';
import type { LiveAudioListener } from './live-audio-fan-out.js';
import type { LiveCall, LiveCallSnapshot } from './live-call.js';
import { LiveCallState, type LiveCallWatcher } from './live-call-state.js';

/** Events kept per live call for the snapshot; older ones are dropped (the call-started stays). */
export const DEFAULT_MAX_EVENTS_PER_CALL = 2_000;
/** A call announced but never started (its session failed to build) is forgotten after this. */
const UNSTARTED_TTL_MS = 60_000;

export interface LiveCallHubOptions {
  /** Events kept per call for the snapshot (default 2,000). */
  readonly maxEventsPerCall?: number;
  readonly logger?: Logger;
}

/** Follows one organisation's live calls: the full list, newest first, on every change. */
export interface LiveCallsWatcher {
  onCalls(calls: readonly LiveCall[]): void;
  /** The hub closed (server shutdown). */
  onClose(): void;
}

/** What the runtime offers the hub: the same two hooks the server calls. */
export interface LiveCallSource {
  onCallEvent(listener: (event: CallEvent) => void): () => void;
  onCallPrepared(listener: CallPreparedListener): () => void;
}

/**
 * The live view of this process's calls. It hears every call event and each call's audio from
 * the runtime, keeps a summary and a bounded event log per call, and fans both out to watchers
 * (per call and per organisation) and listen-in listeners. Delivery is synchronous and guarded:
 * a watcher that throws is dropped and nothing reaches the engine; watchers must not block (the
 * SSE and WebSocket layers bound their own queues). Everything about a call goes with its
 * `call-ended`.
 *
 * @example
 * const hub = new LiveCallHub({ logger });
 * hub.attach(runtime);
 */
export class LiveCallHub {
  readonly #maxEvents: number;
  readonly #logger: Logger;
  readonly #calls = new Map<string, LiveCallState>();
  /** Started calls by organisation, in start order. */
  readonly #byOrganization = new Map<string, Map<string, LiveCallState>>();
  readonly #organizationWatchers = new Map<string, Set<LiveCallsWatcher>>();
  #closed = false;

  constructor(options: LiveCallHubOptions = {}) {
    this.#maxEvents = options.maxEventsPerCall ?? DEFAULT_MAX_EVENTS_PER_CALL;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Hooks the hub to a runtime; the returned function unhooks it. */
  attach(source: LiveCallSource): () => void {
    const offEvents = source.onCallEvent(this.onCallEvent);
    const offPrepared = source.onCallPrepared(this.onCallPrepared);
    return () => {
      offEvents();
      offPrepared();
    };
  }

  /** For `runtime.onCallPrepared`: remembers whose call it is and returns its listen-in tap. */
  readonly onCallPrepared = (call: PreparedCallInfo): AudioTap | undefined => {
    if (this.#closed) return undefined;
    const now = Date.now();
    for (const [callId, state] of this.#calls) {
      if (!state.started && now - state.preparedAt > UNSTARTED_TTL_MS) this.#forget(callId);
    }
    const state = new LiveCallState(call, { maxEvents: this.#maxEvents, now }, (error) =>
      this.#logger.warn({ err: error, callId: call.callId }, 'listen-in listener failed'),
    );
    this.#calls.set(call.callId, state);
    return state.audio.tap;
  };

  /** For `runtime.onCallEvent`: never throws. */
  readonly onCallEvent = (event: CallEvent): void => {
    try {
      this.#handle(event);
    } catch (error) {
      this.#logger.error({ err: error, callId: event.callId }, 'live call hub failed on an event');
    }
  };

  /** What the hub holds, for health checks and tests: calls and everyone following them. */
  stats(): {
    readonly calls: number;
    readonly callWatchers: number;
    readonly organizationWatchers: number;
    readonly listeners: number;
  } {
    let callWatchers = 0;
    let listeners = 0;
    for (const call of this.#calls.values()) {
      callWatchers += call.watchers.size;
      listeners += call.audio.listenerCount;
    }
    let organizationWatchers = 0;
    for (const watchers of this.#organizationWatchers.values())
      organizationWatchers += watchers.size;
    return { calls: this.#calls.size, callWatchers, organizationWatchers, listeners };
  }

  /** The organisation's live calls, newest first. */
  list(orgId: string): LiveCall[] {
    const calls = this.#byOrganization.get(orgId);
    if (calls === undefined) return [];
    return [...calls.values()].map((call) => call.summary()).reverse();
  }

  /** Whether the call is live here and belongs to the organisation. */
  isLive(callId: string, orgId: string): boolean {
    return this.#visible(callId, orgId) !== undefined;
  }

  /**
   * Follows a call of the organisation: the snapshot and the subscription are taken together, so
   * no event is missed or seen twice. Undefined when the call is not live here.
   */
  watchCall(
    callId: string,
    orgId: string,
    watcher: LiveCallWatcher,
  ): { readonly snapshot: LiveCallSnapshot; readonly stop: () => void } | undefined {
    const call = this.#visible(callId, orgId);
    if (call === undefined) return undefined;
    call.watchers.add(watcher);
    return { snapshot: call.snapshot(), stop: () => call.watchers.delete(watcher) };
  }

  /** Follows the organisation's list of live calls; the watcher gets the current list at once. */
  watchOrganization(orgId: string, watcher: LiveCallsWatcher): () => void {
    if (this.#closed) {
      watcher.onClose();
      return () => {};
    }
    let watchers = this.#organizationWatchers.get(orgId);
    if (watchers === undefined) {
      watchers = new Set();
      this.#organizationWatchers.set(orgId, watchers);
    }
    watchers.add(watcher);
    this.#deliverList(orgId, new Set([watcher]));
    return () => {
      const current = this.#organizationWatchers.get(orgId);
      current?.delete(watcher);
      if (current?.size === 0) this.#organizationWatchers.delete(orgId);
    };
  }

  /** Listens in on a call of the organisation; undefined when it is not live here. */
  listen(callId: string, orgId: string, listener: LiveAudioListener): (() => void) | undefined {
    return this.#visible(callId, orgId)?.audio.add(listener);
  }

  /** Ends every watch and listen-in (server shutdown); later calls are not followed. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const callId of [...this.#calls.keys()]) this.#forget(callId);
    const watchers = [...this.#organizationWatchers.values()].flatMap((set) => [...set]);
    this.#organizationWatchers.clear();
    for (const watcher of watchers) this.#safely(() => watcher.onClose());
  }

  #visible(callId: string, orgId: string): LiveCallState | undefined {
    const call = this.#calls.get(callId);
    return call !== undefined && call.started && call.orgId === orgId ? call : undefined;
  }

  #handle(event: CallEvent): void {
    const call = this.#calls.get(event.callId);
    if (call === undefined) return;
    const changed = call.apply(event);
    if (event.type === 'call-started') {
      let calls = this.#byOrganization.get(call.orgId);
      if (calls === undefined) {
        calls = new Map();
        this.#byOrganization.set(call.orgId, calls);
      }
      calls.set(call.callId, call);
    }
    for (const watcher of call.watchers) {
      if (!this.#safely(() => watcher.onEvent(event))) {
        call.watchers.delete(watcher);
        this.#safely(() => watcher.onClose());
      }
    }
    if (event.type === 'call-ended') this.#forget(call.callId, event.reason);
    if (changed && call.started) this.#deliverList(call.orgId);
  }

  /** Drops a call and everything following it. */
  #forget(callId: string, reason?: CallEndReason): void {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    this.#calls.delete(callId);
    const calls = this.#byOrganization.get(call.orgId);
    calls?.delete(callId);
    if (calls?.size === 0) this.#byOrganization.delete(call.orgId);
    const watchers = [...call.watchers];
    call.watchers.clear();
    for (const watcher of watchers) this.#safely(() => watcher.onClose());
    call.audio.close(reason);
  }

  #deliverList(orgId: string, only?: ReadonlySet<LiveCallsWatcher>): void {
    const watchers = only ?? this.#organizationWatchers.get(orgId);
    if (watchers === undefined || watchers.size === 0) return;
    const calls = this.list(orgId);
    for (const watcher of watchers) {
      if (this.#safely(() => watcher.onCalls(calls))) continue;
      this.#organizationWatchers.get(orgId)?.delete(watcher);
      this.#safely(() => watcher.onClose());
    }
  }

  /** Runs a watcher's callback; false (and a log line) when it threw. */
  #safely(callback: () => void): boolean {
    try {
      callback();
      return true;
    } catch (error) {
      this.#logger.warn({ err: error }, 'live call watcher failed');
      return false;
    }
  }
}
