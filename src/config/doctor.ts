import type { Provisioning } from '../agents/agent-definition.js';
import { loadProvisioning } from '../agents/load-provisioning.js';
import { formatProvisioningLocation, ProvisioningError } from '../agents/provisioning-error.js';
import {
  checkAgentWarnings,
  checkCarrierCredentials,
  checkPublicUrl,
} from './doctor-deployment-checks.js';
import type { DoctorFinding, DoctorReport } from './doctor-finding.js';
import {
  checkProviderKeys,
  findVendorUsers,
  listProbeTargets,
  type ProbeTarget,
} from './doctor-provider-checks.js';
import { inspectConfig, type Environment } from './load-config.js';
import { probeUrl } from './probe-url.js';

export interface DoctorOptions {
  /** The environment to check, usually `process.env`. */
  readonly env: Environment;
  /** Used for the reachability probes; tests and proxies may replace it. */
  readonly fetch?: typeof fetch;
  /** Per probe; default 5000 ms. Probes run in parallel. */
  readonly timeoutMs?: number;
}

function loadProvisioningFindings(
  path: string | undefined,
  findings: DoctorFinding[],
  passed: string[],
): Provisioning | undefined {
  if (path === undefined) {
    findings.push({
      severity: 'error',
      setting: 'SWITCHBOARD_CONFIG',
      message:
        'is not set; point it at your provisioning file (agents and numbers), e.g. config/example.yaml',
    });
    return undefined;
  }
  try {
    const provisioning = loadProvisioning(path);
    const { agents, numbers } = provisioning;
    passed.push(
      `provisioning file ${path}: ${agents.length} agent(s), ${numbers.length} number(s)`,
    );
    return provisioning;
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    for (const problem of error.problems) {
      findings.push({
        severity: 'error',
        setting: formatProvisioningLocation(error.file, problem),
        message: problem.message,
      });
    }
    return undefined;
  }
}

async function probeTargets(
  targets: readonly ProbeTarget[],
  options: DoctorOptions,
  passed: string[],
): Promise<DoctorFinding[]> {
  const results = await Promise.all(
    targets.map(async (target) => ({
      target,
      result: await probeUrl(target.url, { fetch: options.fetch, timeoutMs: options.timeoutMs }),
    })),
  );
  const findings: DoctorFinding[] = [];
  for (const { target, result } of results) {
    if (result.ok) {
      passed.push(
        `${target.setting} ${target.url} answered (HTTP ${result.status}, ${result.elapsedMs} ms) [${target.purpose}]`,
      );
    } else {
      findings.push({
        severity: target.severity,
        setting: target.setting,
        message: `${target.url} did not answer: ${result.reason} [${target.purpose}]`,
      });
    }
  }
  return findings;
}

/**
 * Checks everything a deployment needs and reports every problem found, without stopping at the
 * first: environment parse errors, the provisioning file, API keys for the providers the agents
 * use, a public URL carriers can reach, carrier credentials, and whether each provider base URL
 * answers. Never throws for a configuration problem.
 *
 * Key rule: a vendor's own API needs its key (error); a base URL on loopback or a private
 * network (a fake, a self-hosted server) needs none; another custom host gets a warning.
 *
 * @example
 * const report = await runDoctor({ env: process.env });
 * console.log(formatDoctorReport(report));
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const findings: DoctorFinding[] = [];
  const passed: string[] = [];
  const inspection = inspectConfig(options.env);
  for (const problem of inspection.problems) {
    findings.push({ severity: 'error', setting: problem.setting, message: problem.message });
  }
  if (inspection.problems.length === 0) passed.push('environment variables parse');
  const brokenSettings = new Set(inspection.problems.map((problem) => problem.setting));
  const { config } = inspection;

  const provisioning = loadProvisioningFindings(config.provisioningPath, findings, passed);
  if (provisioning !== undefined && config.provisioningPath !== undefined) {
    findings.push(...checkAgentWarnings(provisioning, config.provisioningPath));
  }
  const users = findVendorUsers(provisioning);
  findings.push(...checkProviderKeys(config, users, passed));
  findings.push(...checkPublicUrl(config, provisioning, brokenSettings, passed));
  findings.push(...checkCarrierCredentials(options.env, config, provisioning, passed));
  findings.push(
    ...(await probeTargets(
      listProbeTargets(config, provisioning === undefined ? undefined : users, brokenSettings),
      options,
      passed,
    )),
  );

  const ordered = [
    ...findings.filter((finding) => finding.severity === 'error'),
    ...findings.filter((finding) => finding.severity === 'warning'),
  ];
  return {
    findings: ordered,
    passed,
    ok: ordered.every((finding) => finding.severity !== 'error'),
  };
}
