import type { SummaryEmailInput } from './summary-email-input.js';

/**
 * A realistic summary-email input for tests and previews: an inbound call that booked an oil
 * change. Pass overrides for the parts a test varies.
 */
export function sampleSummaryEmailInput(
  overrides: {
    readonly call?: Partial<SummaryEmailInput['call']>;
    readonly analysis?: Partial<SummaryEmailInput['analysis']>;
    readonly appointments?: SummaryEmailInput['appointments'];
    readonly organizationName?: string;
    readonly dashboardUrl?: string;
    readonly timeZone?: string;
  } = {},
): SummaryEmailInput {
  return {
    organizationName: overrides.organizationName ?? 'Acme Motors',
    timeZone: overrides.timeZone ?? 'America/Los_Angeles',
    dashboardUrl:
      overrides.dashboardUrl ??
      'https://switchboard.example.com/calls/3f1c2b9e-6d1a-4c35-9b8e-2a7f0c1d4e5f',
    call: {
      id: '3f1c2b9e-6d1a-4c35-9b8e-2a7f0c1d4e5f',
      direction: 'inbound',
      from: '+14155550123',
      to: '+14155550199',
      agentName: 'Front desk',
      startedAt: '2025-01-14T22:03:00.000Z',
      durationMs: 134_000,
      status: 'completed',
      disposition: 'booked',
      endReason: 'caller_hangup',
      ...overrides.call,
    },
    analysis: {
      source: 'llm',
      summary:
        'Dana called to book an oil change for her 2019 Civic. She chose Thursday at 9 AM and asked for a courtesy shuttle.',
      sentiment: 'positive',
      success: { achieved: true, reason: 'An appointment was booked.' },
      voicemail: false,
      fields: {
        customerName: 'Dana Whitfield',
        vehicle_year: 2019,
        needsShuttle: true,
        preferredTimes: ['Thu 9:00', 'Fri 8:30'],
        vehicle: { make: 'Honda', model: 'Civic' },
        promoCode: null,
      },
      unavailable: [],
      toolsUsed: ['check_availability', 'book_appointment'],
      turns: 14,
      ...overrides.analysis,
    },
    appointments: overrides.appointments ?? [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        serviceType: 'oil_change',
        startsAt: '2025-01-16T17:00:00.000Z',
        status: 'confirmed',
      },
    ],
  };
}
