import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A local stand-in for Twilio's REST API (the Calls resource of /2010-04-01), speaking its wire
 * format: HTTP Basic auth, form-encoded bodies, snake_case JSON call objects and Twilio's error JSON.
 * Used by tests and by demo mode; latency and failures are configurable.
 */

export interface FakeTwilioRestOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Delay before every response. */
  readonly latencyMs?: number;
  /** Refuse call sids not added with addCall (404 / 20404). Default: unknown sids are created in-progress. */
  readonly rejectUnknownCalls?: boolean;
}

/** One request as the fake received it. */
export interface FakeTwilioRequest {
  readonly method: string;
  readonly path: string;
  readonly callSid: string | undefined;
  /** Form parameters (last value of a repeated key). */
  readonly params: Readonly<Record<string, string>>;
  readonly authorized: boolean;
  readonly status: number;
}

export interface FakeTwilioCall {
  readonly sid: string;
  status: string;
  from: string;
  to: string;
  /** TwiML or URL the call was last redirected to. */
  twiml: string | undefined;
  url: string | undefined;
  readonly dateCreated: Date;
  dateUpdated: Date;
}

/** A scripted failure: the next matching requests get this status and Twilio error body. */
export interface FakeTwilioFailure {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

export interface FakeTwilioRest {
  /** Base URL to use as TWILIO_API_BASE_URL. */
  readonly url: string;
  readonly requests: readonly FakeTwilioRequest[];
  readonly calls: ReadonlyMap<string, FakeTwilioCall>;
  addCall(
    callSid: string,
    fields?: { from?: string; to?: string; status?: string },
  ): FakeTwilioCall;
  /** Fail the next `count` (default 1) authenticated call requests. */
  failNext(failure: FakeTwilioFailure, count?: number): void;
  close(): Promise<void>;
}

const CALL_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/;
const TERMINAL = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** Start the fake on 127.0.0.1. */
export async function startFakeTwilioRest(options: FakeTwilioRestOptions): Promise<FakeTwilioRest> {
  const requests: FakeTwilioRequest[] = [];
  const calls = new Map<string, FakeTwilioCall>();
  const failures: FakeTwilioFailure[] = [];
  const expectedAuthorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;

  function addCall(
    callSid: string,
    fields: { from?: string; to?: string; status?: string } = {},
  ): FakeTwilioCall {
    const now = new Date();
    const call: FakeTwilioCall = {
      sid: callSid,
      status: fields.status ?? 'in-progress',
      from: fields.from ?? '+15005550006',
      to: fields.to ?? '+15005550001',
      twiml: undefined,
      url: undefined,
      dateCreated: now,
      dateUpdated: now,
    };
    calls.set(callSid, call);
    return call;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (options.latencyMs) await delay(options.latencyMs);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const params = Object.fromEntries(new URLSearchParams(body));
    const match = CALL_PATH.exec(path);
    const authorized = request.headers.authorization === expectedAuthorization;
    const record = (status: number): void => {
      requests.push({
        method: request.method ?? '',
        path,
        callSid: match?.[2],
        params,
        authorized,
        status,
      });
    };
    const fail = (status: number, code: number, message: string): void => {
      record(status);
      sendJson(response, status, {
        code,
        message,
        more_info: `https://www.twilio.com/docs/errors/${code}`,
        status,
      });
    };
    if (!authorized) return fail(401, 20003, 'Authenticate');
    const accountSid = match ? decodeURIComponent(match[1] ?? '') : undefined;
    if (!match || accountSid !== options.accountSid) {
      return fail(404, 20404, `The requested resource ${path} was not found`);
    }
    const failure = failures.shift();
    if (failure) return fail(failure.status, failure.code, failure.message);
    const callSid = match[2] ?? '';
    let call = calls.get(callSid);
    if (!call) {
      if (options.rejectUnknownCalls)
        return fail(404, 20404, `The requested resource ${path} was not found`);
      call = addCall(callSid);
    }
    if (request.method === 'POST') {
      const refusal = applyUpdate(call, params);
      if (refusal) return fail(refusal.status, refusal.code, refusal.message);
    } else if (request.method !== 'GET') {
      return fail(405, 20004, 'Method not allowed');
    }
    record(200);
    sendJson(response, 200, toCallJson(options.accountSid, call));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        sendJson(response, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls,
    addCall,
    failNext(failure, count = 1) {
      for (let index = 0; index < count; index += 1) failures.push(failure);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Twilio's update rules: Status only completed/canceled; a finished call cannot be redirected. */
function applyUpdate(
  call: FakeTwilioCall,
  params: Record<string, string>,
): FakeTwilioFailure | undefined {
  const { Status: status, Twiml: twiml, Url: url } = params;
  if (status === undefined && twiml === undefined && url === undefined) {
    // ⚠ Code chosen for the fake; Twilio's exact code for an empty update is not confirmed.
    return { status: 400, code: 20001, message: 'No updatable parameters were provided' };
  }
  if (status !== undefined && status !== 'completed' && status !== 'canceled') {
    return { status: 400, code: 20001, message: `Invalid Status value: ${status}` };
  }
  if (twiml !== undefined && twiml.length > 4000) {
    return { status: 400, code: 20001, message: 'Twiml is longer than 4000 characters' };
  }
  if (TERMINAL.has(call.status)) {
    if (status === undefined)
      return { status: 400, code: 21220, message: 'Call is not in-progress. Cannot redirect.' };
    return undefined;
  }
  if (status === 'canceled' && call.status !== 'queued' && call.status !== 'ringing')
    return undefined;
  call.dateUpdated = new Date();
  if (status !== undefined) call.status = status;
  if (twiml !== undefined) call.twiml = twiml;
  if (url !== undefined) call.url = url;
  return undefined;
}

function toCallJson(accountSid: string, call: FakeTwilioCall): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`;
  return {
    sid: call.sid,
    account_sid: accountSid,
    from: call.from,
    to: call.to,
    status: call.status,
    direction: 'inbound',
    api_version: '2010-04-01',
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.dateUpdated),
    start_time: rfc2822(call.dateCreated),
    end_time: TERMINAL.has(call.status) ? rfc2822(call.dateUpdated) : null,
    duration: TERMINAL.has(call.status)
      ? String(Math.round((call.dateUpdated.getTime() - call.dateCreated.getTime()) / 1000))
      : null,
    price: null,
    uri,
    subresource_uris: {
      recordings: uri.replace('.json', '/Recordings.json'),
      streams: uri.replace('.json', '/Streams.json'),
    },
  };
}

/** Twilio's date format: `Tue, 21 Nov 2023 21:04:00 +0000`. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
