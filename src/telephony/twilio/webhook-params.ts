import { isCallStatus, type CallStatusUpdate } from './call-status.js';

/** An incoming-call (voice) webhook, read from its form parameters. */
export interface IncomingCallWebhook {
  readonly callSid: string;
  readonly accountSid: string;
  /** Caller: E.164, `client:…` or a SIP address. Personal data: log only under `pii`. */
  readonly from: string;
  /** Number called. Personal data: log only under `pii`. */
  readonly to: string;
  /** `inbound`, `outbound-api` or `outbound-dial`. */
  readonly direction: string | undefined;
  readonly callStatus: string | undefined;
  /** Every parameter as received (last value of a repeated key), From/To restored. */
  readonly params: Readonly<Record<string, string>>;
  /**
   * The query string of the webhook URL as configured at the carrier (e.g. `?agent=front-desk`):
   * how a number's configuration names an agent or passes call variables.
   */
  readonly query?: Readonly<Record<string, string>>;
}

/**
 * A form decoder turns a raw '+' into a space, so a `From`/`To` of "+1555…" sent unencoded arrives
 * as " 1555…". Put the '+' back when a space is followed by a digit.
 */
export function restorePlusPrefix(value: string): string {
  return /^ \d/.test(value) ? `+${value.slice(1)}` : value;
}

const PHONE_KEYS = ['From', 'To', 'Caller', 'Called', 'ForwardedFrom'] as const;

/** Form parameters with the '+' of phone number parameters restored (see restorePlusPrefix). */
export function withRestoredPlus(params: URLSearchParams): URLSearchParams {
  const restored = new URLSearchParams();
  for (const [name, value] of params) {
    restored.append(
      name,
      (PHONE_KEYS as readonly string[]).includes(name) ? restorePlusPrefix(value) : value,
    );
  }
  return restored;
}

/**
 * Parameter sets a carrier may have signed: as decoded, and with phone number '+' restored
 * (which one SignalWire signs when it sends '+' unencoded is not documented).
 */
export function signatureParamCandidates(params: URLSearchParams): URLSearchParams[] {
  const restored = withRestoredPlus(params);
  return restored.toString() === params.toString() ? [params] : [params, restored];
}

/** The voice webhook's fields, or undefined when CallSid or AccountSid is missing. */
export function parseIncomingCallWebhook(params: URLSearchParams): IncomingCallWebhook | undefined {
  const restored = withRestoredPlus(params);
  const callSid = restored.get('CallSid');
  const accountSid = restored.get('AccountSid');
  if (!callSid || !accountSid) return undefined;
  return {
    callSid,
    accountSid,
    from: restored.get('From') ?? '',
    to: restored.get('To') ?? '',
    direction: restored.get('Direction') ?? undefined,
    callStatus: restored.get('CallStatus') ?? undefined,
    params: Object.fromEntries(restored),
  };
}

/** A status callback's fields, or a reason it cannot be used. */
export function parseCallStatusCallback(
  params: URLSearchParams,
): { ok: true; update: CallStatusUpdate } | { ok: false; reason: string } {
  const callSid = params.get('CallSid');
  const status = params.get('CallStatus');
  if (!callSid) return { ok: false, reason: 'CallSid is missing' };
  if (!isCallStatus(status)) return { ok: false, reason: 'CallStatus is missing or unknown' };
  const update: CallStatusUpdate = {
    callSid,
    status,
    accountSid: params.get('AccountSid') ?? undefined,
    sequenceNumber: readInteger(params.get('SequenceNumber')),
    timestamp: params.get('Timestamp') ?? undefined,
    duration: readInteger(params.get('CallDuration')),
    sipResponseCode: readInteger(params.get('SipResponseCode')),
    answeredBy: params.get('AnsweredBy') ?? undefined,
  };
  return { ok: true, update };
}

function readInteger(value: string | null): number | undefined {
  return value !== null && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}
