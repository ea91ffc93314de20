import type { Carrier } from '../../api/admin-types.js';

/** Where to paste the URLs in each carrier's console (docs/carriers.md). */
export function CarrierInstructions({ carrier }: { carrier: Carrier }) {
  if (carrier === 'twilio') {
    return (
      <ol class="admin-steps">
        <li>
          In the Twilio Console, open Phone Numbers → Manage → Active numbers and pick this number.
        </li>
        <li>
          Under Voice configuration, set “A call comes in” to <strong>Webhook</strong>, paste the
          voice URL and choose <strong>HTTP POST</strong>.
        </li>
        <li>Set “Call status changes” to the status callback URL (HTTP POST), then save.</li>
        <li>
          Add your Twilio Account SID and auth token under Settings → Credentials: they check each
          webhook's signature.
        </li>
      </ol>
    );
  }
  return (
    <ol class="admin-steps">
      <li>In your SignalWire space, open Phone Numbers and edit this number.</li>
      <li>
        Under Voice and fax settings, handle calls with a <strong>LaML (cXML) webhook</strong>,
        paste the voice URL and choose <strong>POST</strong>.
      </li>
      <li>Paste the status callback URL as the status change webhook, then save.</li>
      <li>
        Add the project id, API token, space URL and signing key under Settings → Credentials: the
        signing key (not the API token) checks each webhook's signature.
      </li>
    </ol>
  );
}
