import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvisioning } from '../../agents/load-provisioning.js';
import { rms } from '../../audio/pcm.js';
import { parseWav } from '../../audio/wav.js';
import { startDemoEnvironment, type DemoEnvironment } from '../../cli/demo-environment.js';
import type { ProvidersConfig } from '../../config/app-config.js';
import { setProviderCredential } from '../../platform/tenancy/provider-credentials.js';
import { SecretBox } from '../../platform/tenancy/secret-box.js';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../testing/api/api-test-context.js';
import { testBackends } from '../../testing/database/test-databases.js';
import { createVoicePreviewRoutes } from './voice-preview-routes.js';

const [template] = loadProvisioning('test/fixtures/test-agents.yaml').agents;

/** Text frames the fake received on every connection, joined: what the provider was asked to say. */
function spokenTexts(records: readonly { received: readonly unknown[] }[]): string[] {
  return records.flatMap((record) =>
    record.received.flatMap((message) => {
      if (typeof message !== 'object' || message === null) return [];
      const text = (message as { text?: unknown }).text;
      return typeof text === 'string' && text.trim() !== '' ? [text.trim()] : [];
    }),
  );
}

describe.each(testBackends())('voice preview on $name', (backend) => {
  let demo: DemoEnvironment;
  let context: ApiTestContext;
  let org: TestOrganization;
  let other: TestOrganization;
  const secrets = new SecretBox(randomBytes(32));

  const createAgent = async (organization: TestOrganization, changes: Record<string, unknown>) => {
    const response = await organization.request('POST', '/v1/agents', {
      ...template,
      name: `agent-${randomBytes(3).toString('hex')}`,
      ...changes,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const preview = (organization: TestOrganization, agentId: string, body?: unknown) =>
    organization.request('POST', `/v1/agents/${agentId}/voice-preview`, body);
  const readWav = async (response: Response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    return parseWav(new Uint8Array(await response.arrayBuffer()));
  };

  beforeAll(async () => {
    demo = await startDemoEnvironment({ ttsFirstByteMs: 0 });
    const providers: ProvidersConfig = {
      openai: { apiKey: 'demo', baseUrl: demo.openai.url },
      deepgram: { apiKey: 'demo', baseUrl: demo.deepgram.url },
      elevenlabs: { apiKey: 'demo', baseUrl: demo.elevenlabs.url },
    };
    context = await startApiTestContext(backend, {
      extraRoutes: ({ database }) => createVoicePreviewRoutes({ database, secrets, providers }),
    });
    org = await context.createOrganization('Voice Motors');
    other = await context.createOrganization('Elsewhere');
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await demo?.close();
  });

  it("speaks the text with the agent's ElevenLabs voice as a 16-bit mono WAV", async () => {
    const agentId = await createAgent(org, {});
    const wav = await readWav(
      await preview(org, agentId, { text: 'Your car is ready for pickup.' }),
    );
    expect(wav.sampleRate).toBe(8000);
    expect(wav.channels).toHaveLength(1);
    const samples = wav.channels[0] as Int16Array;
    // The fake speaks 65 ms per character: about two seconds, and not silence.
    expect(samples.length).toBeGreaterThan(8000);
    expect(rms(samples)).toBeGreaterThan(100);
    expect(spokenTexts(demo.elevenlabs.records)).toContain('Your car is ready for pickup.');
    const voices = demo.elevenlabs.records.map((record) => record.path);
    expect(voices).toContain(`/v1/text-to-speech/${template?.tts.voice}/stream-input`);
  });

  it('says the first message when no text is given, else a sentence in the agent language', async () => {
    const greeter = await createAgent(org, { firstMessage: 'Welcome to {{business_name}}!' });
    await readWav(await preview(org, greeter));
    expect(spokenTexts(demo.elevenlabs.records)).toContain('Welcome to Test Motors!');
    const quiet = { ...template, firstMessage: undefined, language: 'es' };
    const spanish = await createAgent(org, quiet);
    await readWav(await preview(org, spanish, {}));
    expect(spokenTexts(demo.elevenlabs.records)).toContain(
      '¡Hola! Así sonaré cuando conteste sus llamadas.',
    );
  });

  it('uses whichever provider the agent is configured with (Deepgram Aura)', async () => {
    const agentId = await createAgent(org, {
      tts: { provider: 'deepgram', voice: 'aura-2-thalia-en' },
    });
    const wav = await readWav(await preview(org, agentId, { text: 'Deepgram speaking.' }));
    expect(rms(wav.channels[0] as Int16Array)).toBeGreaterThan(100);
    const speak = demo.deepgram.records.filter((record) => record.path === '/v1/speak');
    expect(speak.at(-1)?.query.model).toBe('aura-2-thalia-en');
  });

  it('is a 404 for an unknown agent or one of another organisation', async () => {
    const agentId = await createAgent(org, {});
    const missing = await preview(org, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('not_found');
    expect((await preview(other, agentId)).status).toBe(404);
  });

  it('refuses text over 300 characters', async () => {
    const agentId = await createAgent(org, {});
    const response = await preview(org, agentId, { text: 'a'.repeat(301) });
    expect(response.status).toBe(422);
  });

  it('is a 502 naming the provider when it is down', async () => {
    const agentId = await createAgent(org, {});
    demo.elevenlabs.failNext(1);
    const refused = await preview(org, agentId, { text: 'Anyone there?' });
    expect(refused.status).toBe(502);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('provider_error');
    expect(problem.detail).toContain('elevenlabs');
    // The organisation's own credentials take the installation's place: here a dead address.
    await context.database.forOrganization(other.orgId, (trx) =>
      setProviderCredential(trx, secrets, other.orgId, 'elevenlabs', {
        apiKey: 'own-key',
        baseUrl: 'http://127.0.0.1:9',
      }),
    );
    const ownAgent = await createAgent(other, {});
    const down = await preview(other, ownAgent, { text: 'Anyone there?' });
    expect(down.status).toBe(502);
    expect(((await down.json()) as { detail: string }).detail).toContain('elevenlabs');
  });
});
