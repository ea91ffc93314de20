import type { AnalysisSettings } from '../../agents/agent-definition.js';
import type { AnalysisInput } from './call-analysis.js';

/** For tests: an inbound call in which the caller books an oil change. */
export const bookedCallInput: AnalysisInput = {
  callId: 'call-1',
  agent: { name: 'service-desk', instructions: 'You are the service desk of Acme Motors.' },
  call: {
    direction: 'inbound',
    from: '+15550100123',
    to: '+15550100000',
    startedAt: '2025-01-06T09:00:00.000Z',
    answeredAt: '2025-01-06T09:00:01.000Z',
    endedAt: '2025-01-06T09:01:36.000Z',
    durationMs: 95_400,
    endReason: 'caller_hangup',
    disposition: 'booked',
    status: 'completed',
  },
  transcript: [
    {
      speaker: 'agent',
      text: 'Thanks for calling Acme Motors, how can I help?',
      startMs: 500,
      interrupted: false,
    },
    {
      speaker: 'caller',
      text: 'Hi, I need an oil change for my Civic.',
      startMs: 4_000,
      interrupted: false,
    },
    {
      speaker: 'caller',
      text: 'You can call me back on 555 010 0199.',
      startMs: 7_000,
      interrupted: false,
    },
    { speaker: 'agent', text: 'Let me check the calendar.', startMs: 9_000, interrupted: true },
    {
      speaker: 'agent',
      text: 'The first opening is tomorrow at 9. Shall I book it?',
      startMs: 12_000,
      interrupted: false,
    },
    {
      speaker: 'caller',
      text: 'Yes please, that is perfect, thank you.',
      startMs: 16_000,
      interrupted: false,
    },
    { speaker: 'caller', text: '   ', startMs: 17_000, interrupted: false },
    { speaker: 'agent', text: "You're all set.", startMs: 19_000, interrupted: false },
  ],
  toolCalls: [
    { name: 'lookup_customer', arguments: {}, result: { customers: [] }, error: null },
    {
      name: 'get_available_slots',
      arguments: { days: 3 },
      result: null,
      error: 'calendar offline',
    },
    {
      name: 'get_available_slots',
      arguments: { days: 3 },
      result: { slots: [{ startsAt: '2025-01-07T09:00:00Z' }] },
      error: null,
    },
    {
      name: 'book_appointment',
      arguments: { serviceType: 'oil change', startsAt: '2025-01-07T09:00:00Z' },
      result: { booked: true, appointmentId: 'appt-1', spoken: 'Tuesday at 9 am' },
      error: null,
    },
  ],
  appointments: [
    { id: 'appt-1', status: 'booked', serviceType: 'oil change', startsAt: '2025-01-07T09:00:00Z' },
    {
      id: 'appt-0',
      status: 'cancelled',
      serviceType: 'tire rotation',
      startsAt: '2025-01-08T09:00:00Z',
    },
  ],
};

/** For tests: analysis settings with every part on and three custom fields. */
export const fullAnalysisSettings: AnalysisSettings = {
  enabled: true,
  model: 'gpt-4o-mini',
  summary: true,
  sentiment: true,
  goal: 'Book a service appointment',
  voicemail: true,
  fields: {
    service_requested: { type: 'string', description: 'What service the caller asked for' },
    appointment_booked: { type: 'boolean' },
    callback_number: { type: 'string' },
  },
};
