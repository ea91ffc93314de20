import { useEffect, useRef } from 'preact/hooks';
import { Badge } from '../../components/badges.js';
import { ToolCallDetails } from '../../components/tool-call-details.js';
import { formatClock, formatMilliseconds } from '../../format/duration.js';
import type { TimelineItem } from './transcript-timeline.js';

/**
 * The recorded transcript: each line is a button that seeks the recording to it; the line being
 * played is marked `aria-current` and kept in view while the recording plays.
 */
export function TranscriptView(props: {
  items: readonly TimelineItem[];
  activeIndex: number;
  following: boolean;
  onSeek: (ms: number) => void;
}) {
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!props.following || props.activeIndex < 0) return;
    const line = listRef.current?.querySelector<HTMLElement>('[aria-current="true"]');
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    line?.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
  }, [props.activeIndex, props.following]);

  if (props.items.length === 0) return <p class="muted">Nobody spoke on this call.</p>;

  return (
    <ol class="transcript" ref={listRef} aria-label="Transcript">
      {props.items.map((item, index) =>
        item.kind === 'tool' ? (
          <li key={`tool-${item.call.id}`} class="transcript-tool">
            <ToolCallDetails call={item.call} />
          </li>
        ) : (
          <li key={`turn-${item.turn.speaker}-${item.turn.turn}-${index}`}>
            <button
              type="button"
              class={`transcript-line ${item.turn.speaker}`}
              data-testid="transcript-line"
              data-start-ms={Math.round(item.turn.startMs)}
              aria-current={index === props.activeIndex ? 'true' : undefined}
              onClick={() => props.onSeek(item.turn.startMs)}
            >
              <span class="line-meta">
                <span class="speaker">{item.turn.speaker === 'caller' ? 'Caller' : 'Agent'}</span>
                <span class="muted">{formatClock(item.turn.startMs / 1000)}</span>
                {item.turn.interrupted && <Badge tone="warn">interrupted</Badge>}
                {item.latencyMs !== null && (
                  <span class="muted latency">replied in {formatMilliseconds(item.latencyMs)}</span>
                )}
              </span>
              <span class="line-text">
                {item.turn.text === '' ? (
                  <em class="muted">(cut off before a word was heard)</em>
                ) : (
                  item.turn.text
                )}
              </span>
            </button>
          </li>
        ),
      )}
    </ol>
  );
}
