import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger.js';
import { demoPolicy, startFakeOpenAi, type FakeOpenAi } from '../../testing/fake-openai/index.js';
import { bookedCallInput, fullAnalysisSettings } from './analysis-input.fixture.js';
import { analyzeCall, DISABLED_REASON, NO_LLM_REASON } from './analyze-call.js';
import type { CallAnalyzer } from './call-analysis.js';
import { createOpenAiCallAnalyzer } from './openai-call-analyzer.js';

const NOW = new Date('2025-01-06T09:05:00.000Z');
const now = () => NOW;

const DERIVED_FACTS = {
  durationSeconds: 95,
  turns: 5,
  callerTurns: 2,
  callerSpoke: true,
  toolsUsed: ['lookup_customer', 'get_available_slots', 'book_appointment'],
  toolErrors: 1,
  appointmentsBooked: [
    { id: 'appt-1', serviceType: 'oil change', startsAt: '2025-01-07T09:00:00Z' },
  ],
  endReason: 'caller_hangup',
  disposition: 'booked',
};
const NO_LLM_PARTS = {
  summary: null,
  sentiment: null,
  success: null,
  voicemail: null,
  fields: null,
};
const ALL_PARTS = ['summary', 'sentiment', 'success', 'voicemail', 'fields'];

let fake: FakeOpenAi;
let analyzer: CallAnalyzer;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  analyzer = createOpenAiCallAnalyzer({ baseUrl: fake.url, model: 'gpt-4o-mini' });
});
afterAll(() => fake.close());
beforeEach(() => fake.setPolicy(demoPolicy));

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe('analyzeCall', () => {
  it('combines the derived facts with the LLM parts', async () => {
    const analysis = await analyzeCall(bookedCallInput, fullAnalysisSettings, analyzer, { now });
    expect(analysis).toEqual({
      version: 1,
      generatedAt: '2025-01-06T09:05:00.000Z',
      source: 'llm',
      model: 'gpt-4o-mini',
      ...DERIVED_FACTS,
      summary: 'The caller asked about an oil change. An appointment was booked.',
      sentiment: 'positive',
      success: { achieved: true, reason: 'An appointment was booked during the call.' },
      voicemail: false,
      fields: {
        service_requested: 'an oil change',
        appointment_booked: true,
        callback_number: '5550100199',
      },
      unavailable: [],
    });
  });

  it('derives what it can when no LLM is configured', async () => {
    const analysis = await analyzeCall(bookedCallInput, fullAnalysisSettings, undefined, { now });
    expect(analysis).toEqual({
      version: 1,
      generatedAt: '2025-01-06T09:05:00.000Z',
      source: 'derived',
      model: null,
      ...DERIVED_FACTS,
      ...NO_LLM_PARTS,
      unavailable: ALL_PARTS,
      unavailableReason: NO_LLM_REASON,
    });
    expect(NO_LLM_REASON).toBe('no LLM is configured for this organisation');
  });

  it('asks nothing of the LLM when analysis is off, and lists only the wanted parts', async () => {
    const before = fake.requests.length;
    const disabled = await analyzeCall(
      bookedCallInput,
      { ...fullAnalysisSettings, enabled: false, sentiment: false, fields: {} },
      analyzer,
    );
    expect(fake.requests.length).toBe(before);
    expect(disabled).toMatchObject({
      source: 'derived',
      unavailable: ['summary', 'success', 'voicemail'],
      unavailableReason: DISABLED_REASON,
    });
    expect(disabled.retryable).toBeUndefined();
  });

  it('keeps the derived facts when the reply does not match, and says retrying will not help', async () => {
    fake.setPolicy(() => ({
      text: JSON.stringify({
        summary: 'Caller Jane Doe at 555 0199',
        sentiment: 'ecstatic',
        success: { achieved: true, reason: 'ok' },
        voicemail: false,
        fields: {},
      }),
    }));
    const { logger, lines } = capturedLogger();
    const analysis = await analyzeCall(bookedCallInput, fullAnalysisSettings, analyzer, {
      now,
      logger,
    });
    expect(analysis).toMatchObject({
      source: 'derived',
      model: null,
      ...DERIVED_FACTS,
      ...NO_LLM_PARTS,
      unavailable: ALL_PARTS,
      retryable: false,
    });
    expect(analysis.unavailableReason).toMatch(
      /^the LLM reply did not match the schema: sentiment: /,
    );
    const [line] = lines;
    expect(line).toMatchObject({
      level: 40,
      msg: 'call analysis failed; storing the derived facts only',
      callId: 'call-1',
      retryable: false,
      code: 'invalid_analysis_reply',
    });
    expect(JSON.stringify(lines)).not.toContain('Jane');
  });

  it('says retrying may help after a 500, a 429 or a timeout', async () => {
    fake.failNext(500);
    const server = await analyzeCall(bookedCallInput, fullAnalysisSettings, analyzer);
    expect(server).toMatchObject({ source: 'derived', retryable: true });
    expect(server.unavailableReason).toMatch(/^the LLM request failed: openai: .*HTTP 500/);

    fake.failNext(429);
    expect(await analyzeCall(bookedCallInput, fullAnalysisSettings, analyzer)).toMatchObject({
      source: 'derived',
      retryable: true,
    });

    const slow = await startFakeOpenAi({ firstTokenDelayMs: 5_000 });
    try {
      const quick = createOpenAiCallAnalyzer({ baseUrl: slow.url, model: 'm', timeoutMs: 50 });
      const timedOut = await analyzeCall(bookedCallInput, fullAnalysisSettings, quick);
      expect(timedOut).toMatchObject({ source: 'derived', retryable: true });
      expect(timedOut.unavailableReason).toContain('timed out');
    } finally {
      await slow.close();
    }
  });

  it('never throws for an analyzer that fails in an unexpected way, and logs its message as pii', async () => {
    const { logger, lines } = capturedLogger();
    const broken: CallAnalyzer = {
      model: 'broken',
      analyze: () => Promise.reject(new TypeError('boom for +15550100123')),
    };
    const analysis = await analyzeCall(bookedCallInput, fullAnalysisSettings, broken, { logger });
    expect(analysis).toMatchObject({ source: 'derived', retryable: false });
    expect(analysis.unavailableReason).toBe(
      'the analysis failed unexpectedly: boom for +15550100123',
    );
    expect(lines[0]).toMatchObject({ pii: { reason: expect.stringContaining('boom') } });
    expect(lines[0]?.reason).toBeUndefined();
  });

  it('lists parts a custom analyzer left out, and drops parts nobody asked for', async () => {
    const partial: CallAnalyzer = {
      model: 'partial',
      analyze: async () => ({
        summary: null,
        sentiment: 'neutral',
        success: { achieved: false, reason: 'no booking' },
        voicemail: false,
        fields: { extra: 1 },
      }),
    };
    const analysis = await analyzeCall(
      bookedCallInput,
      { ...fullAnalysisSettings, fields: {} },
      partial,
    );
    expect(analysis).toMatchObject({
      source: 'llm',
      model: 'partial',
      summary: null,
      sentiment: 'neutral',
      fields: null,
      unavailable: ['summary'],
      unavailableReason: 'the LLM did not produce: summary',
    });
  });
});
