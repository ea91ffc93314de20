import type { AgentDefinition, Provisioning } from '../agents/agent-definition.js';
import { isLocalOrPrivateHost } from '../net/is-local-or-private-host.js';
import type { AppConfig, ProviderConnectionConfig } from './app-config.js';
import { DEFAULT_PROVIDER_BASE_URLS } from './config-variables.js';
import type { DoctorFinding } from './doctor-finding.js';

export type AiVendor = keyof typeof DEFAULT_PROVIDER_BASE_URLS;

const VENDOR_SETTINGS: Readonly<
  Record<AiVendor, { key: string; baseUrl: string; domain: string }>
> = {
  openai: { key: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL', domain: 'openai.com' },
  deepgram: { key: 'DEEPGRAM_API_KEY', baseUrl: 'DEEPGRAM_BASE_URL', domain: 'deepgram.com' },
  elevenlabs: {
    key: 'ELEVENLABS_API_KEY',
    baseUrl: 'ELEVENLABS_BASE_URL',
    domain: 'elevenlabs.io',
  },
};

const AI_VENDORS: readonly AiVendor[] = ['openai', 'deepgram', 'elevenlabs'];

/** True for the vendors whose API needs a key and a reachable base URL (not in-process flite). */
export function isAiVendor(name: string): name is AiVendor {
  return AI_VENDORS.some((vendor) => vendor === name);
}

/** Which agents use a vendor, and for what, e.g. `service-desk (stt, tts)`. */
export function findVendorUsers(provisioning: Provisioning | undefined): Map<AiVendor, string[]> {
  const users = new Map<AiVendor, string[]>();
  for (const agent of provisioning?.agents ?? []) {
    const roles = new Map<AiVendor, string[]>();
    const add = (vendor: string, role: string): void => {
      if (!isAiVendor(vendor)) return; // flite runs in-process
      roles.set(vendor, [...(roles.get(vendor) ?? []), role]);
    };
    add(agent.stt.provider, 'stt');
    add(agent.llm.provider, 'llm');
    add(agent.tts.provider, 'tts');
    for (const [vendor, vendorRoles] of roles) {
      users.set(vendor, [...(users.get(vendor) ?? []), describeUse(agent, vendorRoles)]);
    }
  }
  return users;
}

function describeUse(agent: AgentDefinition, roles: readonly string[]): string {
  return `${agent.name} (${roles.join(', ')})`;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Key rule: a vendor's own API needs a key (error). A base URL on this machine or a private
 * network (a fake, a self-hosted model server) needs none. Any other host: OpenAI-compatible
 * servers may run without one (a warning), while the Deepgram and ElevenLabs providers refuse to
 * start without a key there (an error, as at start-up).
 */
export function checkProviderKeys(
  config: AppConfig,
  users: Map<AiVendor, string[]>,
  passed: string[],
): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const [vendor, agents] of users) {
    const settings = VENDOR_SETTINGS[vendor];
    const connection: ProviderConnectionConfig = config.providers[vendor];
    const usedBy = `used by ${agents.join(', ')}`;
    if (connection.apiKey !== undefined) {
      passed.push(`${settings.key} is set (${usedBy})`);
      continue;
    }
    const host = hostOf(connection.baseUrl ?? DEFAULT_PROVIDER_BASE_URLS[vendor]) ?? '';
    const isVendorHost =
      connection.baseUrl === undefined ||
      host === settings.domain ||
      host.endsWith(`.${settings.domain}`);
    if (isVendorHost) {
      findings.push({
        severity: 'error',
        setting: settings.key,
        message: `is not set but ${vendor} is ${usedBy}; set it, or point ${settings.baseUrl} at a local or self-hosted server`,
      });
    } else if (isLocalOrPrivateHost(host)) {
      passed.push(
        `${settings.key} not needed: ${settings.baseUrl} points at the local/private host ${host}`,
      );
    } else if (vendor !== 'openai') {
      findings.push({
        severity: 'error',
        setting: settings.key,
        message: `is not set and ${settings.baseUrl} points at ${host}; ${vendor} needs a key unless its server is local or on a private network`,
      });
    } else {
      findings.push({
        severity: 'warning',
        setting: settings.key,
        message: `is not set and ${settings.baseUrl} points at ${host}; fine if that server needs no key, otherwise set ${settings.key}`,
      });
    }
  }
  return findings;
}

/** A URL to probe and how bad it is when it does not answer. */
export interface ProbeTarget {
  readonly setting: string;
  readonly url: string;
  readonly severity: 'error' | 'warning';
  readonly purpose: string;
}

/**
 * Base URLs worth probing: every AI vendor an agent uses (default URL when unset), a base URL that
 * is set although no agent uses it (warning only), and the REST API of each configured carrier.
 * `users` is undefined when the provisioning file could not be read: then nobody knows which
 * vendors matter, and every base URL that is set counts.
 */
export function listProbeTargets(
  config: AppConfig,
  users: Map<AiVendor, string[]> | undefined,
  brokenSettings: ReadonlySet<string>,
): ProbeTarget[] {
  const targets: ProbeTarget[] = [];
  for (const vendor of AI_VENDORS) {
    const settings = VENDOR_SETTINGS[vendor];
    if (brokenSettings.has(settings.baseUrl)) continue;
    const configured = config.providers[vendor].baseUrl;
    const agents = users?.get(vendor);
    if (agents === undefined && configured === undefined) continue;
    const unused = users !== undefined && agents === undefined;
    targets.push({
      setting: settings.baseUrl,
      url: configured ?? DEFAULT_PROVIDER_BASE_URLS[vendor],
      severity: unused ? 'warning' : 'error',
      purpose: unused
        ? `${vendor} (no agent uses it)`
        : agents === undefined
          ? vendor
          : `${vendor}, used by ${agents.join(', ')}`,
    });
  }
  if (config.twilio !== undefined && !brokenSettings.has('TWILIO_API_BASE_URL')) {
    targets.push({
      setting: 'TWILIO_API_BASE_URL',
      url: config.twilio.apiBaseUrl,
      severity: 'error',
      purpose: 'Twilio REST API',
    });
  }
  if (config.signalwire !== undefined) {
    targets.push({
      setting: 'SIGNALWIRE_SPACE_URL',
      url: config.signalwire.apiBaseUrl,
      severity: 'error',
      purpose: 'SignalWire REST API',
    });
  }
  return targets;
}
