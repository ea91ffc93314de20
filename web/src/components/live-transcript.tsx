import { useEffect, useRef } from 'preact/hooks';
import type { LiveItem } from '../live/live-call-state.js';
import { formatMilliseconds } from '../format/duration.js';
import { Badge } from './badges.js';
import { ToolCallDetails } from './tool-call-details.js';

function LiveLineView(props: { item: Extract<LiveItem, { kind: 'line' }> }) {
  const { item } = props;
  return (
    <li
      class={`live-line ${item.speaker}`}
      data-testid="live-line"
      data-final={item.final ? 'true' : 'false'}
    >
      <span class="line-meta">
        <span class="speaker">{item.speaker === 'caller' ? 'Caller' : 'Agent'}</span>
        {item.interrupted && <Badge tone="warn">interrupted</Badge>}
        {item.latencyMs !== null && (
          <span class="muted latency" data-testid="turn-latency">
            replied in {formatMilliseconds(item.latencyMs)}
          </span>
        )}
      </span>
      {item.text === null ? (
        <span class="line-text muted">…</span>
      ) : item.final ? (
        <span class="line-text">
          {item.text === '' ? <em class="muted">(cut off)</em> : item.text}
        </span>
      ) : (
        <em class="line-text partial">{item.text}</em>
      )}
    </li>
  );
}

/**
 * A call's conversation as it happens: caller words in muted italics until final, agent
 * replies with their latency, tool calls and provider problems in between.
 */
export function LiveTranscript(props: { items: readonly LiveItem[]; emptyText?: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const pinnedRef = useRef(true);

  // Follow the conversation unless the reader has scrolled up to read something earlier.
  useEffect(() => {
    const container = containerRef.current;
    if (container !== null && pinnedRef.current) container.scrollTop = container.scrollHeight;
  });

  const onScroll = () => {
    const container = containerRef.current;
    if (container === null) return;
    pinnedRef.current = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  };

  return (
    <div
      ref={containerRef}
      onScroll={onScroll}
      class="live-transcript"
      data-testid="live-transcript"
      role="log"
      aria-label="Live transcript"
      aria-relevant="additions"
    >
      <ol class="live-transcript-list">
        {props.items.length === 0 && (
          <li class="muted">{props.emptyText ?? 'Nobody has spoken yet.'}</li>
        )}
        {props.items.map((item) => {
          switch (item.kind) {
            case 'line':
              return <LiveLineView key={item.key} item={item} />;
            case 'tool':
              return (
                <li key={item.key} class="transcript-tool">
                  <ToolCallDetails call={item} />
                </li>
              );
            case 'problem':
              return (
                <li key={item.key} class="live-problem">
                  <Badge tone="danger">provider error</Badge> {item.message}
                </li>
              );
          }
        })}
      </ol>
    </div>
  );
}
