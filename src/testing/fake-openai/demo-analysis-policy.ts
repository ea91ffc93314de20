import type { ChatRequestBody, FakeReply } from './fake-openai-types.js';
import { sampleJsonSchema, type SchemaNode } from './json-schema-sample.js';
import { textOf } from './message-text.js';

const LINE = /^\s*(?:\[[^\]]*\]\s*)?(caller|customer|user|agent|assistant)\s*:\s*(.+)$/i;
const CALLER_SPEAKERS = new Set(['caller', 'customer', 'user']);
const POSITIVE =
  /\b(thanks|thank you|great|perfect|wonderful|awesome|excellent|appreciate|lovely|happy|brilliant)\b/gi;
const NEGATIVE =
  /\b(angry|upset|terrible|awful|frustrat\w*|annoy\w*|ridiculous|unacceptable|worst|disappoint\w*|complain\w*|useless|horrible)\b/gi;
const VOICEMAIL =
  /\b(leave (a|your) message|after the (tone|beep)|voice\s?mail|not available to take your call)\b/i;
const SMALL_TALK =
  /^(hi|hello|hey|yes|yeah|no|ok(ay)?|sure|thanks?|thank you|bye|goodbye)\b[\s,.!?]*$/i;
const SERVICES: readonly [RegExp, string][] = [
  [/\boil( change)?\b/i, 'an oil change'],
  [/\bbrakes?\b/i, 'a brake inspection'],
  [/\b(tyres?|tires?)\b/i, 'a tire rotation'],
  [/\bbattery\b/i, 'a battery check'],
  [/\balignment\b/i, 'a wheel alignment'],
  [/\binspection\b/i, 'an inspection'],
  [/\b(service|maintenance)\b/i, 'a service appointment'],
];
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const STOP_WORDS = new Set(
  'about also caller call from have into make should sure that their them then there they this what when where which will with would your'.split(
    ' ',
  ),
);

/** What the demo brain makes of a call analysis prompt. */
interface CallReading {
  readonly booked: boolean;
  readonly service: string | undefined;
  readonly phone: string | undefined;
  readonly summary: string;
  readonly sentiment: 'positive' | 'neutral' | 'negative';
  readonly success: { readonly achieved: boolean; readonly reason: string };
  readonly voicemail: boolean;
}

/**
 * The demo brain's answer to a structured-output request (`response_format.type ===
 * 'json_schema'`): a JSON object that satisfies the requested schema, filled from the call in the
 * prompt with simple rules: a summary naming what the caller asked for and whether an appointment
 * was booked, sentiment from word lists, success when booked or the goal's words came up,
 * voicemail when the caller never spoke or a greeting asked to leave a message, and custom fields
 * by their names (service/reason, phone/callback, booked/appointment). Unknown values are null.
 */
export function demoAnalysisPolicy(request: ChatRequestBody): FakeReply {
  const schema = request.response_format?.json_schema?.schema ?? {};
  const reading = readCall(request.messages.map(textOf).join('\n'));
  const value = sampleJsonSchema(schema, (path, node) => hintFor(path, node, reading));
  return { text: JSON.stringify(value) };
}

function readCall(prompt: string): CallReading {
  const lines = prompt.split('\n').flatMap((line) => {
    const match = LINE.exec(line);
    return match?.[1] === undefined || match[2] === undefined
      ? []
      : [{ caller: CALLER_SPEAKERS.has(match[1].toLowerCase()), text: match[2].trim() }];
  });
  const callerLines = lines.filter((line) => line.caller).map((line) => line.text);
  const callerText = callerLines.join('\n');
  const conversation = lines.map((line) => line.text).join('\n');
  const booked = prompt.split('\n').some(isSuccessfulBooking);
  const service = SERVICES.find(([pattern]) => pattern.test(callerText))?.[1];
  const request = callerLines.find((line) => !SMALL_TALK.test(line));
  const phone = phoneIn(callerText) ?? /Caller number:\s*(\+?\d[\d\s-]{5,}\d)/i.exec(prompt)?.[1];
  const voicemail = callerLines.length === 0 || VOICEMAIL.test(conversation);
  const positive = callerText.match(POSITIVE)?.length ?? 0;
  const negative = callerText.match(NEGATIVE)?.length ?? 0;
  const asked =
    service !== undefined
      ? `The caller asked about ${service}.`
      : request !== undefined
        ? `The caller said: "${shorten(request)}".`
        : 'The caller did not say what they wanted.';
  const summary = voicemail
    ? 'The call reached voicemail or the caller never spoke, so nothing was discussed.'
    : `${asked} ${booked ? 'An appointment was booked.' : 'No appointment was booked.'}`;
  return {
    booked,
    service: service ?? (request === undefined ? undefined : shorten(request)),
    phone: phone?.replace(/[\s().-]/g, ''),
    summary,
    sentiment: positive > negative ? 'positive' : negative > positive ? 'negative' : 'neutral',
    success: successOf(prompt, conversation, booked),
    voicemail,
  };
}

/** The first run of 7 to 15 digits that reads like a phone number rather than a date. */
function phoneIn(text: string): string | undefined {
  return text.match(PHONE)?.find((candidate) => {
    const digits = candidate.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}/.test(candidate);
  });
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A `book_appointment` tool line whose result says it booked (and is not an error). */
function isSuccessfulBooking(line: string): boolean {
  if (/^\s*-?\s*Appointments booked:\s*(?!none\b)\S/i.test(line)) return true;
  return (
    /book_appointment/.test(line) &&
    !/->\s*error/i.test(line) &&
    /"booked"\s*:\s*true|"status"\s*:\s*"booked"/.test(line)
  );
}

function successOf(prompt: string, conversation: string, booked: boolean): CallReading['success'] {
  if (booked) return { achieved: true, reason: 'An appointment was booked during the call.' };
  const goal = /^\s*Goal:\s*(.+)$/im.exec(prompt)?.[1];
  const words = (goal?.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter(
    (word) => !STOP_WORDS.has(word),
  );
  const heard = words.filter((word) => conversation.toLowerCase().includes(word));
  if (words.length > 0 && heard.length * 2 >= words.length)
    return { achieved: true, reason: `The conversation covered the goal (${heard.join(', ')}).` };
  return {
    achieved: false,
    reason:
      goal === undefined ? 'Nothing was booked.' : 'The goal was not reached; nothing was booked.',
  };
}

/** A value for a node, chosen by its path or the name of the property it sits under. */
function hintFor(path: readonly string[], node: SchemaNode, reading: CallReading): unknown {
  const joined = path.join('.');
  if (joined === 'success.achieved') return reading.success.achieved;
  if (joined === 'success.reason') return reading.success.reason;
  const name =
    [...path]
      .reverse()
      .find((segment) => segment !== '*')
      ?.toLowerCase() ?? '';
  const type = primaryType(node);
  if (type === 'boolean') {
    if (/voicemail|machine/.test(name)) return reading.voicemail;
    if (/book|appointment|scheduled|confirmed/.test(name)) return reading.booked;
    return undefined;
  }
  if (name === 'summary') return reading.summary;
  if (/sentiment|mood/.test(name)) return reading.sentiment;
  if (type !== 'string') return undefined;
  if (/service|reason|request|issue|purpose|topic/.test(name)) return reading.service ?? null;
  if (/phone|number|callback|contact/.test(name)) return reading.phone ?? null;
  return undefined;
}

function primaryType(node: SchemaNode): string | undefined {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const type = types.find((candidate) => typeof candidate === 'string' && candidate !== 'null');
  if (typeof type === 'string') return type;
  const first = Array.isArray(node.enum) ? node.enum.find((value) => value !== null) : undefined;
  return first === undefined ? undefined : typeof first;
}
