import { useState } from 'preact/hooks';
import { apiSend, describeError } from '../../api/client.js';

/** "End call": asks for confirmation, then `POST /v1/calls/{callId}/hangup`. */
export function EndCallButton(props: { callId: string; disabled?: boolean }) {
  const [state, setState] = useState<'idle' | 'ending' | 'requested'>('idle');
  const [error, setError] = useState<string | null>(null);

  const endCall = async () => {
    if (!window.confirm('End this call? The caller will be hung up.')) return;
    setState('ending');
    setError(null);
    try {
      await apiSend<{ callId: string }>(
        'POST',
        `/v1/calls/${encodeURIComponent(props.callId)}/hangup`,
      );
      setState('requested');
    } catch (failure) {
      setError(describeError(failure));
      setState('idle');
    }
  };

  return (
    <>
      <button
        type="button"
        class="button danger"
        disabled={props.disabled === true || state !== 'idle'}
        onClick={() => void endCall()}
      >
        End call
      </button>
      {state === 'requested' && (
        <span class="muted" role="status">
          Ending the call…
        </span>
      )}
      {error !== null && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
