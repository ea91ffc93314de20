import { ConfigError } from '../errors/config-error.js';

/** One problem in the provisioning file. */
export interface ProvisioningProblem {
  /** Where inside the file, e.g. `agents[1].tts.voice`; empty for the file as a whole. */
  readonly path: string;
  /** 1-based line, when the file's text was available. */
  readonly line: number | undefined;
  readonly message: string;
}

/** Where a problem is: `file:line path`, or less when the line or path is unknown. */
export function formatProvisioningLocation(file: string, problem: ProvisioningProblem): string {
  const location = problem.line === undefined ? file : `${file}:${problem.line}`;
  return problem.path === '' ? location : `${location} ${problem.path}`;
}

/** Renders a problem as `file:line path: message`, the way compilers do. */
export function formatProvisioningProblem(file: string, problem: ProvisioningProblem): string {
  return `${formatProvisioningLocation(file, problem)}: ${problem.message}`;
}

/**
 * The provisioning file is missing, unreadable or invalid. Lists every problem with the file, the
 * line, the path inside the file and what to do. `setting` is `SWITCHBOARD_CONFIG`.
 */
export class ProvisioningError extends ConfigError {
  readonly file: string;
  readonly problems: readonly ProvisioningProblem[];

  constructor(file: string, problems: readonly ProvisioningProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  ${formatProvisioningProblem(file, problem)}`);
    super('SWITCHBOARD_CONFIG', [`${count} in provisioning file ${file}:`, ...lines].join('\n'));
    this.name = 'ProvisioningError';
    this.file = file;
    this.problems = Object.freeze([...problems]);
  }
}
