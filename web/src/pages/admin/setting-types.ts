/** What the editor needs to know to render one numeric or yes/no setting of an agent. */

export interface NumberSetting {
  readonly path: string;
  readonly label: string;
  readonly explanation: string;
  readonly defaultValue: number | undefined;
  readonly min: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: 'ms';
}

export interface FlagSetting {
  readonly path: string;
  readonly label: string;
  readonly explanation: string;
  readonly defaultValue: boolean;
}

/** A setting in milliseconds, from `min` (0 unless given) up, in steps of 10. */
export const millisecondSetting = (
  path: string,
  label: string,
  defaultValue: number,
  explanation: string,
  min = 0,
): NumberSetting => ({ path, label, defaultValue, explanation, min, step: 10, unit: 'ms' });
