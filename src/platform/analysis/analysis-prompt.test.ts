import { describe, expect, it } from 'vitest';
import { bookedCallInput, fullAnalysisSettings } from './analysis-input.fixture.js';
import { buildAnalysisMessages, MAX_TRANSCRIPT_CHARS } from './analysis-prompt.js';
import type { AnalysisInput } from './call-analysis.js';
import { deriveCallFacts } from './derive-call-facts.js';

function userPrompt(input: AnalysisInput, settings = fullAnalysisSettings): string {
  const messages = buildAnalysisMessages(input, settings, deriveCallFacts(input));
  expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
  return messages[1]?.content ?? '';
}

describe('buildAnalysisMessages', () => {
  it('gives the goal, facts, timed transcript lines and tool calls', () => {
    const prompt = userPrompt(bookedCallInput);
    expect(prompt).toContain('Goal: Book a service appointment');
    expect(prompt).not.toContain('Agent instructions');
    expect(prompt).toContain('- Caller number: +15550100123');
    expect(prompt).toContain('- Appointments booked: oil change at 2025-01-07T09:00:00Z');
    expect(prompt).toContain('[00:04] Caller: Hi, I need an oil change for my Civic.');
    expect(prompt).toContain('[00:09] Agent: Let me check the calendar. [cut off by the caller]');
    expect(prompt).toContain('2. get_available_slots({"days":3}) -> error: calendar offline');
    expect(prompt).toMatch(/4\. book_appointment\(.*\) -> \{"booked":true/);
    expect(prompt).toContain('- callback_number (string)');
  });

  it('judges success against the instructions when there is no goal', () => {
    const { goal: _goal, ...withoutGoal } = fullAnalysisSettings;
    const prompt = userPrompt(bookedCallInput, withoutGoal);
    expect(prompt).toContain('Agent instructions:\n"""\nYou are the service desk of Acme Motors.');
  });

  it('stays bounded for a very long call, keeping its last lines', () => {
    const transcript = Array.from({ length: 3_000 }, (_, index) => ({
      speaker: index % 2 === 0 ? ('caller' as const) : ('agent' as const),
      text: `line ${index} ${'blah '.repeat(20)}`,
      startMs: index * 3_000,
      interrupted: false,
    }));
    const huge = { big: 'x'.repeat(50_000) };
    const input: AnalysisInput = {
      ...bookedCallInput,
      agent: { ...bookedCallInput.agent, instructions: 'y'.repeat(100_000) },
      transcript,
      toolCalls: Array.from({ length: 200 }, () => ({
        name: 'lookup_customer',
        arguments: huge,
        result: huge,
        error: null,
      })),
    };
    const { goal: _goal, ...withoutGoal } = fullAnalysisSettings;
    const prompt = userPrompt(input, withoutGoal);
    expect(prompt.length).toBeLessThan(MAX_TRANSCRIPT_CHARS + 16_000);
    expect(prompt).toContain('line 2999 ');
    expect(prompt).not.toContain('line 0 ');
    expect(prompt).toMatch(/\[\d+ earlier lines omitted\]/);
    expect(prompt).toMatch(/\[\d+ earlier tool calls omitted\]/);
    expect(prompt).toContain('[2:29:57] Agent: line 2999');
  });

  it('copes with values that are not JSON and with an empty call', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const prompt = userPrompt({
      ...bookedCallInput,
      transcript: [],
      toolCalls: [{ name: 'odd', arguments: circular, result: 10n, error: null }],
    });
    expect(prompt).toContain('(nobody spoke)');
    expect(prompt).toContain('1. odd([object Object]) -> 10');
  });
});
