import type { DoctorReport } from './doctor-finding.js';

export interface FormatDoctorReportOptions {
  /** ANSI colours, for a terminal. Default false. */
  readonly color?: boolean;
  /** Also list the checks that passed. Default true. */
  readonly showPassed?: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The report as terminal text: errors, then warnings, then what passed, then a summary line.
 *
 * @example
 * process.stdout.write(formatDoctorReport(report, { color: process.stdout.isTTY }) + '\n');
 */
export function formatDoctorReport(
  report: DoctorReport,
  options: FormatDoctorReportOptions = {},
): string {
  const paint = (code: number, text: string): string =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  for (const finding of report.findings) {
    const label = finding.severity === 'error' ? paint(31, 'error  ') : paint(33, 'warning');
    lines.push(`${label} ${finding.setting}: ${finding.message}`);
  }
  if (options.showPassed ?? true) {
    for (const line of report.passed) lines.push(`${paint(32, 'ok     ')} ${line}`);
  }
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = report.findings.length - errors;
  if (lines.length > 0) lines.push('');
  lines.push(
    errors === 0 && warnings === 0
      ? paint(32, 'All checks passed.')
      : `${paint(errors > 0 ? 31 : 33, `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`)}${errors > 0 ? ': fix the errors before taking calls.' : '.'}`,
  );
  return lines.join('\n');
}
