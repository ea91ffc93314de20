import type { ChatMessage, ToolCallRequest } from '../providers/spec/llm-model-v1.js';

type MutableMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: readonly ToolCallRequest[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** Handle to an assistant message so a barge-in can cut it down to what was heard. */
export interface AssistantMessageHandle {
  setContent(content: string | null): void;
  setToolCalls(toolCalls: readonly ToolCallRequest[]): void;
  readonly content: string | null;
}

/**
 * The conversation as the LLM sees it. Assistant messages stay editable through their handles
 * because what the agent *said* is only known once playout ends or is interrupted.
 */
export class ChatContext {
  readonly #messages: MutableMessage[] = [];

  constructor(systemPrompt: string) {
    if (systemPrompt.length > 0) this.#messages.push({ role: 'system', content: systemPrompt });
  }

  addUser(content: string): void {
    this.#messages.push({ role: 'user', content });
  }

  addAssistant(
    content: string | null,
    toolCalls?: readonly ToolCallRequest[],
  ): AssistantMessageHandle {
    const message: Extract<MutableMessage, { role: 'assistant' }> =
      toolCalls !== undefined && toolCalls.length > 0
        ? { role: 'assistant', content, toolCalls }
        : { role: 'assistant', content };
    this.#messages.push(message);
    return {
      setContent: (next) => {
        message.content = next;
      },
      setToolCalls: (next) => {
        if (next.length > 0) message.toolCalls = next;
      },
      get content() {
        return message.content;
      },
    };
  }

  addToolResult(toolCallId: string, content: string): { setContent(next: string): void } {
    const message: MutableMessage = { role: 'tool', toolCallId, content };
    this.#messages.push(message);
    return {
      setContent: (next) => {
        message.content = next;
      },
    };
  }

  /** Removes the last message if it is a user message and returns its text (to merge a turn). */
  takeLastUser(): string | undefined {
    const last = this.#messages[this.#messages.length - 1];
    if (last?.role !== 'user') return undefined;
    this.#messages.pop();
    return last.content;
  }

  /**
   * What to send to the model: a copy, without assistant messages that ended up empty (an
   * utterance interrupted before the caller heard a word), which some servers reject.
   */
  snapshot(): ChatMessage[] {
    const result: ChatMessage[] = [];
    for (const message of this.#messages) {
      if (
        message.role === 'assistant' &&
        (message.content === null || message.content.length === 0) &&
        (message.toolCalls === undefined || message.toolCalls.length === 0)
      ) {
        continue;
      }
      result.push({ ...message } as ChatMessage);
    }
    return result;
  }
}
