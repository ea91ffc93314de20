import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import type { Agent } from '../../api/types.js';
import { TurnStateBadge } from '../../components/badges.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LiveTranscript } from '../../components/live-transcript.js';
import { useApiGet } from '../../hooks/use-api-get.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import '../../styles/live.css';
import '../../styles/transcript.css';
import { TextMessageForm } from './text-message-form.js';
import { useTestCall } from './use-test-call.js';

/**
 * `/agents/:agentId/test-call`: talk to the agent from the browser (microphone), or type to it
 * in text mode. The call is recorded and listed like any other.
 */
export function TestCallPage(props: { agentId: string }) {
  const agent = useApiGet<Agent>(`/v1/agents/${encodeURIComponent(props.agentId)}`);
  const call = useTestCall(props.agentId);
  const [textMode, setTextMode] = useState(false);
  const name = agent.data?.name;
  useDocumentTitle(name === undefined ? 'Test call' : `Test call: ${name}`);

  const missing =
    agent.error instanceof ApiError && (agent.error.status === 404 || agent.error.status === 422);
  if (missing) {
    return (
      <div class="page">
        <h1>Test call</h1>
        <p class="error-notice" role="alert">
          This agent does not exist (or belongs to another organisation).
        </p>
        <p>
          <a href="/agents">Back to agents</a>
        </p>
      </div>
    );
  }

  const busy = call.phase === 'starting' || call.phase === 'in-call' || call.phase === 'ending';
  const ended = call.phase === 'ended' || call.live.ended !== null;
  const turnState = ended ? 'ended' : (call.live.turnState ?? 'connecting');

  return (
    <div class="page test-call">
      <div class="page-header">
        <div>
          <p class="breadcrumb">
            <a href="/agents">Agents</a>
            {name !== undefined && (
              <>
                {' / '}
                <a href={`/agents/${props.agentId}`}>{name}</a>
              </>
            )}
          </p>
          <h1>Test call{name !== undefined && `: ${name}`}</h1>
        </div>
        {call.phase !== 'idle' && call.phase !== 'failed' && (
          <span class="turn-state-label">
            Agent: <TurnStateBadge state={turnState} testId="turn-state" />
          </span>
        )}
      </div>
      {agent.error !== undefined && <ErrorNotice error={agent.error} onRetry={agent.reload} />}
      <p class="muted">
        Talk to the agent from this browser. The call runs on the agent's current version and is
        recorded, analysed and listed like any other call (carrier "browser").
      </p>
      <div class="card row">
        <label class="switch-field">
          <input
            type="checkbox"
            role="switch"
            checked={textMode}
            disabled={busy}
            onChange={(event) => setTextMode(event.currentTarget.checked)}
          />
          Text mode
        </label>
        {busy ? (
          <button
            type="button"
            class="button danger"
            onClick={call.hangUp}
            disabled={call.phase === 'ending'}
          >
            Hang up
          </button>
        ) : (
          <button
            type="button"
            class="button primary"
            onClick={() => call.start(textMode ? 'text' : 'voice')}
          >
            Start test call
          </button>
        )}
        {call.phase === 'starting' && (
          <span class="muted" role="status">
            {textMode ? 'Connecting…' : 'Opening the microphone and connecting…'}
          </span>
        )}
        {call.phase === 'ending' && (
          <span class="muted" role="status">
            Hanging up…
          </span>
        )}
      </div>
      {call.problem !== null && (
        <div class="error-notice row" role="alert">
          <span>{call.problem}</span>
          {call.microphoneRefused && !textMode && (
            <button type="button" class="button small" onClick={() => setTextMode(true)}>
              Use text mode
            </button>
          )}
        </div>
      )}
      {call.notice !== null && <p class="muted">The server said: {call.notice}</p>}
      {ended && (
        <div class="notice call-ended" role="status">
          <strong>Call ended</strong>.{' '}
          {call.callId !== null && <a href={`/calls/${call.callId}`}>Open the call record</a>}
        </div>
      )}
      {textMode && call.phase === 'in-call' && <TextMessageForm onSend={call.sendText} />}
      {call.phase !== 'idle' && !(call.phase === 'failed' && call.callId === null) && (
        <section class="card" aria-labelledby="test-transcript-heading">
          <h2 id="test-transcript-heading">Conversation</h2>
          <LiveTranscript items={call.live.items} emptyText="Waiting for the agent…" />
        </section>
      )}
    </div>
  );
}
