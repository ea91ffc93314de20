import { HTTP_TOOL_HEADERS } from '../../agents/http-tools/index.js';

/**
 * Headers of every webhook delivery. Timestamp and signature are the same scheme as HTTP tool
 * requests (`v1=` hex HMAC-SHA256 of `${timestamp}.${body}`), so receivers verify both one way.
 */
export const WEBHOOK_HEADERS = {
  eventId: 'X-Switchboard-Event-Id',
  eventType: 'X-Switchboard-Event-Type',
  deliveryId: 'X-Switchboard-Delivery-Id',
  attempt: 'X-Switchboard-Attempt',
  timestamp: HTTP_TOOL_HEADERS.timestamp,
  signature: HTTP_TOOL_HEADERS.signature,
} as const;
