import type { CallEvent, CallEventType } from '../../src/engine/call-events.js';
import type {
  ChatRequestBody,
  FakePolicy,
  FakeReply,
} from '../../src/testing/fake-openai/index.js';

/** The events of one type, typed. */
export function eventsOfType<T extends CallEventType>(
  events: readonly CallEvent[],
  type: T,
): Extract<CallEvent, { type: T }>[] {
  return events.filter((event): event is Extract<CallEvent, { type: T }> => event.type === type);
}

/** Final agent transcripts (what the caller heard), in order. */
export function agentLines(
  events: readonly CallEvent[],
): Extract<CallEvent, { type: 'transcript' }>[] {
  return eventsOfType(events, 'transcript').filter(
    (event) => event.speaker === 'agent' && event.final,
  );
}

/** The text of a chat request's last message. */
export function lastMessageText(request: ChatRequestBody | undefined): string {
  const content = request?.messages.at(-1)?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? '').join(' ');
  return '';
}

/**
 * A fake model that answers every caller turn with `reply` and says `afterTool` when it is shown a
 * tool result (terminal tools never get that far).
 */
export function replyToCaller(reply: FakeReply, afterTool = 'Okay.'): FakePolicy {
  return (request) => (request.messages.at(-1)?.role === 'tool' ? { text: afterTool } : reply);
}

/** Is this the final agent transcript of exactly `text` (the line has played)? */
export function isAgentLine(event: CallEvent, text: string): boolean {
  return (
    event.type === 'transcript' &&
    event.speaker === 'agent' &&
    event.final &&
    event.pii.text === text
  );
}
