import { useEffect, useRef, useState } from 'preact/hooks';
import { apiGet, apiSend, describeError } from '../../api/client.js';
import type { WebhookDelivery } from '../../api/webhook-types.js';

const pollIntervalMs = 2000;
const maxPolls = 30;

/** The state of the replays started on this page, by the delivery they replay. */
export interface ReplayState {
  readonly busy: ReadonlySet<string>;
  readonly errors: ReadonlyMap<string, string>;
  /** New deliveries made by a replay, newest first, with their status as last read. */
  readonly replays: readonly WebhookDelivery[];
  replay(deliveryId: string): void;
}

/**
 * Replays deliveries (`POST /v1/webhook-deliveries/{id}/replay`) and follows each new delivery
 * until it is no longer pending, so the page can show how it went.
 */
export function useReplay(): ReplayState {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [replays, setReplays] = useState<readonly WebhookDelivery[]>([]);
  const timers = useRef(new Set<number>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) window.clearTimeout(timer);
    };
  }, []);

  const store = (delivery: WebhookDelivery) =>
    setReplays((previous) =>
      previous.some((item) => item.id === delivery.id)
        ? previous.map((item) => (item.id === delivery.id ? delivery : item))
        : [delivery, ...previous],
    );

  const follow = (deliveryId: string, polls: number) => {
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      apiGet<WebhookDelivery>(`/v1/webhook-deliveries/${deliveryId}`).then(
        (delivery) => {
          store(delivery);
          if (delivery.status === 'pending' && polls + 1 < maxPolls) follow(deliveryId, polls + 1);
        },
        () => undefined, // The row keeps its last known status.
      );
    }, pollIntervalMs);
    timers.current.add(timer);
  };

  const replay = (deliveryId: string) => {
    setBusy((previous) => new Set(previous).add(deliveryId));
    setErrors((previous) => {
      const next = new Map(previous);
      next.delete(deliveryId);
      return next;
    });
    apiSend<WebhookDelivery>('POST', `/v1/webhook-deliveries/${deliveryId}/replay`)
      .then(
        (delivery) => {
          store(delivery);
          if (delivery.status === 'pending') follow(delivery.id, 0);
        },
        (error: unknown) =>
          setErrors((previous) => new Map(previous).set(deliveryId, describeError(error))),
      )
      .finally(() =>
        setBusy((previous) => {
          const next = new Set(previous);
          next.delete(deliveryId);
          return next;
        }),
      );
  };

  return { busy, errors, replays, replay };
}
