import type {
  ChatRequestBody,
  ChatRequestMessage,
  ChatRequestTool,
  FakeReply,
} from './fake-openai-types.js';
import { demoAnalysisPolicy } from './demo-analysis-policy.js';
import { demoBookingPolicy } from './demo-booking-policy.js';
import { textOf } from './message-text.js';

export { textOf } from './message-text.js';

const GOODBYE = /\b(good\s?-?bye|bye|that'?s all|that is all|hang up)\b/i;
const HUMAN = /\b(human|agent|transfer|person|representative|operator|someone real)\b/i;
const BOOKING = /\b(book|booking|appointment|schedule|reschedule|service|services)\b/i;
const DTMF = /\[DTMF\s*([0-9A-D*#]+)\]/i;

/**
 * A small deterministic, rule-based "brain" so the whole stack can be demonstrated without any
 * API key. It reads the last message: tool results are confirmed, goodbyes end the call (via
 * `end_call` when offered), requests for a person transfer (via `transfer_call` when offered),
 * booking questions get a helpful answer, key presses (`[DTMF 5]`) are acknowledged, and anything
 * else is echoed back in a friendly way. Requests for structured output (`json_schema`) get JSON
 * matching their schema from `demoAnalysisPolicy`.
 */
export function demoPolicy(request: ChatRequestBody): FakeReply {
  if (request.response_format?.type === 'json_schema') return demoAnalysisPolicy(request);
  const last = request.messages.at(-1);
  const heardNow = lastUserText(request.messages).trim();
  const booking =
    GOODBYE.test(heardNow) && last?.role !== 'tool'
      ? undefined
      : demoBookingPolicy(request, heardNow);
  if (booking !== undefined) return booking;
  if (last?.role === 'tool')
    return {
      text: `All set: ${summarizeToolResult(textOf(last))}. Is there anything else I can help with?`,
    };

  const heard = lastUserText(request.messages).trim();
  const dtmf = DTMF.exec(heard);
  if (dtmf !== null) return { text: `You pressed ${dtmf[1]}.` };
  if (heard === '') return { text: 'Hello! Thanks for calling. How can I help you today?' };

  if (GOODBYE.test(heard)) {
    const tool = findTool(request, 'end_call');
    const text = 'Thank you for calling. Have a great day, goodbye!';
    return tool
      ? {
          text,
          toolCalls: [
            { name: 'end_call', arguments: argumentsFor(tool, { reason: 'caller said goodbye' }) },
          ],
        }
      : { text };
  }
  if (HUMAN.test(heard)) {
    const tool = findTool(request, 'transfer_call');
    if (tool === undefined)
      return {
        text: "I'm sorry, I can't transfer you right now, but I'm happy to help with anything I can.",
      };
    return {
      text: 'Of course. Let me connect you with a member of our team.',
      toolCalls: [
        {
          name: 'transfer_call',
          arguments: argumentsFor(tool, { reason: 'caller asked for a person' }),
        },
      ],
    };
  }
  if (BOOKING.test(heard)) {
    return {
      text: "I'd be happy to help you with that. We have openings tomorrow morning and on Friday afternoon. Which would suit you better?",
    };
  }
  const quote = heard.length > 120 ? `${heard.slice(0, 117)}...` : heard;
  return { text: `I heard you say: "${quote}". How can I help you with that today?` };
}

function lastUserText(messages: readonly ChatRequestMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role === 'user') return textOf(message);
  }
  return '';
}

function findTool(request: ChatRequestBody, name: string): ChatRequestTool | undefined {
  return request.tools?.find((tool) => tool.function.name === name);
}

/** A few readable words from a tool result (often JSON). */
function summarizeToolResult(content: string): string {
  let summary = content.trim();
  try {
    const parsed: unknown = JSON.parse(summary);
    if (typeof parsed === 'string') summary = parsed;
    else if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const key = ['message', 'result', 'status', 'confirmation', 'error'].find(
        (candidate) => typeof record[candidate] === 'string',
      );
      summary = key !== undefined ? String(record[key]) : JSON.stringify(parsed);
    } else summary = String(parsed);
  } catch {
    // Not JSON: the text itself is the summary.
  }
  summary = summary.replace(/\s+/g, ' ').replace(/[.!?\s]+$/, '');
  if (summary === '') return 'done';
  return summary.length > 100 ? `${summary.slice(0, 97)}...` : summary;
}

/**
 * Arguments valid for the offered tool: the preset values the schema knows (or all of them when it
 * declares no properties), plus a plain value for each other required property.
 */
function argumentsFor(
  tool: ChatRequestTool,
  preset: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const parameters = tool.function.parameters ?? {};
  const properties = isRecord(parameters.properties) ? parameters.properties : undefined;
  const required = Array.isArray(parameters.required)
    ? parameters.required.filter((name): name is string => typeof name === 'string')
    : [];
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(preset))
    if (properties === undefined || name in properties) result[name] = value;
  for (const name of required) {
    if (name in result) continue;
    const schema = properties?.[name];
    result[name] = placeholderFor(isRecord(schema) ? schema : {});
  }
  return result;
}

function placeholderFor(schema: Record<string, unknown>): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return '';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
