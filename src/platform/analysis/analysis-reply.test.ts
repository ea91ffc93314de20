import { describe, expect, it } from 'vitest';
import type { AnalysisSettings } from '../../agents/agent-definition.js';
import { ProviderError } from '../../errors/provider-error.js';
import { fullAnalysisSettings } from './analysis-input.fixture.js';
import { parseAnalysisReply } from './analysis-reply.js';

const SOURCE = { provider: 'openai', model: 'gpt-4o-mini' };
const SETTINGS: AnalysisSettings = {
  ...fullAnalysisSettings,
  summary: false,
  sentiment: false,
  voicemail: false,
  fields: {
    urgency: { enum: ['low', 'high'] },
    vehicle: {
      type: 'object',
      properties: { make: { type: 'string' }, year: { type: 'integer' } },
      required: ['make'],
    },
  },
};
const SUCCESS = { achieved: false, reason: 'no booking' };

function problemOf(reply: unknown): string {
  try {
    parseAnalysisReply(JSON.stringify(reply), SETTINGS, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
    return (error as Error).message;
  }
  throw new Error('expected the reply to be rejected');
}

describe('parseAnalysisReply', () => {
  it('accepts nulls for unknown values, fills left-out fields with null and drops unasked parts', () => {
    const parts = parseAnalysisReply(
      JSON.stringify({
        summary: 'not asked for',
        success: SUCCESS,
        fields: { vehicle: { make: 'Honda', year: null }, other: 1 },
      }),
      SETTINGS,
      SOURCE,
    );
    expect(parts).toEqual({
      summary: null,
      sentiment: null,
      success: SUCCESS,
      voicemail: null,
      fields: { urgency: null, vehicle: { make: 'Honda', year: null } },
    });
  });

  it('names the path and the expectation of each mismatch, not the value', () => {
    const message = problemOf({
      success: SUCCESS,
      fields: { urgency: 'whenever', vehicle: { make: null, year: 2019.5 } },
    });
    expect(message).toContain('fields.urgency: expected one of "low"|"high" or null');
    expect(message).toContain('fields.vehicle.make: expected string, received null');
    expect(message).toContain('fields.vehicle.year: expected int, received number');
    expect(message).not.toContain('whenever');
    expect(message).toMatch(/\(provider openai, model gpt-4o-mini\)$/);

    expect(problemOf({ success: { achieved: 'yes' } })).toContain(
      'success.achieved: expected boolean, received string',
    );
    expect(problemOf([1, 2])).toContain('(the whole reply): expected object, received array');
  });
});
