import { useMemo, useRef } from 'preact/hooks';
import type { CallDetail } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { formatClock } from '../../format/duration.js';
import { readCssVariable, useTheme } from '../../hooks/use-theme.js';
import { useWavePlayer } from '../../hooks/use-wave-player.js';
import { activeTurnIndex, buildTimeline } from './transcript-timeline.js';
import { TranscriptView } from './transcript-view.js';

/**
 * The recording (caller and agent lanes) with Play/Pause and the position, and the transcript
 * aligned to it. Without a recording the transcript is still shown.
 */
export function RecordingSection(props: { call: CallDetail }) {
  const { call } = props;
  const { theme } = useTheme();
  const colors = useMemo(
    () => ({ caller: readCssVariable('--caller'), agent: readCssVariable('--agent') }),
    [theme],
  );
  const lanesRef = useRef<HTMLDivElement>(null);
  // Same-origin path, whatever public URL the server reports: the cookie must go along.
  const url = call.recording === null ? null : `/v1/calls/${call.id}/recording`;
  const player = useWavePlayer(lanesRef, url, colors);
  const items = useMemo(
    () => buildTimeline(call.transcript, call.toolCalls, call.turnMetrics),
    [call.transcript, call.toolCalls, call.turnMetrics],
  );
  const activeIndex = activeTurnIndex(items, player.currentMs);
  const durationMs = player.durationMs ?? call.recording?.durationMs ?? call.durationMs;

  return (
    <section class="card recording" aria-labelledby="recording-heading">
      <h2 id="recording-heading">Recording and transcript</h2>
      {url === null ? (
        <p class="muted">This call has no recording.</p>
      ) : (
        <div class="player">
          <div class="lanes-frame">
            <span class="lane-label caller" aria-hidden="true">
              Caller
            </span>
            <span class="lane-label agent" aria-hidden="true">
              Agent
            </span>
            <div
              ref={lanesRef}
              class="lanes"
              role="img"
              aria-label="Waveform: the caller on the upper lane, the agent on the lower lane"
            />
          </div>
          <div class="row player-controls">
            <button
              type="button"
              class="button primary"
              onClick={player.toggle}
              disabled={!player.ready}
            >
              {player.playing ? 'Pause' : 'Play'}
            </button>
            <span
              class="player-time"
              data-testid="player-time"
              data-current-ms={Math.round(player.currentMs)}
            >
              {formatClock(player.currentMs / 1000)}
              {durationMs !== null && ` / ${formatClock(durationMs / 1000)}`}
            </span>
            {!player.ready && player.error === null && (
              <span class="muted">Loading the recording…</span>
            )}
            <a class="download-link" href={url} download>
              Download recording (WAV)
            </a>
          </div>
          {player.error !== null && <ErrorNotice message={player.error} />}
        </div>
      )}
      <TranscriptView
        items={items}
        activeIndex={activeIndex}
        following={player.playing}
        onSeek={player.seek}
      />
    </section>
  );
}
