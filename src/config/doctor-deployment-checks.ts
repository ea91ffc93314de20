import type { Provisioning } from '../agents/agent-definition.js';
import { formatPath } from '../agents/load-provisioning.js';
import { listTemplateVariables } from '../agents/render-template.js';
import { isLocalOrPrivateHost } from '../net/is-local-or-private-host.js';
import type { AppConfig } from './app-config.js';
import type { DoctorFinding } from './doctor-finding.js';
import { readEnvironmentValue, type Environment } from './load-config.js';

const CARRIER_VARIABLES = {
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
  signalwire: [
    'SIGNALWIRE_PROJECT_ID',
    'SIGNALWIRE_API_TOKEN',
    'SIGNALWIRE_SIGNING_KEY',
    'SIGNALWIRE_SPACE_URL',
  ],
} as const;

/**
 * Provisioned numbers mean the operator intends to take real calls: what is then required (a
 * public URL, carrier credentials) is an error; without numbers it is only a warning.
 */
function realCallSeverity(provisioning: Provisioning | undefined): 'error' | 'warning' {
  return (provisioning?.numbers.length ?? 0) > 0 ? 'error' : 'warning';
}

/** A carrier on the internet must be able to reach PUBLIC_URL. */
export function checkPublicUrl(
  config: AppConfig,
  provisioning: Provisioning | undefined,
  brokenSettings: ReadonlySet<string>,
  passed: string[],
): DoctorFinding[] {
  if (brokenSettings.has('PUBLIC_URL')) return [];
  const publicUrl = config.server.publicUrl;
  if (publicUrl === undefined) {
    return [
      {
        severity: realCallSeverity(provisioning),
        setting: 'PUBLIC_URL',
        message:
          'is not set; carriers need a public https:// URL to reach this server, e.g. https://voice.example.com (in development a tunnel such as ngrok or cloudflared gives you one)',
      },
    ];
  }
  const host = new URL(publicUrl).hostname;
  if (isLocalOrPrivateHost(host)) {
    return [
      {
        severity: 'error',
        setting: 'PUBLIC_URL',
        message: `points at ${host}, which Twilio cannot reach from the internet; use a public host name (in development, a tunnel such as ngrok or cloudflared)`,
      },
    ];
  }
  passed.push(`PUBLIC_URL ${publicUrl} is a public https URL`);
  return [];
}

/** At least one carrier's credentials, and credentials for every carrier a number uses. */
export function checkCarrierCredentials(
  env: Environment,
  config: AppConfig,
  provisioning: Provisioning | undefined,
  passed: string[],
): DoctorFinding[] {
  const anySet = (names: readonly string[]): boolean =>
    names.some((name) => readEnvironmentValue(env, name) !== undefined);
  const configured = {
    twilio: config.twilio !== undefined,
    signalwire: config.signalwire !== undefined,
  };
  // Half-set credentials were already reported, variable by variable, as configuration problems.
  const touched = {
    twilio: anySet(CARRIER_VARIABLES.twilio),
    signalwire: anySet(CARRIER_VARIABLES.signalwire),
  };
  if (!touched.twilio && !touched.signalwire) {
    return [
      {
        severity: realCallSeverity(provisioning),
        setting: 'TWILIO_ACCOUNT_SID',
        message:
          'neither Twilio nor SignalWire credentials are set; set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or the four SIGNALWIRE_* variables) to take calls',
      },
    ];
  }
  const findings: DoctorFinding[] = [];
  for (const carrier of ['twilio', 'signalwire'] as const) {
    const count = provisioning?.numbers.filter((entry) => entry.carrier === carrier).length ?? 0;
    if (configured[carrier]) passed.push(`${carrier} credentials are set`);
    else if (count > 0 && !touched[carrier]) {
      findings.push({
        severity: 'error',
        setting: CARRIER_VARIABLES[carrier][0],
        message: `${count === 1 ? '1 number uses' : `${count} numbers use`} carrier ${carrier}, but its credentials are not set; set ${CARRIER_VARIABLES[carrier].join(', ')}`,
      });
    }
  }
  return findings;
}

/** Likely mistakes in agents that validation lets through. */
export function checkAgentWarnings(provisioning: Provisioning, file: string): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  provisioning.agents.forEach((agent, index) => {
    const at = (...path: (string | number)[]): string =>
      `${file} ${formatPath(['agents', index, ...path])}`;
    if (agent.transferDestinations.length > 0 && !agent.tools.includes('transfer_call')) {
      findings.push({
        severity: 'warning',
        setting: at('transferDestinations'),
        message:
          'are set but tools does not list transfer_call, so the agent cannot transfer; add transfer_call to tools',
      });
    }
    const texts: [string, string | undefined][] = [
      ['instructions', agent.instructions],
      ['firstMessage', agent.firstMessage],
    ];
    for (const [field, text] of texts) {
      const missing = listTemplateVariables(text ?? '').filter(
        (name) => !Object.hasOwn(agent.variables, name),
      );
      if (missing.length === 0) continue;
      findings.push({
        severity: 'warning',
        setting: at(field),
        message: `uses ${missing.map((name) => `{{${name}}}`).join(', ')} with no default under variables; it renders as empty text unless the call supplies a value`,
      });
    }
  });
  return findings;
}
