import { SwitchboardError } from '../../errors/index.js';

/** Twilio refuses a `<Parameter>` whose name and value together reach this many characters. */
export const MAX_STREAM_PARAMETER_LENGTH = 500;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export interface ConnectStreamTwimlOptions {
  /** `wss://…` (or `ws://` for local tests); no query string, Twilio forbids it. */
  readonly streamUrl: string;
  /** Sent as `<Parameter>` children; they come back in `start.customParameters`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** SignalWire only: sent back as `Authorization: Bearer …` on the WebSocket upgrade. */
  readonly authBearerToken?: string;
}

/**
 * `<Response><Connect><Stream>`: a bidirectional media stream to our server. Nothing follows
 * `</Connect>`, so the call ends when our side closes the socket.
 * @throws SwitchboardError (`twiml_invalid`) for a bad URL or an oversized parameter.
 */
export function connectStreamTwiml(options: ConnectStreamTwimlOptions): string {
  const { streamUrl } = options;
  if (!/^wss?:\/\/[^/?#]+/i.test(streamUrl) || /[?#]/.test(streamUrl)) {
    throw twimlError('<Stream url> must be a ws(s):// URL without query string or fragment');
  }
  let streamAttributes = ` url="${escapeXml(streamUrl)}"`;
  if (options.authBearerToken !== undefined) {
    streamAttributes += ` authBearerToken="${escapeXml(options.authBearerToken)}"`;
  }
  let children = '';
  for (const [name, value] of Object.entries(options.parameters ?? {})) {
    if (name.length === 0) throw twimlError('<Parameter> names must not be empty');
    if (name.length + value.length >= MAX_STREAM_PARAMETER_LENGTH) {
      throw twimlError(
        `<Parameter> "${name.slice(0, 40)}": name and value must be under ${MAX_STREAM_PARAMETER_LENGTH} characters`,
      );
    }
    children += `<Parameter name="${escapeXml(name)}" value="${escapeXml(value)}"/>`;
  }
  return `${XML_DECLARATION}<Response><Connect><Stream${streamAttributes}>${children}</Stream></Connect></Response>`;
}

export interface SayOptions {
  /** Twilio voice name, e.g. `Polly.Joanna`; carrier default when omitted. */
  readonly voice?: string;
  /** BCP-47 language, e.g. `en-US`. */
  readonly language?: string;
}

/** `<Say>` the text, then `<Hangup/>`: how we refuse a call without leaving the caller in silence. */
export function sayAndHangupTwiml(text: string, options: SayOptions = {}): string {
  let attributes = '';
  if (options.voice !== undefined) attributes += ` voice="${escapeXml(options.voice)}"`;
  if (options.language !== undefined) attributes += ` language="${escapeXml(options.language)}"`;
  return `${XML_DECLARATION}<Response><Say${attributes}>${escapeXml(text)}</Say><Hangup/></Response>`;
}

export interface DialOptions {
  /** Caller id shown to the destination (E.164). */
  readonly callerId?: string;
  /** Ring time in seconds, 1–600 (Twilio default 30). */
  readonly timeout?: number;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const SIP_URI = /^sips?:[^\s<>"]+$/i;

/** Does `destination` name something `<Dial>` can reach (E.164 number or sip:/sips: URI)? */
export function isDialDestination(destination: string): boolean {
  return E164.test(destination) || SIP_URI.test(destination);
}

/**
 * `<Dial>` to an E.164 number (`<Number>`) or a `sip:` URI (`<Sip>`): a transfer.
 * @throws SwitchboardError (`twiml_invalid`) for any other destination or a bad timeout.
 */
export function dialTwiml(destination: string, options: DialOptions = {}): string {
  let attributes = '';
  if (options.callerId !== undefined) attributes += ` callerId="${escapeXml(options.callerId)}"`;
  if (options.timeout !== undefined) {
    const { timeout } = options;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) {
      throw twimlError('<Dial timeout> must be a whole number of seconds from 1 to 600');
    }
    attributes += ` timeout="${timeout}"`;
  }
  let noun: string;
  if (E164.test(destination)) noun = `<Number>${escapeXml(destination)}</Number>`;
  else if (SIP_URI.test(destination)) noun = `<Sip>${escapeXml(destination)}</Sip>`;
  else throw twimlError('transfer destination must be an E.164 number or a sip: URI');
  return `${XML_DECLARATION}<Response><Dial${attributes}>${noun}</Dial></Response>`;
}

/**
 * Escape text for XML content and attribute values. Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates) are dropped rather than producing a document Twilio rejects.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function twimlError(message: string): SwitchboardError {
  return new SwitchboardError(`TwiML: ${message}`, { code: 'twiml_invalid' });
}
