import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError } from '../../api/client.js';

type PreviewState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly url: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Reads a problem+json answer into the client's error type, so the wording matches every page. */
async function toError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the status has to do.
  }
  const text = (key: string) => (typeof body[key] === 'string' ? String(body[key]) : undefined);
  return new ApiError({
    status: response.status,
    code: text('code'),
    title: text('title'),
    detail: text('detail'),
  });
}

/**
 * Asks the server for a WAV sample of the agent's saved voice. The JSON client cannot carry audio,
 * so this is a plain fetch with the headers the API wants from the dashboard.
 */
async function fetchPreview(agentId: string, text: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/v1/agents/${encodeURIComponent(agentId)}/voice-preview`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'audio/wav, application/problem+json',
        'content-type': 'application/json',
        'x-switchboard-client': 'dashboard',
      },
      body: JSON.stringify(text.trim() === '' ? {} : { text: text.trim() }),
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: 'network_error', detail: String(error) });
  }
  if (!response.ok) throw await toError(response);
  return response.blob();
}

/**
 * A provider's refusal (a bad voice id, a missing key: 409, 502) arrives as the server's detail; it says
 * more than a generic "the server had a problem", so it is shown as it is.
 */
function describePreviewFailure(error: unknown): string {
  if (!(error instanceof ApiError))
    return `The voice sample could not be made. ${describeError(error)}`;
  if (error.status === 404 && error.detail?.startsWith('No route') === true) {
    return 'This server does not offer voice previews yet; it may need an update.';
  }
  const providerDetail =
    error.status === 409 || error.status === 422 || error.status >= 500 ? error.detail : undefined;
  return providerDetail === undefined
    ? `The voice sample could not be made. ${describeError(error)}`
    : `The voice sample could not be made: ${providerDetail}`;
}

/** "Preview voice": plays a sample of the saved voice in an audio player. */
export function VoicePreview({
  agentId,
  unsaved,
  allowed,
}: {
  agentId?: string;
  unsaved: boolean;
  /** The route needs an admin: viewers see why the button does nothing. */
  allowed: boolean;
}) {
  const [text, setText] = useState('');
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const audioRef = useRef<HTMLAudioElement>(null);
  const readyUrl = state.kind === 'ready' ? state.url : undefined;

  useEffect(() => {
    if (readyUrl === undefined) return;
    // The click that asked for the sample allows playback; a refusal leaves the controls to use.
    void audioRef.current?.play().catch(() => undefined);
    return () => URL.revokeObjectURL(readyUrl);
  }, [readyUrl]);

  const preview = async () => {
    if (agentId === undefined) return;
    setState({ kind: 'loading' });
    try {
      const blob = await fetchPreview(agentId, text);
      setState({ kind: 'ready', url: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ kind: 'failed', message: describePreviewFailure(error) });
    }
  };

  return (
    <div class="admin-wide admin-preview">
      <div class="field">
        <label for="voice-preview-text">Sample sentence</label>
        <input
          id="voice-preview-text"
          type="text"
          value={text}
          maxLength={300}
          aria-describedby="voice-preview-text-hint"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p class="hint" id="voice-preview-text-hint">
          At most 300 characters. Empty: the agent's first message, or a short greeting in its
          language.
        </p>
      </div>
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={agentId === undefined || !allowed || state.kind === 'loading'}
          onClick={() => void preview()}
        >
          Preview voice
        </button>
        <span role="status" class="muted">
          {agentId === undefined
            ? 'Create the agent first; the preview uses its saved voice.'
            : !allowed
              ? 'Only owners and admins can preview voices.'
              : state.kind === 'loading'
                ? 'Making a sample…'
                : unsaved
                  ? 'The preview uses the saved voice; save to hear your changes.'
                  : ''}
        </span>
      </div>
      {state.kind === 'failed' && (
        <p class="error-notice" role="alert">
          {state.message}
        </p>
      )}
      {readyUrl !== undefined && (
        <audio ref={audioRef} controls src={readyUrl}>
          Your browser cannot play the sample.
        </audio>
      )}
    </div>
  );
}
