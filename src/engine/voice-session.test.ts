import { describe, expect, it } from 'vitest';
import type { CallEvent } from './call-events.js';
import { ManualClock } from './manual-clock.js';
import { PlayoutTicker } from './playout-ticker.js';
import {
  DEFAULT_SILENCE,
  DEFAULT_TURN_TAKING,
  type SilenceSettings,
  type TurnTakingSettings,
} from './session-options.js';
import type { ToolV1 } from './tool.js';
import { VoiceSession } from './voice-session.js';
import type { ScriptedReply } from '../testing/scripted/index.js';
import {
  InMemoryCallLeg,
  ScriptedLlm,
  ScriptedStt,
  ScriptedTts,
  createEnergyVad,
} from '../testing/scripted/index.js';
import type { ChatMessage } from '../providers/spec/llm-model-v1.js';

const LOUD = new Uint8Array(160).fill(0x10);
const QUIET = new Uint8Array(160).fill(0xff);

const endCall: ToolV1 = {
  name: 'end_call',
  description: 'Hang up',
  parameters: { type: 'object', properties: {} },
  kind: 'end-call',
  execute: async () => ({ ok: true }),
};

const transferCall: ToolV1 = {
  name: 'transfer_call',
  description: 'Transfer to a person',
  parameters: { type: 'object', properties: { destination: { type: 'string' } } },
  kind: 'transfer',
  execute: async () => ({ destination: '+15551234567' }),
};

const lookup: ToolV1 = {
  name: 'lookup_customer',
  description: 'Find the caller',
  parameters: { type: 'object', properties: {} },
  kind: 'normal',
  execute: async () => ({ name: 'Ada' }),
};

async function flush(): Promise<void> {
  for (let index = 0; index < 3; index++) await new Promise((resolve) => setImmediate(resolve));
}

function lastUser(messages: readonly ChatMessage[]): string | undefined {
  const users = messages.filter((message) => message.role === 'user');
  const last = users[users.length - 1];
  return last?.role === 'user' ? last.content : undefined;
}

function createHarness(options: {
  respond: (messages: readonly ChatMessage[], index: number) => ScriptedReply;
  firstMessage?: string;
  silence?: Partial<SilenceSettings>;
  tools?: ToolV1[];
  turnTaking?: TurnTakingSettings;
}) {
  const clock = new ManualClock(1000);
  const ticker = new PlayoutTicker(clock);
  const leg = new InMemoryCallLeg();
  const stt = new ScriptedStt();
  const tts = new ScriptedTts({ msPerCharacter: 10 });
  const llm = new ScriptedLlm(options.respond);
  const events: CallEvent[] = [];
  const session = new VoiceSession({
    callId: 'call-1',
    leg,
    direction: 'inbound',
    from: '+15550001111',
    to: '+15550002222',
    agentName: 'test-agent',
    instructions: 'You are a test agent.',
    firstMessage: options.firstMessage,
    stt,
    llm,
    tts,
    vad: createEnergyVad(),
    tools: options.tools ?? [endCall, transferCall, lookup],
    turnTaking: options.turnTaking ?? DEFAULT_TURN_TAKING,
    silence: { ...DEFAULT_SILENCE, reminderAfterMs: 0, hangupAfterMs: 0, ...options.silence },
    maxDurationMs: 0,
    onEvent: (event) => events.push(event),
    ticker,
    clock,
  });
  /** Plays `ms` of caller audio (loud or quiet), moving time 20 ms per frame. */
  const caller = async (ms: number, loud: boolean): Promise<void> => {
    for (let elapsed = 0; elapsed < ms; elapsed += 20) {
      leg.sendCallerAudio(loud ? LOUD : QUIET);
      clock.advance(20);
      await flush();
      leg.echoMarks();
    }
  };
  /** The caller talks for `speakMs`, the STT settles on `text`, then `quietMs` of silence. */
  const says = async (text: string, speakMs: number, quietMs: number): Promise<void> => {
    await caller(speakMs, true);
    stt.current.emit({ type: 'transcript-final', text, speechFinal: true });
    await caller(quietMs, false);
  };
  const ofType = <T extends CallEvent['type']>(type: T) =>
    events.filter((event): event is Extract<CallEvent, { type: T }> => event.type === type);
  return { clock, leg, stt, tts, llm, events, session, caller, says, ofType };
}

describe('VoiceSession', () => {
  it('greets, answers a turn and reports the latency split', async () => {
    const harness = createHarness({
      firstMessage: 'Hello, thanks for calling.',
      respond: () => ({ text: 'Sure, I can book an oil change for you.' }),
    });
    await harness.session.start();
    await harness.caller(400, false);
    expect(harness.tts.texts[0]).toContain('Hello, thanks for calling.');
    expect(harness.leg.sent.length).toBeGreaterThanOrEqual(13);
    const greeting = harness.ofType('transcript').find((event) => event.speaker === 'agent');
    expect(greeting?.pii.text).toBe('Hello, thanks for calling.');

    const sentBefore = harness.leg.sent.length;
    await harness.caller(600, true);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'I need an oil change',
      speechFinal: true,
    });
    await harness.caller(1000, false);

    expect(lastUser(harness.llm.lastRequest)).toBe('I need an oil change');
    expect(harness.leg.sent.length).toBeGreaterThan(sentBefore);
    const metrics = harness.ofType('turn-metrics')[0];
    expect(metrics).toBeDefined();
    expect(metrics?.endpointingMs).toBeGreaterThanOrEqual(480);
    expect(metrics?.endpointingMs).toBeLessThanOrEqual(520);
    expect(metrics?.totalMs).toBeCloseTo(
      (metrics?.endpointingMs ?? 0) +
        (metrics?.sttMs ?? 0) +
        (metrics?.llmMs ?? 0) +
        (metrics?.ttsMs ?? 0) +
        (metrics?.toolMs ?? 0) +
        (metrics?.overheadMs ?? 0),
      0,
    );
    const callerFinal = harness
      .ofType('transcript')
      .find((event) => event.speaker === 'caller' && event.final);
    expect(callerFinal?.pii.text).toBe('I need an oil change');
  });

  it('cuts the assistant message to what the caller heard when interrupted', async () => {
    const longReply =
      'We have openings on Monday at nine, Tuesday at ten, Wednesday at eleven, Thursday at two, and Friday at four in the afternoon.';
    const harness = createHarness({
      respond: (_messages, index) =>
        index === 0 ? { text: longReply } : { text: 'Tuesday it is.' },
    });
    await harness.session.start();
    await harness.caller(400, true);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'When are you open?',
      speechFinal: true,
    });
    await harness.caller(1100, false);
    expect(harness.llm.requests).toHaveLength(1);
    // The reply is ~1.2 s of audio; the caller cuts in after about half a second of it.
    await harness.caller(400, true);
    expect(harness.leg.actions).toContain('clear');
    harness.stt.current.emit({ type: 'transcript-partial', text: 'Tuesday please' });
    await harness.caller(100, true);
    const interruption = harness.ofType('interruption')[0];
    expect(interruption?.falseInterruption).toBe(false);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'Tuesday please',
      speechFinal: true,
    });
    await harness.caller(800, false);

    expect(harness.llm.requests).toHaveLength(2);
    const assistant = harness.llm.lastRequest.filter((message) => message.role === 'assistant');
    const heard = assistant[assistant.length - 1];
    expect(heard?.role === 'assistant' ? heard.content : undefined).toBeTruthy();
    const heardText = heard?.role === 'assistant' ? (heard.content ?? '') : '';
    expect(heardText.length).toBeLessThan(longReply.length);
    expect(longReply.startsWith(heardText.replace(/ +/g, ' '))).toBe(true);
    expect(lastUser(harness.llm.lastRequest)).toBe('Tuesday please');
    const agentLines = harness.ofType('transcript').filter((event) => event.speaker === 'agent');
    expect(agentLines.some((event) => event.interrupted)).toBe(true);
  });

  it('resumes after a false interruption (a cough, no words)', async () => {
    const harness = createHarness({
      firstMessage:
        'Thanks for calling the service desk of Acme Motors, where we take care of your car every day of the week.',
      respond: () => ({ text: 'ok' }),
    });
    await harness.session.start();
    await harness.caller(300, false);
    await harness.caller(400, true);
    expect(harness.leg.actions).toContain('clear');
    const pausedAt = harness.leg.sent.length;
    await harness.caller(2400, false);
    const interruption = harness.ofType('interruption')[0];
    expect(interruption?.falseInterruption).toBe(true);
    expect(harness.leg.sent.length).toBeGreaterThan(pausedAt + 5);
    expect(harness.llm.requests).toHaveLength(0);
  });

  it('hangs up after the goodbye has played', async () => {
    const harness = createHarness({
      respond: () => ({ text: 'Goodbye!', toolCalls: [{ name: 'end_call', arguments: {} }] }),
    });
    await harness.session.start();
    await harness.caller(300, true);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'That is all, bye',
      speechFinal: true,
    });
    await harness.caller(1500, false);
    expect(harness.leg.actions).toContain('hangup');
    const ended = await harness.session.done;
    expect(ended.reason).toBe('agent-hangup');
    expect(harness.ofType('tool-result')[0]?.error).toBeUndefined();
  });

  it('does not hang up when the goodbye is interrupted', async () => {
    const goodbye =
      'Thank you so much for calling today, it was a pleasure to help you with your appointment, have a wonderful day and drive safely.';
    const harness = createHarness({
      respond: (_messages, index) =>
        index === 0
          ? { text: goodbye, toolCalls: [{ name: 'end_call', arguments: {} }] }
          : { text: 'Of course, what else?' },
    });
    await harness.session.start();
    await harness.says('thanks bye', 300, 1000);
    await harness.caller(400, true);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'wait one more thing',
      speechFinal: true,
    });
    await harness.caller(3000, false);
    expect(harness.leg.actions).not.toContain('hangup');
    const skipped = harness.ofType('tool-result').find((event) => event.name === 'end_call');
    expect(skipped?.error).toMatch(/interrupted/);
    expect(harness.llm.requests).toHaveLength(2);
    const toolMessage = harness.llm.lastRequest.find((message) => message.role === 'tool');
    expect(toolMessage?.role === 'tool' ? toolMessage.content : '').toMatch(/not run/);
  });

  it('transfers through the carrier after the message played', async () => {
    const harness = createHarness({
      respond: () => ({
        text: 'Let me connect you.',
        toolCalls: [{ name: 'transfer_call', arguments: { destination: 'advisor' } }],
      }),
    });
    await harness.session.start();
    await harness.caller(300, true);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'a human please',
      speechFinal: true,
    });
    await harness.caller(1500, false);
    expect(harness.leg.actions).toContain('transfer:+15551234567');
    const ended = await harness.session.done;
    expect(ended.reason).toBe('transferred');
    expect(ended.transferTo).toBe('+15551234567');
  });

  it('runs normal tools and feeds results back to the model', async () => {
    const harness = createHarness({
      respond: (messages) =>
        messages.some((message) => message.role === 'tool')
          ? { text: 'Welcome back, Ada.' }
          : {
              toolCalls: [
                { name: 'lookup_customer', arguments: {} },
                { name: 'missing_tool', arguments: {} },
              ],
            },
    });
    await harness.session.start();
    await harness.says('hi it is me', 300, 1200);
    expect(harness.llm.requests).toHaveLength(2);
    const tools = harness.llm.lastRequest.filter((message) => message.role === 'tool');
    expect(tools).toHaveLength(2);
    const results = harness.ofType('tool-result');
    expect(results.find((event) => event.name === 'lookup_customer')?.error).toBeUndefined();
    expect(results.find((event) => event.name === 'missing_tool')?.error).toMatch(/unknown tool/);
    expect(harness.tts.texts.join(' ').replace(/\s+/g, ' ')).toContain('Welcome back, Ada.');
  });

  it('passes DTMF digits to the model as caller input', async () => {
    const harness = createHarness({ respond: () => ({ text: 'You pressed five.' }) });
    await harness.session.start();
    harness.leg.pressDigit('5');
    harness.leg.pressDigit('#');
    await harness.caller(200, false);
    expect(lastUser(harness.llm.lastRequest)).toBe('[DTMF 5#]');
    expect(harness.ofType('dtmf').map((event) => event.pii.digit)).toEqual(['5', '#']);
  });

  it('reminds a silent caller and then hangs up politely', async () => {
    const harness = createHarness({
      respond: () => ({ text: 'unused' }),
      silence: { reminderAfterMs: 2000, hangupAfterMs: 5000 },
    });
    await harness.session.start();
    await harness.caller(2600, false);
    expect(harness.tts.texts.join(' ')).toContain('Are you still there?');
    await harness.caller(4000, false);
    expect(harness.tts.texts.join(' ')).toContain('Goodbye');
    expect(harness.leg.actions).toContain('hangup');
    expect((await harness.session.done).reason).toBe('silence-timeout');
  });

  it('reconnects the STT when the provider drops', async () => {
    const harness = createHarness({ respond: () => ({ text: 'ok' }) });
    await harness.session.start();
    harness.stt.current.drop();
    await harness.caller(600, false);
    expect(harness.stt.streams).toHaveLength(2);
    expect(harness.ofType('provider-error')[0]?.code).toBe('stt_disconnected');
  });

  it('ends with the caller hang-up and numbers events without gaps', async () => {
    const harness = createHarness({ firstMessage: 'Hi.', respond: () => ({ text: 'ok' }) });
    await harness.session.start();
    await harness.caller(200, false);
    harness.leg.end('caller-hangup');
    const ended = await harness.session.done;
    expect(ended.reason).toBe('caller-hangup');
    expect(harness.events.map((event) => event.seq)).toEqual(
      harness.events.map((_, index) => index),
    );
    expect(harness.events[0]?.type).toBe('call-started');
    expect(harness.events[harness.events.length - 1]?.type).toBe('call-ended');
  });

  it('keeps the call going with an apology when the carrier refuses a transfer', async () => {
    const harness = createHarness({
      respond: () => ({
        text: 'Let me connect you.',
        toolCalls: [{ name: 'transfer_call', arguments: { destination: 'advisor' } }],
      }),
    });
    harness.leg.failTransfers = true;
    await harness.session.start();
    await harness.caller(300, true);
    harness.stt.current.emit({
      type: 'transcript-final',
      text: 'a human please',
      speechFinal: true,
    });
    await harness.caller(2500, false);
    expect(harness.leg.actions).toContain('transfer:+15551234567');
    expect(harness.ofType('call-ended')).toHaveLength(0);
    expect(
      harness.ofType('tool-result').find((event) => event.name === 'transfer_call')?.error,
    ).toMatch(/refused/);
    expect(harness.tts.texts.join(' ')).toContain("couldn't put you through");
  });

  it('holds a caller turn until the agent finishes when interruptions are off', async () => {
    const harness = createHarness({
      firstMessage:
        'Welcome to the service desk of Acme Motors, we are glad you called us today, and we will be with you in just a moment to help with your car.',
      respond: () => ({ text: 'Happy to help.' }),
      turnTaking: {
        ...DEFAULT_TURN_TAKING,
        interruption: { ...DEFAULT_TURN_TAKING.interruption, enabled: false },
      },
    });
    await harness.session.start();
    await harness.caller(100, false);
    await harness.says('hello there', 300, 600);
    expect(harness.leg.actions).not.toContain('clear');
    expect(harness.llm.requests).toHaveLength(0);
    await harness.caller(1000, false);
    expect(lastUser(harness.llm.lastRequest)).toBe('hello there');
    expect(harness.ofType('interruption')).toHaveLength(0);
  });

  it('answers a monologue at the maximum speech length', async () => {
    const harness = createHarness({
      respond: () => ({ text: 'Let me stop you there.' }),
      turnTaking: {
        ...DEFAULT_TURN_TAKING,
        vad: { ...DEFAULT_TURN_TAKING.vad, maxSpeechMs: 1000 },
      },
    });
    await harness.session.start();
    await harness.caller(200, true);
    harness.stt.current.emit({ type: 'transcript-partial', text: 'and another thing' });
    await harness.caller(1000, true);
    expect(lastUser(harness.llm.lastRequest)).toBe('and another thing');
  });

  it('reminds again after the caller spoke in between', async () => {
    const harness = createHarness({
      respond: () => ({ text: 'Sure.' }),
      silence: { reminderAfterMs: 1000, hangupAfterMs: 20_000 },
    });
    await harness.session.start();
    await harness.caller(1300, false);
    await harness.says('yes I am', 300, 2500);
    const reminders = harness.tts.texts.filter((text) => text.includes('Are you still there?'));
    expect(reminders).toHaveLength(2);
  });
  it('reports its turn state on transitions: thinking, speaking, listening, and interrupted', async () => {
    const longReply =
      'We have openings on Monday at nine, Tuesday at ten, Wednesday at eleven, and Friday at four.';
    const harness = createHarness({
      firstMessage: 'Hello.',
      respond: (_messages, index) => (index === 0 ? { text: longReply } : { text: 'Sure.' }),
    });
    const states = () => harness.ofType('turn-state').map((event) => event.state);
    await harness.session.start();
    await harness.caller(400, false);
    expect(states()).toEqual(['thinking', 'speaking', 'listening']);
    await harness.says('When are you open?', 400, 700);
    expect(states().slice(3)).toEqual(['thinking', 'speaking']);
    // The caller cuts in: the agent stops and listens.
    await harness.says('Tuesday please', 400, 1200);
    expect(states().slice(5, 7)).toEqual(['listening', 'thinking']);
    // No two equal states in a row: transitions only.
    const all = states();
    expect(all.every((state, index) => index === 0 || all[index - 1] !== state)).toBe(true);
    // Turn states are live-only events; they carry no personal data.
    expect(harness.ofType('turn-state').every((event) => !('pii' in event))).toBe(true);
  });

  it('answers a typed caller turn like a spoken one, with its latency', async () => {
    const harness = createHarness({ respond: () => ({ text: 'Happy to help with that.' }) });
    await harness.session.start();
    await harness.caller(200, false);
    harness.session.submitCallerText('  I would like an oil change  ');
    await harness.caller(1200, false);
    expect(lastUser(harness.llm.lastRequest)).toBe('I would like an oil change');
    const caller = harness.ofType('transcript').find((event) => event.speaker === 'caller');
    expect(caller?.final).toBe(true);
    expect(caller?.pii.text).toBe('I would like an oil change');
    const agent = harness.ofType('transcript').find((event) => event.speaker === 'agent');
    expect(agent?.pii.text).toBe('Happy to help with that.');
    const metrics = harness.ofType('turn-metrics')[0];
    expect(metrics?.endpointingMs).toBe(0);
    expect(metrics?.sttMs).toBe(0);
    // Blank text is not a turn.
    harness.session.submitCallerText('   ');
    await harness.caller(200, false);
    expect(harness.llm.requests).toHaveLength(1);
  });
});
