import { ConfigError } from '../errors/config-error.js';

/** One thing wrong with the environment: the variable and what to do about it. */
export interface ConfigProblem {
  readonly setting: string;
  readonly message: string;
}

/**
 * Every problem found in the environment at once, so an operator fixes them in one round instead
 * of one restart per mistake. `setting` is `environment`; `problems` lists each variable.
 *
 * @example
 * try { loadConfig(); } catch (error) {
 *   if (error instanceof ConfigValidationError) for (const p of error.problems) console.error(p.setting);
 * }
 */
export class ConfigValidationError extends ConfigError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  ${problem.setting}: ${problem.message}`);
    super('environment', [`${count} in the configuration:`, ...lines].join('\n'));
    this.name = 'ConfigValidationError';
    this.problems = Object.freeze([...problems]);
  }
}
