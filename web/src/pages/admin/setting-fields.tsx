import type { FlagSetting, NumberSetting } from './setting-types.js';
import { CheckboxField } from './form-fields.js';
import { NumberField } from './number-field.js';
import type { DraftEditor } from './use-agent-editor.js';

function describeBounds(setting: NumberSetting): string {
  const unit = setting.unit === undefined ? '' : ` ${setting.unit}`;
  const shown =
    setting.defaultValue === undefined
      ? "Default: the provider's own."
      : `Default: ${setting.defaultValue.toLocaleString()}${unit}.`;
  const range =
    setting.max === undefined
      ? `Allowed: ${setting.min.toLocaleString()}${unit} or more.`
      : `Allowed: ${setting.min.toLocaleString()} to ${setting.max.toLocaleString()}${unit}.`;
  return `${shown} ${range}`;
}

/** A numeric setting with its explanation, default and allowed range under it. */
export function NumberSettingField({
  setting,
  editor,
}: {
  setting: NumberSetting;
  editor: DraftEditor;
}) {
  const bounded = setting.max !== undefined;
  return (
    <NumberField
      label={setting.label}
      value={editor.draft.numbers[setting.path]}
      onValue={(value) => editor.setNumber(setting.path, value)}
      min={setting.min}
      {...(setting.max === undefined ? {} : { max: setting.max })}
      step={setting.step ?? 'any'}
      slider={bounded}
      {...(setting.unit === undefined ? {} : { unit: setting.unit })}
      disabled={editor.disabled}
      errors={editor.errorsAt(setting.path)}
      hint={
        <>
          {setting.explanation} <span class="admin-default">{describeBounds(setting)}</span>
        </>
      }
    />
  );
}

/** A yes/no setting with its explanation. */
export function FlagSettingField({ flag, editor }: { flag: FlagSetting; editor: DraftEditor }) {
  return (
    <CheckboxField
      label={flag.label}
      checked={editor.draft.flags[flag.path] ?? flag.defaultValue}
      onValue={(value) => editor.setFlag(flag.path, value)}
      disabled={editor.disabled}
      errors={editor.errorsAt(flag.path)}
      hint={`${flag.explanation} Default: ${flag.defaultValue ? 'on' : 'off'}.`}
    />
  );
}
