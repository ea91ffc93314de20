import type { ChatRequestBody, ChatRequestMessage, FakeReply } from './fake-openai-types.js';
import { textOf } from './message-text.js';

const BOOKING = /\b(book|booking|appointment|schedule|service|oil change|brakes?|tyres?|tires?)\b/i;
const YES =
  /\b(yes|yeah|yep|sure|ok(ay)?|sounds good|that works|works for me|perfect|please do|book it)\b/i;
const SERVICE_TYPES: readonly [RegExp, string][] = [
  [/\boil\b/i, 'oil change'],
  [/\bbrakes?\b/i, 'brake inspection'],
  [/\b(tyres?|tires?)\b/i, 'tire rotation'],
];

interface ToolOutcome {
  readonly name: string;
  readonly result: Record<string, unknown> | undefined;
}

/**
 * The demo brain's booking flow, used when the agent offers the service-department tools: like a
 * real model it looks the caller up, checks the calendar, offers the first free time, books it on
 * a yes and confirms what the tool answered. Returns undefined when the conversation is not about
 * booking, so the general demo policy answers.
 */
export function demoBookingPolicy(request: ChatRequestBody, heard: string): FakeReply | undefined {
  const offered = new Set(request.tools?.map((tool) => tool.function.name) ?? []);
  if (!offered.has('get_available_slots') || !offered.has('book_appointment')) return undefined;
  const userTexts = request.messages.filter((message) => message.role === 'user').map(textOf);
  if (!userTexts.some((text) => BOOKING.test(text))) return undefined;
  const outcomes = toolOutcomes(request.messages);
  const latest = (name: string) => [...outcomes].reverse().find((outcome) => outcome.name === name);
  const last = request.messages.at(-1);

  if (last?.role === 'tool') {
    const outcome = outcomes.at(-1);
    if (outcome?.name === 'lookup_customer' && latest('get_available_slots') === undefined)
      return checkCalendar();
    if (outcome?.name === 'get_available_slots') {
      const first = firstSlot(outcome.result);
      return first === undefined
        ? {
            text: "I'm sorry, I don't see any openings in the next few days. Could another week work?",
          }
        : { text: `The first opening I have is ${first.spoken}. Shall I book that for you?` };
    }
    if (outcome?.name === 'book_appointment') {
      const spoken = typeof outcome.result?.spoken === 'string' ? outcome.result.spoken : undefined;
      return outcome.result?.booked === true
        ? {
            text: `You're all set${spoken === undefined ? '' : `: ${spoken}`}. Is there anything else I can help with?`,
          }
        : { text: "I'm sorry, I couldn't book that time. Would another time work?" };
    }
    return undefined;
  }

  const slots = latest('get_available_slots');
  const booking = latest('book_appointment');
  const first = firstSlot(slots?.result);
  if (first !== undefined && booking === undefined && YES.test(heard)) {
    const customer = latest('lookup_customer')?.result;
    const customers = Array.isArray(customer?.customers)
      ? (customer.customers as Record<string, unknown>[])
      : [];
    const customerId =
      typeof customers[0]?.customerId === 'string' ? customers[0].customerId : undefined;
    return {
      text: 'Booking that now.',
      toolCalls: [
        {
          name: 'book_appointment',
          arguments: {
            ...(customerId !== undefined
              ? { customerId }
              : { firstName: 'Demo', lastName: 'Caller' }),
            serviceType: serviceTypeOf(userTexts),
            startsAt: first.startsAt,
          },
        },
      ],
    };
  }
  if (!BOOKING.test(heard)) return undefined;
  if (offered.has('lookup_customer') && latest('lookup_customer') === undefined) {
    return {
      text: 'Let me pull up your account.',
      toolCalls: [{ name: 'lookup_customer', arguments: {} }],
    };
  }
  if (slots === undefined) return checkCalendar();
  return undefined;
}

function checkCalendar(): FakeReply {
  return {
    text: 'One moment while I check the calendar.',
    toolCalls: [{ name: 'get_available_slots', arguments: { days: 3 } }],
  };
}

function serviceTypeOf(texts: readonly string[]): string {
  for (const [pattern, type] of SERVICE_TYPES)
    if (texts.some((text) => pattern.test(text))) return type;
  return 'general service';
}

function firstSlot(
  result: Record<string, unknown> | undefined,
): { startsAt: string; spoken: string } | undefined {
  const slots = Array.isArray(result?.slots) ? (result.slots as Record<string, unknown>[]) : [];
  const slot = slots[0];
  if (typeof slot?.startsAt !== 'string') return undefined;
  return {
    startsAt: slot.startsAt,
    spoken: typeof slot.spoken === 'string' ? slot.spoken : slot.startsAt,
  };
}

/** Each tool result in the conversation with the name of the tool it answers. */
function toolOutcomes(messages: readonly ChatRequestMessage[]): ToolOutcome[] {
  const names = new Map<string, string>();
  const outcomes: ToolOutcome[] = [];
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
    if (message.role === 'tool' && message.tool_call_id !== undefined) {
      outcomes.push({
        name: names.get(message.tool_call_id) ?? '',
        result: parseObject(textOf(message)),
      });
    }
  }
  return outcomes;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
