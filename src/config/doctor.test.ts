import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from './doctor.js';
import type { DoctorReport } from './doctor-finding.js';
import { formatDoctorReport } from './format-doctor-report.js';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'ab'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'token' };

let server: Server;
let liveUrl: string;
let deadUrl: string;
let directory: string;
const requestedPaths: string[] = [];

function agentYaml(name: string, extra = ''): string {
  return `  - name: ${name}
    instructions: "You work for {{business_name}}."
    stt: { provider: deepgram }
    llm: { provider: openai, model: fake-demo }
    tts: { provider: elevenlabs, voice: 21m00Tcm4TlvDq8ikWAM }
    variables: { business_name: Acme }
${extra}`;
}

function writeProvisioning(fileName: string, text: string): string {
  const path = join(directory, fileName);
  writeFileSync(path, text);
  return path;
}

/** All three AI vendors served by the local server, so no key is needed. */
function localVendors(url: string): Record<string, string> {
  return {
    OPENAI_BASE_URL: `${url}/v1`,
    DEEPGRAM_BASE_URL: url.replace('http:', 'ws:'),
    ELEVENLABS_BASE_URL: url,
  };
}

function settingsOf(report: DoctorReport, severity: 'error' | 'warning'): string[] {
  return report.findings
    .filter((finding) => finding.severity === severity)
    .map((finding) => finding.setting);
}

function messageFor(report: DoctorReport, setting: string): string {
  return report.findings.find((finding) => finding.setting === setting)?.message ?? '';
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'switchboard-doctor-'));
  server = createServer((request, response) => {
    requestedPaths.push(request.url ?? '');
    response.statusCode = 401;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  liveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

describe('runDoctor', () => {
  it('passes a complete setup that talks to local servers', async () => {
    const path = writeProvisioning(
      'good.yaml',
      `agents:\n${agentYaml('desk')}numbers:\n  - { number: "+15550100000", agent: desk }\n`,
    );
    const report = await runDoctor({
      env: {
        SWITCHBOARD_CONFIG: path,
        PUBLIC_URL: 'https://voice.example.com',
        ...TWILIO,
        TWILIO_API_BASE_URL: liveUrl,
        ...localVendors(liveUrl),
      },
    });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.passed.join('\n')).toContain('OPENAI_BASE_URL');
    expect(report.passed.join('\n')).toContain('TWILIO_API_BASE_URL');
    expect(formatDoctorReport(report)).toMatch(/All checks passed\.$/);
  });

  it('reports every kind of problem in one run', async () => {
    const path = writeProvisioning(
      'bad.yaml',
      `agents:\n${agentYaml('desk')}  - name: Bad Name\n    instructions: x\n    stt: { provider: deepgram }\n    llm: { provider: openai, model: m }\n    tts: { provider: elevenlabs, voice: Rachel }\nnumbers:\n  - { number: "+15550100000", agent: nobody }\n`,
    );
    const report = await runDoctor({
      env: {
        SWITCHBOARD_CONFIG: path,
        PORT: 'abc',
        PUBLIC_URL: 'http://localhost:3000',
        DEEPGRAM_BASE_URL: deadUrl,
      },
      timeoutMs: 2000,
    });
    const errors = settingsOf(report, 'error');
    expect(errors).toContain('PORT');
    expect(errors).toContain('PUBLIC_URL');
    expect(errors).toContain(`${path}:8 agents[1].name`);
    expect(errors).toContain(`${path}:12 agents[1].tts.voice`);
    expect(errors).toContain(`${path}:14 numbers[0].agent`);
    // Without a readable provisioning file nobody knows whether numbers need a carrier.
    expect(settingsOf(report, 'warning')).toContain('TWILIO_ACCOUNT_SID');
    expect(errors).toContain('DEEPGRAM_BASE_URL');
    expect(messageFor(report, 'DEEPGRAM_BASE_URL')).toContain('connection refused');
    expect(report.ok).toBe(false);
    // The http:// PUBLIC_URL is a parse error; it is not reported a second time.
    expect(errors.filter((setting) => setting === 'PUBLIC_URL')).toHaveLength(1);
  });

  it('requires keys for vendor APIs and for Deepgram/ElevenLabs on other public hosts, not for local servers', async () => {
    const path = writeProvisioning('keys.yaml', `agents:\n${agentYaml('desk')}`);
    const probed: string[] = [];
    // Route every probe to the local server so the test never leaves this machine.
    const localFetch: typeof fetch = (input, init) => {
      probed.push(String(input));
      return fetch(liveUrl, init);
    };
    const report = await runDoctor({
      env: {
        SWITCHBOARD_CONFIG: path,
        OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1',
        ELEVENLABS_BASE_URL: 'https://tts-gateway.example.com',
      },
      fetch: localFetch,
    });
    expect(settingsOf(report, 'error')).toContain('DEEPGRAM_API_KEY');
    expect(messageFor(report, 'DEEPGRAM_API_KEY')).toContain('desk (stt)');
    // The ElevenLabs provider refuses to start without a key on a public host: doctor says so too.
    expect(settingsOf(report, 'error')).toContain('ELEVENLABS_API_KEY');
    expect(messageFor(report, 'ELEVENLABS_API_KEY')).toContain('needs a key');
    expect(report.findings.map((finding) => finding.setting)).not.toContain('OPENAI_API_KEY');
    expect(report.passed.join('\n')).toContain('OPENAI_API_KEY not needed');
    expect(probed.sort()).toEqual([
      'http://10.0.0.5:8000/v1',
      'https://api.deepgram.com',
      'https://tts-gateway.example.com',
    ]);
  });

  it('accepts keys for the default vendor hosts', async () => {
    const path = writeProvisioning('with-keys.yaml', `agents:\n${agentYaml('desk')}`);
    const report = await runDoctor({
      env: {
        SWITCHBOARD_CONFIG: path,
        OPENAI_API_KEY: 'sk',
        DEEPGRAM_API_KEY: 'dg',
        ELEVENLABS_API_KEY: 'el',
        ...TWILIO,
        TWILIO_API_BASE_URL: liveUrl,
      },
      fetch: (_input, init) => fetch(liveUrl, init),
    });
    expect(report.findings.map((finding) => finding.setting)).toEqual(['PUBLIC_URL']);
    expect(report.findings[0]?.severity).toBe('warning');
  });

  it('flags a PUBLIC_URL Twilio cannot reach', async () => {
    const path = writeProvisioning(
      'flite.yaml',
      `agents:\n  - name: a\n    instructions: x\n    stt: { provider: deepgram }\n    llm: { provider: openai, model: m }\n    tts: { provider: flite }\n`,
    );
    for (const publicUrl of [
      'https://localhost:3000',
      'https://192.168.1.20',
      'https://voice.internal',
    ]) {
      const report = await runDoctor({
        env: {
          SWITCHBOARD_CONFIG: path,
          PUBLIC_URL: publicUrl,
          ...TWILIO,
          TWILIO_API_BASE_URL: liveUrl,
          ...localVendors(liveUrl),
        },
      });
      expect(report.findings).toEqual([
        expect.objectContaining({
          severity: 'error',
          setting: 'PUBLIC_URL',
          message: expect.stringContaining('cannot reach'),
        }),
      ]);
    }
  });

  it('makes missing carrier credentials an error once numbers are provisioned', async () => {
    const withoutNumbers = writeProvisioning('no-numbers.yaml', `agents:\n${agentYaml('desk')}`);
    const withNumbers = writeProvisioning(
      'numbers.yaml',
      `agents:\n${agentYaml('desk')}numbers:\n  - { number: "+15550100000", agent: desk }\n  - { number: "+15550100001", agent: desk, carrier: signalwire }\n`,
    );
    const env = { PUBLIC_URL: 'https://voice.example.com', ...localVendors(liveUrl) };
    const quiet = await runDoctor({ env: { ...env, SWITCHBOARD_CONFIG: withoutNumbers } });
    expect(quiet.findings).toEqual([
      expect.objectContaining({ severity: 'warning', setting: 'TWILIO_ACCOUNT_SID' }),
    ]);
    expect(quiet.ok).toBe(true);

    const strict = await runDoctor({ env: { ...env, SWITCHBOARD_CONFIG: withNumbers } });
    expect(settingsOf(strict, 'error')).toEqual(['TWILIO_ACCOUNT_SID']);
    expect(messageFor(strict, 'TWILIO_ACCOUNT_SID')).toContain('neither Twilio nor SignalWire');

    const twilioOnly = await runDoctor({
      env: { ...env, ...TWILIO, TWILIO_API_BASE_URL: liveUrl, SWITCHBOARD_CONFIG: withNumbers },
    });
    expect(settingsOf(twilioOnly, 'error')).toEqual(['SIGNALWIRE_PROJECT_ID']);
    expect(messageFor(twilioOnly, 'SIGNALWIRE_PROJECT_ID')).toContain(
      '1 number uses carrier signalwire',
    );
  });

  it('probes an unused base URL only as a warning and the SignalWire space as an error', async () => {
    const path = writeProvisioning(
      'flite-only.yaml',
      `agents:\n  - name: a\n    instructions: x\n    stt: { provider: deepgram }\n    llm: { provider: openai, model: m }\n    tts: { provider: flite }\n`,
    );
    const report = await runDoctor({
      env: {
        SWITCHBOARD_CONFIG: path,
        PUBLIC_URL: 'https://voice.example.com',
        OPENAI_BASE_URL: `${liveUrl}/v1`,
        DEEPGRAM_BASE_URL: liveUrl,
        ELEVENLABS_BASE_URL: deadUrl,
        SIGNALWIRE_PROJECT_ID: '2b7a5c3e-1f0d-4c8e-9a6b-3d2e1f0a9b8c',
        SIGNALWIRE_API_TOKEN: 't',
        SIGNALWIRE_SIGNING_KEY: 'k',
        SIGNALWIRE_SPACE_URL: deadUrl,
      },
    });
    expect(settingsOf(report, 'error')).toEqual(['SIGNALWIRE_SPACE_URL']);
    expect(messageFor(report, 'SIGNALWIRE_SPACE_URL')).toContain(
      `${deadUrl}/api/laml did not answer`,
    );
    expect(settingsOf(report, 'warning')).toEqual(['ELEVENLABS_BASE_URL']);
    expect(messageFor(report, 'ELEVENLABS_BASE_URL')).toContain('no agent uses it');
  });

  it('reports a missing or unset provisioning file', async () => {
    const unset = await runDoctor({ env: { ...localVendors(liveUrl) } });
    expect(messageFor(unset, 'SWITCHBOARD_CONFIG')).toContain('is not set');
    const missingPath = join(directory, 'missing.yaml');
    const missing = await runDoctor({ env: { SWITCHBOARD_CONFIG: missingPath } });
    expect(messageFor(missing, missingPath)).toContain('no such file');
  });

  it('warns about likely agent mistakes', async () => {
    const path = writeProvisioning(
      'warnings.yaml',
      `agents:\n  - name: a\n    instructions: "Hello {{customer_name}}"\n    firstMessage: "Hi {{ business_name }}"\n    stt: { provider: deepgram }\n    llm: { provider: openai, model: m }\n    tts: { provider: flite }\n    transferDestinations: [{ name: desk, destination: "+15551234567" }]\n`,
    );
    const report = await runDoctor({
      env: {
        SWITCHBOARD_CONFIG: path,
        ...TWILIO,
        TWILIO_API_BASE_URL: liveUrl,
        PUBLIC_URL: 'https://v.example.com',
        ...localVendors(liveUrl),
      },
    });
    expect(settingsOf(report, 'warning')).toEqual([
      `${path} agents[0].transferDestinations`,
      `${path} agents[0].instructions`,
      `${path} agents[0].firstMessage`,
    ]);
    expect(messageFor(report, `${path} agents[0].instructions`)).toContain('{{customer_name}}');
  });
});

describe('formatDoctorReport', () => {
  const report: DoctorReport = {
    findings: [
      { severity: 'error', setting: 'DEEPGRAM_API_KEY', message: 'is not set' },
      { severity: 'warning', setting: 'PUBLIC_URL', message: 'is not set' },
    ],
    passed: ['environment variables parse'],
    ok: false,
  };

  it('prints errors, warnings, passes and a summary', () => {
    expect(formatDoctorReport(report)).toBe(
      [
        'error   DEEPGRAM_API_KEY: is not set',
        'warning PUBLIC_URL: is not set',
        'ok      environment variables parse',
        '',
        '1 error, 1 warning: fix the errors before taking calls.',
      ].join('\n'),
    );
  });

  it('colours only when asked and can hide passes', () => {
    expect(formatDoctorReport(report)).not.toContain('\u001b[');
    expect(formatDoctorReport(report, { color: true })).toContain('\u001b[31m');
    expect(formatDoctorReport(report, { showPassed: false })).not.toContain('ok ');
  });
});
