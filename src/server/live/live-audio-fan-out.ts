import { createAudioConverter, type AudioConverter } from '../../audio/audio-converter.js';
import type { AudioFormat } from '../../audio/audio-frame.js';
import type { CallEndReason } from '../../engine/call-events.js';
import type { AudioTap } from '../../engine/voice-session-options.js';

/** Listen-in audio: 16-bit little-endian mono PCM at this rate. */
export const LISTEN_SAMPLE_RATE = 16_000;
/** The first byte of a listen-in frame: whose audio follows. */
export const CALLER_LANE = 0;
export const AGENT_LANE = 1;

const LISTEN_FORMAT: AudioFormat = { encoding: 'linear16', sampleRate: LISTEN_SAMPLE_RATE };

/** Someone listening in on a call. Called on the audio path: must be cheap and must not throw. */
export interface LiveAudioListener {
  /**
   * One frame: the lane byte, then PCM16LE at 16 kHz. The same bytes go to every listener: read
   * them, never change them.
   */
  onAudio(frame: Uint8Array): void;
  /** No more audio: the call ended (with its reason) or the hub closed (no reason). */
  onClose(reason: CallEndReason | undefined): void;
}

/**
 * Fans one call's audio out to its listeners in the listen-in format. With nobody listening the
 * tap does nothing else than look at a set's size: conversion starts with the first listener and
 * its state is dropped with the last.
 */
export class LiveAudioFanOut {
  readonly #inboundFormat: AudioFormat;
  readonly #outboundFormat: AudioFormat;
  readonly #listeners = new Set<LiveAudioListener>();
  #caller: AudioConverter | undefined;
  #agent: AudioConverter | undefined;
  #onListenerError: (error: unknown) => void;

  /** The tap the call's session feeds (bytes in the leg's inbound and outbound formats). */
  readonly tap: AudioTap = {
    onCallerAudio: (audio) => {
      if (this.#listeners.size === 0) return;
      this.#caller ??= createAudioConverter(this.#inboundFormat, LISTEN_FORMAT);
      this.#deliver(CALLER_LANE, this.#caller.convert(audio));
    },
    onAgentAudio: (audio) => {
      if (this.#listeners.size === 0) return;
      this.#agent ??= createAudioConverter(this.#outboundFormat, LISTEN_FORMAT);
      this.#deliver(AGENT_LANE, this.#agent.convert(audio));
    },
  };

  constructor(
    formats: { readonly inboundFormat: AudioFormat; readonly outboundFormat: AudioFormat },
    onListenerError: (error: unknown) => void = () => {},
  ) {
    this.#inboundFormat = formats.inboundFormat;
    this.#outboundFormat = formats.outboundFormat;
    this.#onListenerError = onListenerError;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Adds a listener; the returned function removes it. */
  add(listener: LiveAudioListener): () => void {
    this.#listeners.add(listener);
    return () => this.#remove(listener);
  }

  /** Tells every listener the audio is over and forgets them. */
  close(reason: CallEndReason | undefined): void {
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    this.#caller = undefined;
    this.#agent = undefined;
    this.#onListenerError = () => {};
    for (const listener of listeners) closeQuietly(listener, reason);
  }

  #remove(listener: LiveAudioListener): void {
    this.#listeners.delete(listener);
    if (this.#listeners.size > 0) return;
    this.#caller = undefined;
    this.#agent = undefined;
  }

  #deliver(lane: number, pcm: Uint8Array): void {
    if (pcm.length === 0) return;
    const frame = new Uint8Array(pcm.length + 1);
    frame[0] = lane;
    frame.set(pcm, 1);
    for (const listener of this.#listeners) {
      try {
        listener.onAudio(frame);
      } catch (error) {
        this.#remove(listener);
        this.#onListenerError(error);
        closeQuietly(listener, undefined);
      }
    }
  }
}

function closeQuietly(listener: LiveAudioListener, reason: CallEndReason | undefined): void {
  try {
    listener.onClose(reason);
  } catch {
    // A listener that fails while closing has nothing left to lose.
  }
}
