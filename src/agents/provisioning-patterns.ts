/** Agent and destination names: lowercase words joined by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** E.164: `+`, a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
/** `sip:` / `sips:` URI with an optional user, a host, an optional port and parameters. */
export const SIP_URI_PATTERN = /^sips?:(?:[^\s@:;]+@)?[A-Za-z0-9.-]+(?::\d{1,5})?(?:;\S*)?$/;
/** ElevenLabs voice ids are 20 letters and digits, e.g. `21m00Tcm4TlvDq8ikWAM`. */
export const ELEVENLABS_VOICE_ID_PATTERN = /^[A-Za-z0-9]{20}$/;
/** Names usable in `{{...}}` placeholders and `variables`. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An IANA time zone the runtime knows, such as `America/New_York`. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
