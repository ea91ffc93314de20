import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { systemClock } from '../../engine/clock.js';
import { PlayoutTicker, type TickTarget } from '../../engine/playout-ticker.js';
import { computeTwilioSignature } from '../../telephony/twilio/signature.js';
import type { CallerStep } from './caller-script.js';
import { parseTwimlAnswer } from './twiml-stream.js';

const FRAME_BYTES = 160;
const FRAME_MS = 20;
const SILENCE = new Uint8Array(FRAME_BYTES).fill(0xff);
const payloads = new WeakMap<Uint8Array, string>();
const framings = new WeakMap<Uint8Array, readonly Uint8Array[]>();

/** A line's audio cut into 20 ms frames, once per audio object (callers share the same line). */
function framesOf(audio: Uint8Array): readonly Uint8Array[] {
  let frames = framings.get(audio);
  if (frames === undefined) {
    const cut: Uint8Array[] = [];
    for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
      const frame = new Uint8Array(FRAME_BYTES).fill(0xff);
      frame.set(audio.subarray(offset, Math.min(audio.length, offset + FRAME_BYTES)));
      cut.push(frame);
    }
    frames = cut;
    framings.set(audio, frames);
  }
  return frames;
}

/** Base64 of a frame, computed once per frame object (speech lines are shared between callers). */
function base64Of(frame: Uint8Array): string {
  let payload = payloads.get(frame);
  if (payload === undefined) {
    payload = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
    payloads.set(frame, payload);
  }
  return payload;
}

/** Agent media arriving within this gap belongs to the same burst of speech. */
const BURST_GAP_MS = 250;

export interface SimulatedCallerOptions {
  /** Where the server listens, e.g. `http://127.0.0.1:3000`. */
  readonly serverUrl: string;
  /** The server's PUBLIC_URL: carriers sign the public URL, so we do too. */
  readonly publicUrl: string;
  readonly authToken: string;
  readonly accountSid: string;
  readonly from: string;
  readonly to: string;
  readonly carrier?: 'twilio' | 'signalwire';
  readonly script: readonly CallerStep[];
  /** μ-law 8 kHz audio for a line of the script. */
  readonly speech: (text: string) => Promise<Uint8Array>;
  /** Share one ticker between many callers (benchmark). */
  readonly ticker?: PlayoutTicker;
  /** The agent counts as finished after this much quiet. */
  readonly quietMs?: number;
  /**
   * Keep both sides' audio (for the WAV). A benchmark running hundreds of callers turns it off:
   * then only the timing and the amount of agent audio are tracked.
   */
  readonly record?: boolean;
  /** Give up waiting for the server to end the call after the script. */
  readonly endWaitMs?: number;
  readonly log?: (line: string) => void;
}

export interface CallerTurnReport {
  readonly said: string;
  readonly bargeIn: boolean;
  /** Monotonic ms when the last frame of the line was sent. */
  speechEndAt: number;
  /** Monotonic ms when the first agent audio after it arrived. */
  firstAgentAudioAt?: number;
  latencyMs?: number;
}

export interface CallerReport {
  readonly callSid: string;
  outcome: 'completed' | 'rejected' | 'error';
  /** What the server said instead of streaming (unknown number). */
  rejectedWith?: string;
  readonly turns: CallerTurnReport[];
  /** One frame per tick: what the caller sent and what it heard, μ-law. */
  readonly sentFrames: Uint8Array[];
  readonly heardFrames: Uint8Array[];
  agentAudioMs: number;
  marksEchoed: number;
  clears: number;
  /** Inter-arrival times of agent media inside bursts (pacing jitter = |interval − 20|). */
  readonly intervalsMs: number[];
  /** Agent frames that arrived too late for real-time playout (gap > 2.5 frames mid-burst). */
  lateFrames: number;
  endedBy: 'server' | 'caller' | 'timeout' | 'error';
  readonly errors: string[];
}

interface PendingMark {
  readonly name: string;
  readonly atByte: number;
}

/**
 * Places a call into a running Switchboard server the way Twilio does: a signed voice webhook, then
 * a signed Media Streams WebSocket carrying the caller's audio in real time. It plays the agent's
 * audio out at real time too, echoes marks only once the audio before them has played, honours
 * `clear`, and records both sides.
 */
export class SimulatedCaller implements TickTarget {
  readonly #options: SimulatedCallerOptions;
  readonly #ticker: PlayoutTicker;
  readonly #ownTicker: boolean;
  readonly #callSid = `CA${randomBytes(16).toString('hex')}`;
  readonly #streamSid = `MZ${randomBytes(16).toString('hex')}`;
  readonly report: CallerReport;
  #socket: WebSocket | undefined;
  #sequence = 0;
  #chunk = 0;
  #startedAt = 0;
  #speaking:
    { frames: Uint8Array[]; index: number; turn: CallerTurnReport; ready: boolean } | undefined;
  #stepIndex = 0;
  #stepReadyAt = 0;
  #agentQueue: Uint8Array[] = [];
  #queuedBytes = 0;
  #playedBytes = 0;
  #marks: PendingMark[] = [];
  #lastAgentMediaAt = -Infinity;
  #agentSpeakingSince: number | undefined;
  #agentSpokeSinceLine = false;
  #lineEndedAt = 0;
  #scriptDoneAt: number | undefined;
  #preparedSpeech = new Map<string, Promise<Uint8Array>>();
  #resolveDone!: () => void;
  #closed = false;

  constructor(options: SimulatedCallerOptions) {
    this.#options = options;
    this.#ownTicker = options.ticker === undefined;
    this.#ticker = options.ticker ?? new PlayoutTicker(systemClock, FRAME_MS);
    this.report = {
      callSid: this.#callSid,
      outcome: 'completed',
      turns: [],
      sentFrames: [],
      heardFrames: [],
      agentAudioMs: 0,
      marksEchoed: 0,
      clears: 0,
      intervalsMs: [],
      lateFrames: 0,
      endedBy: 'server',
      errors: [],
    };
  }

  get callSid(): string {
    return this.#callSid;
  }

  /** Runs the whole call; resolves when it has ended. Never rejects. */
  async run(): Promise<CallerReport> {
    try {
      for (const step of this.#options.script) {
        if ('say' in step) this.#preparedSpeech.set(step.say, this.#options.speech(step.say));
      }
      const answer = await this.#postVoiceWebhook();
      if (answer.kind === 'say') {
        this.report.outcome = 'rejected';
        this.report.rejectedWith = answer.text;
        return this.report;
      }
      if (answer.kind !== 'stream') throw new Error(`unexpected TwiML answer: ${answer.body}`);
      await this.#openStream(answer.url, answer.parameters);
      await new Promise<void>((resolve) => (this.#resolveDone = resolve));
    } catch (error) {
      this.report.outcome = 'error';
      this.report.endedBy = 'error';
      this.report.errors.push(error instanceof Error ? error.message : String(error));
      this.#close();
    }
    return this.report;
  }

  async #postVoiceWebhook(): Promise<ReturnType<typeof parseTwimlAnswer>> {
    const options = this.#options;
    const path = options.carrier === 'signalwire' ? '/signalwire/voice' : '/twilio/voice';
    const params = new URLSearchParams({
      CallSid: this.#callSid,
      AccountSid: options.accountSid,
      From: options.from,
      To: options.to,
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    });
    const signature = computeTwilioSignature({
      authToken: options.authToken,
      url: `${options.publicUrl}${path}`,
      params,
    });
    const response = await fetch(`${options.serverUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        [options.carrier === 'signalwire' ? 'x-signalwire-signature' : 'x-twilio-signature']:
          signature,
      },
      body: params.toString(),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`voice webhook answered ${response.status}: ${body}`);
    return parseTwimlAnswer(body);
  }

  async #openStream(streamUrl: string, parameters: Record<string, string>): Promise<void> {
    const options = this.#options;
    const publicStreamUrl = new URL(streamUrl);
    const target = new URL(options.serverUrl);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    target.pathname = publicStreamUrl.pathname;
    const signature = computeTwilioSignature({ authToken: options.authToken, url: streamUrl });
    const header =
      options.carrier === 'signalwire' ? 'x-signalwire-signature' : 'x-twilio-signature';
    const socket = new WebSocket(target.toString(), { headers: { [header]: signature } });
    this.#socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`media stream upgrade refused: ${response.statusCode}`)),
      );
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.#onServerMessage(data.toString());
    });
    socket.on('close', () => this.#onClosed('server'));
    socket.on('error', (error) => this.report.errors.push(error.message));
    this.#send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    this.#send({
      event: 'start',
      sequenceNumber: String(++this.#sequence),
      streamSid: this.#streamSid,
      start: {
        streamSid: this.#streamSid,
        accountSid: options.accountSid,
        callSid: this.#callSid,
        tracks: ['inbound'],
        customParameters: parameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
    this.#startedAt = systemClock.now();
    this.#stepReadyAt = this.#startedAt;
    this.#ticker.add(this);
  }

  #onServerMessage(text: string): void {
    if (this.#options.record === false && text.startsWith('{"event":"media"')) {
      // Timing only: the payload's size is all that matters, read without decoding it.
      const start = text.indexOf('"payload":"');
      const end = start < 0 ? -1 : text.indexOf('"', start + 11);
      if (end > 0) {
        const base64Length = end - start - 11;
        const padding = text[end - 1] === '=' ? (text[end - 2] === '=' ? 2 : 1) : 0;
        this.#onAgentAudio(undefined, (base64Length / 4) * 3 - padding);
        return;
      }
    }
    let message: { event?: string; media?: { payload?: string }; mark?: { name?: string } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      this.report.errors.push('server sent malformed JSON');
      return;
    }
    if (message.event === 'media' && typeof message.media?.payload === 'string') {
      const audio = Buffer.from(message.media.payload, 'base64');
      this.#onAgentAudio(
        new Uint8Array(audio.buffer, audio.byteOffset, audio.length),
        audio.length,
      );
    } else if (message.event === 'mark' && typeof message.mark?.name === 'string') {
      this.#marks.push({ name: message.mark.name, atByte: this.#playedBytes + this.#queuedBytes });
      this.#echoPlayedMarks();
    } else if (message.event === 'clear') {
      this.report.clears++;
      this.#agentQueue = [];
      this.#queuedBytes = 0;
      // Twilio answers a clear by echoing every outstanding mark.
      const marks = this.#marks.splice(0);
      for (const mark of marks) this.#echoMark(mark.name);
    }
  }

  /** Agent audio arrived: queue it for playout and account for its timing. */
  #onAgentAudio(audio: Uint8Array | undefined, byteLength: number): void {
    const now = systemClock.now();
    if (audio !== undefined) this.#agentQueue.push(audio);
    this.#queuedBytes += byteLength;
    this.report.agentAudioMs += byteLength / 8;
    const gap = now - this.#lastAgentMediaAt;
    if (gap < BURST_GAP_MS) {
      this.report.intervalsMs.push(gap);
      if (gap > FRAME_MS * 2.5) this.report.lateFrames += Math.round(gap / FRAME_MS) - 1;
    } else {
      this.#agentSpeakingSince = now;
    }
    this.#lastAgentMediaAt = now;
    this.#agentSpokeSinceLine = true;
    for (const turn of this.report.turns) {
      if (turn.firstAgentAudioAt === undefined && turn.speechEndAt > 0 && now >= turn.speechEndAt) {
        turn.firstAgentAudioAt = now;
        turn.latencyMs = now - turn.speechEndAt;
      }
    }
  }

  tick(now: number): void {
    if (this.#closed) return;
    this.#sendCallerFrame();
    this.#playAgentFrame();
    this.#advanceScript(now);
  }

  #sendCallerFrame(): void {
    let frame: Uint8Array = SILENCE;
    const speaking = this.#speaking;
    if (speaking?.ready === true) {
      frame = speaking.frames[speaking.index++] ?? SILENCE;
      if (speaking.index >= speaking.frames.length) {
        speaking.turn.speechEndAt = systemClock.now();
        this.#speaking = undefined;
        this.#lineEndedAt = speaking.turn.speechEndAt;
        this.#agentSpokeSinceLine = false;
      }
    }
    if (this.#options.record !== false) this.report.sentFrames.push(frame);
    // Built by hand with a cached payload: a benchmark runs hundreds of these callers in one
    // process, and their cost would otherwise show up as the server's jitter.
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return;
    socket.send(
      `{"event":"media","sequenceNumber":"${++this.#sequence}","streamSid":"${this.#streamSid}","media":{"track":"inbound","chunk":"${++this.#chunk}","timestamp":"${Math.round(systemClock.now() - this.#startedAt)}","payload":"${base64Of(frame)}"}}`,
    );
  }

  #playAgentFrame(): void {
    if (this.#options.record === false) {
      const played = Math.min(FRAME_BYTES, this.#queuedBytes);
      this.#queuedBytes -= played;
      this.#playedBytes += played;
      this.#echoPlayedMarks();
      return;
    }
    const frame = new Uint8Array(FRAME_BYTES).fill(0xff);
    let filled = 0;
    while (filled < FRAME_BYTES && this.#agentQueue.length > 0) {
      const head = this.#agentQueue[0] as Uint8Array;
      const take = Math.min(head.length, FRAME_BYTES - filled);
      frame.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.#agentQueue.shift();
      else this.#agentQueue[0] = head.subarray(take);
    }
    this.#queuedBytes -= filled;
    this.#playedBytes += filled;
    this.report.heardFrames.push(frame);
    this.#echoPlayedMarks();
  }

  #echoPlayedMarks(): void {
    while (this.#marks.length > 0 && (this.#marks[0] as PendingMark).atByte <= this.#playedBytes) {
      this.#echoMark((this.#marks.shift() as PendingMark).name);
    }
  }

  #echoMark(name: string): void {
    this.report.marksEchoed++;
    this.#send({
      event: 'mark',
      sequenceNumber: String(++this.#sequence),
      streamSid: this.#streamSid,
      mark: { name },
    });
  }

  #advanceScript(now: number): void {
    if (this.#speaking !== undefined) return;
    const step = this.#options.script[this.#stepIndex];
    if (step === undefined) {
      this.#scriptDoneAt ??= now;
      if (now - this.#scriptDoneAt > (this.#options.endWaitMs ?? 15_000)) {
        this.report.endedBy = 'timeout';
        this.#hangup();
      }
      return;
    }
    const quietMs = this.#options.quietMs ?? 700;
    const agentQuiet = this.#queuedBytes === 0 && now - this.#lastAgentMediaAt >= quietMs;
    const waited = now - Math.max(this.#stepReadyAt, this.#lineEndedAt);
    if ('hangup' in step) {
      // Hang up once the agent has answered the last line and gone quiet.
      const answered = this.#agentSpokeSinceLine || waited > 8000;
      if ((answered && agentQuiet) || waited > 20_000) this.#hangup();
      return;
    }
    if ('dtmf' in step) {
      if (!agentQuiet && waited < 20_000) return;
      this.#stepIndex++;
      this.#stepReadyAt = now;
      void this.#pressDigits(step.dtmf);
      return;
    }
    if (step.bargeInAfterMs !== undefined) {
      const speakingFor =
        this.#agentSpeakingSince === undefined ? 0 : now - this.#agentSpeakingSince;
      // Audio arrives paced in real time, so "talking" means it arrived within the last frames.
      const agentTalking = this.#agentSpokeSinceLine && now - this.#lastAgentMediaAt < FRAME_MS * 5;
      if (!(agentTalking && speakingFor >= step.bargeInAfterMs) && waited < 20_000) return;
    } else {
      const answered = this.#agentSpokeSinceLine || waited > 8000;
      if (!(answered && agentQuiet) && waited < 20_000) return;
      if (step.pauseBeforeMs !== undefined && waited < step.pauseBeforeMs) return;
    }
    this.#startLine(step.say, step.bargeInAfterMs !== undefined);
  }

  #startLine(text: string, bargeIn: boolean): void {
    const prepared = this.#preparedSpeech.get(text);
    if (prepared === undefined) return;
    this.#stepIndex++;
    const turn: CallerTurnReport = { said: text, bargeIn, speechEndAt: 0 };
    this.report.turns.push(turn);
    // Claim the line now so the next tick does not start it twice while audio is decoded.
    this.#speaking = { frames: [], index: 0, turn, ready: false };
    void prepared.then(
      (audio) => {
        const frames = framesOf(audio);
        if (this.#speaking?.turn === turn) {
          this.#speaking.frames.push(...frames);
          this.#speaking.ready = true;
        }
        this.#options.log?.(`caller: ${text}`);
      },
      (error: unknown) => {
        this.report.errors.push(`could not synthesize "${text}": ${String(error)}`);
        if (this.#speaking?.turn === turn) this.#speaking = undefined;
      },
    );
  }

  async #pressDigits(digits: string): Promise<void> {
    for (const digit of digits) {
      this.#send({
        event: 'dtmf',
        streamSid: this.#streamSid,
        sequenceNumber: String(++this.#sequence),
        dtmf: { track: 'inbound_track', digit },
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  #hangup(): void {
    if (this.#closed) return;
    this.#send({
      event: 'stop',
      sequenceNumber: String(++this.#sequence),
      streamSid: this.#streamSid,
      stop: { accountSid: this.#options.accountSid, callSid: this.#callSid },
    });
    if (this.report.endedBy === 'server') this.report.endedBy = 'caller';
    this.#onClosed(this.report.endedBy);
  }

  #onClosed(by: CallerReport['endedBy']): void {
    if (this.#closed) return;
    if (by !== 'server' || this.report.endedBy === 'server') this.report.endedBy = by;
    this.#close();
    this.#resolveDone?.();
  }

  #close(): void {
    this.#closed = true;
    this.#ticker.remove(this);
    if (this.#ownTicker) this.#ticker.remove(this);
    this.#socket?.close();
  }

  #send(message: unknown): void {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(message));
  }
}
