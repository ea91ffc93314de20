import type { TurnState } from '../api/live-types.js';
import type { CallSummary, Sentiment } from '../api/types.js';
import type { WebhookDeliveryStatus } from '../api/webhook-types.js';
import { humanize } from '../format/labels.js';

type Tone = 'ok' | 'warn' | 'danger' | 'accent' | '';

/** A small labelled status. */
export function Badge(props: { tone?: Tone; children: string; testId?: string }) {
  const tone = props.tone ?? '';
  return (
    <span class={tone === '' ? 'badge' : `badge ${tone}`} data-testid={props.testId}>
      {props.children}
    </span>
  );
}

const outcomeTones: Record<string, Tone> = {
  completed: 'ok',
  transferred: 'ok',
  voicemail: 'warn',
  'no-answer': 'warn',
  busy: 'warn',
  canceled: 'warn',
  failed: 'danger',
  'in-progress': 'accent',
  ringing: 'accent',
  queued: '',
};

/** The call's outcome (its disposition), or its status while it has none (in progress…). */
export function OutcomeBadge(props: { call: Pick<CallSummary, 'disposition' | 'status'> }) {
  const value = props.call.disposition ?? props.call.status;
  return <Badge tone={outcomeTones[value] ?? ''}>{humanize(value)}</Badge>;
}

const sentimentTones: Record<Sentiment, Tone> = {
  positive: 'ok',
  neutral: '',
  negative: 'danger',
};

/** The caller's mood per the analysis; nothing when the call was not analysed. */
export function SentimentBadge(props: { sentiment: Sentiment | null }) {
  if (props.sentiment === null) return <span class="muted">–</span>;
  return <Badge tone={sentimentTones[props.sentiment]}>{humanize(props.sentiment)}</Badge>;
}

const deliveryTones: Record<WebhookDeliveryStatus, Tone> = {
  pending: 'accent',
  delivered: 'ok',
  failed: 'danger',
  cancelled: 'warn',
};

/** A webhook delivery's status. */
export function DeliveryStatusBadge(props: { status: WebhookDeliveryStatus }) {
  return <Badge tone={deliveryTones[props.status]}>{humanize(props.status)}</Badge>;
}

const turnStateTones: Record<TurnState, Tone> = {
  listening: 'ok',
  thinking: 'warn',
  speaking: 'accent',
};

/** What a live call's agent is doing: listening, thinking or speaking. */
export function TurnStateBadge(props: {
  state: TurnState | 'connecting' | 'ended';
  testId?: string;
}) {
  const tone =
    props.state === 'connecting' || props.state === 'ended' ? '' : turnStateTones[props.state];
  return (
    <Badge tone={tone} {...(props.testId !== undefined ? { testId: props.testId } : {})}>
      {props.state}
    </Badge>
  );
}
