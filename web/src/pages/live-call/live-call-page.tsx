import { TurnStateBadge } from '../../components/badges.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LiveTranscript } from '../../components/live-transcript.js';
import { Loading } from '../../components/loading.js';
import { formatTime } from '../../format/date.js';
import { formatDuration } from '../../format/duration.js';
import { humanize, formatNumber } from '../../format/labels.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { useNow } from '../../hooks/use-now.js';
import { useSession } from '../../hooks/use-session.js';
import '../../styles/live.css';
import '../../styles/transcript.css';
import { MissingCall } from '../call-detail/call-detail-page.js';
import { EndCallButton } from './end-call-button.js';
import { useListenIn } from './use-listen-in.js';
import { useLiveCallStream } from './use-live-call-stream.js';

/**
 * `/calls/:callId/live`: the conversation as it happens, the agent's turn state, each reply's
 * latency and tool calls; Listen in; End call.
 */
export function LiveCallPage(props: { callId: string }) {
  const { callId } = props;
  const { state, call, phase, reconnecting } = useLiveCallStream(callId);
  const listenIn = useListenIn(callId);
  const role = useSession().session?.user.role;
  const ended = state.ended !== null;
  const now = useNow(1000, phase === 'live' && !ended);
  useDocumentTitle(call === null ? 'Live call' : `Live call from ${formatNumber(call.from)}`);
  const recordLink = <a href={`/calls/${callId}`}>Open the call record</a>;

  if (phase === 'missing') return <MissingCall />;

  const turnState = ended ? 'ended' : (state.turnState ?? call?.state ?? 'connecting');
  const startedAt = call === null ? null : Date.parse(call.startedAt);

  return (
    <div class="page live-call">
      <div class="page-header">
        <div>
          <p class="breadcrumb">
            <a href="/calls">Calls</a>
          </p>
          <h1>Live call</h1>
        </div>
        <span class="turn-state-label">
          Agent: <TurnStateBadge state={turnState} testId="turn-state" />
        </span>
      </div>
      {call !== null && (
        <p class="live-facts">
          {formatNumber(call.from)} → {formatNumber(call.to)} · {call.agentName} ·{' '}
          {humanize(call.direction)} via {call.carrier} · started {formatTime(call.startedAt)}
          {startedAt !== null && !ended && ` · ${formatDuration(now - startedAt)}`}
        </p>
      )}
      {phase === 'connecting' && <Loading label="Connecting to the call…" />}
      {phase === 'not-live' && (
        <div class="notice" role="status">
          <strong>This call has ended</strong> (or another server process carries it). {recordLink}
        </div>
      )}
      {phase === 'failed' && (
        <ErrorNotice
          message="The live stream of this call could not be opened."
          onRetry={() => window.location.reload()}
        />
      )}
      {ended && (
        <div class="notice call-ended" role="status">
          <strong>Call ended</strong>
          {state.ended !== null &&
            ` (${humanize(state.ended.reason)}, ${formatDuration(state.ended.durationMs)})`}
          . {recordLink}
        </div>
      )}
      {reconnecting && !ended && (
        <p class="muted" role="status">
          Connection lost; reconnecting…
        </p>
      )}
      {phase === 'live' && (
        <div class="row live-controls">
          {!ended && (
            <button
              type="button"
              class="button"
              onClick={listenIn.listening ? listenIn.stop : listenIn.start}
            >
              {listenIn.listening ? 'Stop listening' : 'Listen in'}
            </button>
          )}
          {!ended && role !== 'viewer' && <EndCallButton callId={callId} />}
          {listenIn.message !== null && <span class="muted">{listenIn.message}</span>}
        </div>
      )}
      {(phase === 'live' || state.items.length > 0) && (
        <section class="card" aria-labelledby="live-transcript-heading">
          <h2 id="live-transcript-heading">Conversation</h2>
          <LiveTranscript items={state.items} />
        </section>
      )}
    </div>
  );
}
