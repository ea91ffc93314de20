import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialApiKeyPath } from '../../src/platform/tenancy/bootstrap-api-key.js';
import {
  CHROMIUM,
  chromiumRequired,
  hasChromium,
} from '../../src/testing/email-legibility/email-legibility.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../src/testing/webhook-receiver/index.js';
import { createApiClient } from '../support/api-client.js';
import { ensureDashboardBuilt } from '../support/dashboard-build.js';
import { writeFakeMicrophoneWav } from '../support/fake-microphone.js';
import { startTestStack, TEST_AGENTS, type TestStack } from '../support/test-stack.js';
import { takeScreenshots, type ScreenshotSet } from './screenshots.js';

/** Where the run leaves its screenshots (the closing note of the dashboard issue lists them). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-results/dashboard-screenshots', import.meta.url),
);

const OWNER = { name: 'Olive Owner', email: 'olive@example.com', password: 'a long test password' };
const CALLER_LINE = 'I would like to book an oil change';
const FIRST_MESSAGE = 'Hello from the dashboard test agent.';

describe.skipIf(!hasChromium && !chromiumRequired)(
  'the dashboard in Chromium',
  { timeout: 120_000 },
  () => {
    let stack: TestStack;
    let receiver: WebhookReceiver;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let apiKey: string;
    let workDir: string;
    let agentId = '';
    let callId = '';
    const shots: ScreenshotSet = [];
    const api = createApiClient(
      () => stack.server.url,
      () => apiKey,
    );

    beforeAll(async () => {
      ensureDashboardBuilt();
      workDir = await mkdtemp(join(tmpdir(), 'switchboard-dashboard-'));
      await rm(SCREENSHOT_DIR, { recursive: true, force: true });
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      receiver = await startWebhookReceiver({ respond: () => 200 });
      stack = await startTestStack({
        provisioning: TEST_AGENTS,
        // What the fake speech-to-text "hears" for each caller turn of the fake microphone.
        script: [CALLER_LINE, 'Tuesday morning works', 'thank you'],
        env: { ALLOW_PRIVATE_NETWORKS: 'true' },
      });
      apiKey = (await readFile(initialApiKeyPath(stack.dataDir), 'utf8')).trim();
      const microphone = await writeFakeMicrophoneWav(workDir, CALLER_LINE, 6000);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-audio-capture=${microphone}`,
          '--autoplay-policy=no-user-gesture-required',
        ],
      });
      context = await browser.newContext({
        baseURL: stack.server.url,
        viewport: { width: 1280, height: 860 },
        permissions: ['microphone'],
      });
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      await receiver?.close();
      if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
    });

    it('creates the owner on first run and signs in', async () => {
      await page.goto('/');
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel('Setup key').waitFor();
      shots.push(...(await takeScreenshots(page, 'sign-in', SCREENSHOT_DIR)));
      await page.getByLabel('Setup key').fill(apiKey);
      await page.getByLabel('Name').fill(OWNER.name);
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Create owner account' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      await expect.poll(() => page.getByText(OWNER.name).first().isVisible()).toBe(true);

      // Signing out and in again goes through the ordinary form.
      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill('a wrong password here');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /email or password is not right/i })
        .waitFor();
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    });

    it('creates an agent', async () => {
      await page.goto('/agents');
      await page.getByRole('link', { name: 'New agent' }).click();
      await page.waitForURL(/\/agents\/new/);
      await page.getByLabel('Name', { exact: true }).fill('dashboard-desk');
      await page
        .getByLabel('Instructions')
        .fill('You are the test desk of Test Motors. Keep every reply to one short sentence.');
      await page.getByLabel('First message').fill(FIRST_MESSAGE);
      await page.getByRole('button', { name: 'Create agent' }).click();
      await page.waitForURL(/\/agents\/[0-9a-f-]{36}$/);
      agentId = /\/agents\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      const agent = await api<{ name: string; definition: { firstMessage: string } }>(
        'GET',
        `/v1/agents/${agentId}`,
      );
      expect(agent.status).toBe(200);
      expect(agent.body.name).toBe('dashboard-desk');
      expect(agent.body.definition.firstMessage).toBe(FIRST_MESSAGE);
    });

    it('places a browser test call from the fake microphone and watches it live', async () => {
      // A webhook endpoint, so the call has deliveries to show and replay.
      const endpoint = await api('POST', '/v1/webhook-endpoints', {
        url: `${receiver.url}/hooks`,
        events: ['*'],
      });
      expect(endpoint.status).toBe(201);

      await page.goto(`/agents/${agentId}/test-call`);
      await page.getByRole('button', { name: 'Start test call' }).click();
      const transcript = page.getByTestId('live-transcript');
      await expect.poll(() => transcript.innerText(), { timeout: 20_000 }).toContain(FIRST_MESSAGE);
      await expect
        .poll(() => page.getByTestId('turn-state').innerText())
        .toMatch(/listening|thinking|speaking/i);
      // The fake microphone's line reaches the agent as the caller's words, and the agent answers.
      await expect.poll(() => transcript.innerText(), { timeout: 40_000 }).toContain(CALLER_LINE);
      const live = await api<{ data: { callId: string; carrier: string }[] }>(
        'GET',
        '/v1/live-calls',
      );
      callId = live.body.data.find((call) => call.carrier === 'browser')?.callId ?? '';
      expect(callId).toMatch(/^[0-9a-f-]{36}$/);
      shots.push(...(await takeScreenshots(page, 'test-call', SCREENSHOT_DIR)));

      // The same call followed from its live page: streamed transcript and turn state.
      const watcher = await context.newPage();
      await watcher.goto(`/calls/${callId}/live`);
      await expect
        .poll(() => watcher.getByTestId('live-transcript').innerText(), { timeout: 20_000 })
        .toContain(CALLER_LINE);
      await watcher.getByTestId('turn-state').waitFor();
      shots.push(...(await takeScreenshots(watcher, 'live-call', SCREENSHOT_DIR)));

      // Wait for an agent reply to the caller, so the recording has both lanes and a latency.
      await expect
        .poll(
          async () =>
            (await api<{ data: { turns: number }[] }>('GET', '/v1/live-calls')).body.data[0]
              ?.turns ?? 0,
          { timeout: 30_000 },
        )
        .toBeGreaterThanOrEqual(1);
      await page.waitForTimeout(3000);
      await page.getByRole('button', { name: 'Hang up' }).click();
      await page.getByRole('link', { name: 'Open the call record' }).waitFor({ timeout: 15_000 });
      await watcher
        .getByText(/call ended/i)
        .first()
        .waitFor({ timeout: 15_000 });
      await watcher.close();
    });

    it('plays the recording, seeks from a transcript line and shows the latency chart', async () => {
      await expect
        .poll(
          async () =>
            (
              await api<{ hasRecording: boolean; turnMetrics: unknown[] }>(
                'GET',
                `/v1/calls/${callId}`,
              )
            ).body,
          { timeout: 20_000 },
        )
        .toMatchObject({ hasRecording: true });
      const call = await api<{ carrier: string; transcript: { speaker: string }[] }>(
        'GET',
        `/v1/calls/${callId}`,
      );
      expect(call.body.carrier).toBe('browser');
      expect(call.body.transcript.some((turn) => turn.speaker === 'caller')).toBe(true);

      await page.getByRole('link', { name: 'Open the call record' }).click();
      await page.waitForURL(new RegExp(`/calls/${callId}$`));
      const player = page.getByTestId('player-time');
      await player.waitFor();
      const play = page.getByRole('button', { name: 'Play', exact: true });
      await expect.poll(() => play.isEnabled(), { timeout: 15_000 }).toBe(true);
      await play.click();
      await expect
        .poll(async () => Number(await player.getAttribute('data-current-ms')), { timeout: 10_000 })
        .toBeGreaterThan(300);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();

      const lines = page.getByTestId('transcript-line');
      expect(await lines.count()).toBeGreaterThanOrEqual(2);
      // The caller's line: well inside the recording (a last line may start as the call ends).
      const target = lines.nth(1);
      const startMs = Number(await target.getAttribute('data-start-ms'));
      await target.click();
      await expect
        .poll(async () => Number(await player.getAttribute('data-current-ms')))
        .toBeGreaterThanOrEqual(startMs - 50);
      await expect.poll(() => target.getAttribute('aria-current')).toBe('true');

      const chart = page.getByTestId('latency-chart');
      await chart.locator('canvas').first().waitFor();
      expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
      shots.push(...(await takeScreenshots(page, 'call-detail', SCREENSHOT_DIR)));
    });

    it('replays a webhook delivery of the call', async () => {
      await expect
        .poll(
          async () =>
            (
              await api<{ data: { status: string }[] }>(
                'GET',
                `/v1/webhook-deliveries?callId=${callId}`,
              )
            ).body.data.filter((delivery) => delivery.status === 'delivered').length,
          { timeout: 20_000 },
        )
        .toBeGreaterThanOrEqual(2);
      await page.reload();
      const before = receiver.received.length;
      const replay = page.getByRole('button', { name: 'Replay' }).first();
      await replay.scrollIntoViewIfNeeded();
      await replay.click();
      await expect
        .poll(() => receiver.received.length, { timeout: 15_000 })
        .toBeGreaterThan(before);
    });

    it('renders every page in light and dark, at desktop and phone width', async () => {
      const pages: [string, string][] = [
        ['overview', '/'],
        ['calls', '/calls'],
        ['agents', '/agents'],
        ['agent-editor', `/agents/${agentId}`],
        ['numbers', '/numbers'],
        ['settings-credentials', '/settings/credentials'],
        ['settings-webhooks', '/settings/webhooks'],
        ['settings-email', '/settings/email'],
        ['settings-api-keys', '/settings/api-keys'],
        ['settings-users', '/settings/users'],
        ['call-not-found', '/calls/00000000-0000-4000-8000-000000000000'],
      ];
      for (const [name, path] of pages) {
        await page.goto(path);
        await page.getByRole('main').waitFor();
        await page.waitForLoadState('networkidle');
        shots.push(...(await takeScreenshots(page, name, SCREENSHOT_DIR)));
      }
      // The calls list shows the test call; a call that does not exist says so in words.
      await page.goto('/calls');
      await page.locator(`a[href="/calls/${callId}"]`).first().waitFor();
      await page.goto('/calls/00000000-0000-4000-8000-000000000000');
      await page
        .getByText(/does not exist/i)
        .first()
        .waitFor();
      expect(shots.length).toBe((pages.length + 4) * 4);
    });
  },
);
