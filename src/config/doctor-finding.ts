export type DoctorSeverity = 'error' | 'warning';

/** One problem the doctor found. */
export interface DoctorFinding {
  /** `error`: calls will fail; `warning`: likely a mistake, or needed only to take real calls. */
  readonly severity: DoctorSeverity;
  /** The variable or provisioning-file location to change, e.g. `DEEPGRAM_API_KEY`. */
  readonly setting: string;
  /** What is wrong and what to do. */
  readonly message: string;
}

/** Everything the doctor found; it never stops at the first problem. */
export interface DoctorReport {
  /** Errors first, then warnings, each group in the order checked. */
  readonly findings: readonly DoctorFinding[];
  /** One line per check that passed, for the terminal. */
  readonly passed: readonly string[];
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
}
