import type { ChatMessage, LlmStreamOptions, ToolDefinition } from '../spec/llm-model-v1.js';
import type { OpenAiLlmOptions } from './openai-llm-options.js';

/** A message as `/chat/completions` expects it (snake_case, tool calls nested under `function`). */
export type OpenAiWireMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: {
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface OpenAiWireTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** Maps our messages to the wire. An assistant turn with only tool calls gets `content: null`. */
export function toOpenAiMessages(messages: readonly ChatMessage[]): OpenAiWireMessage[] {
  return messages.map((message): OpenAiWireMessage => {
    switch (message.role) {
      case 'system':
      case 'user':
        return { role: message.role, content: message.content };
      case 'tool':
        return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
      case 'assistant': {
        const toolCalls = message.toolCalls ?? [];
        if (toolCalls.length === 0) return { role: 'assistant', content: message.content ?? '' };
        return {
          role: 'assistant',
          content: message.content === null || message.content === '' ? null : message.content,
          tool_calls: toolCalls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
        };
      }
    }
  });
}

export function toOpenAiTools(tools: readonly ToolDefinition[]): OpenAiWireTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: { ...tool.parameters },
    },
  }));
}

/** The JSON body of one streaming chat completion request. */
export function buildChatRequestBody(
  modelId: string,
  options: LlmStreamOptions,
  providerOptions: OpenAiLlmOptions,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: modelId,
    messages: toOpenAiMessages(options.messages),
    stream: true,
  };
  if (providerOptions.includeUsage) body.stream_options = { include_usage: true };
  const tools = options.tools ?? [];
  if (tools.length > 0) {
    body.tools = toOpenAiTools(tools);
    // tool_choice and parallel_tool_calls without tools are rejected by OpenAI, so only here.
    body.tool_choice = options.toolChoice ?? 'auto';
    body.parallel_tool_calls = providerOptions.parallelToolCalls;
  }
  if (options.temperature !== undefined) body.temperature = options.temperature;
  if (options.maxTokens !== undefined) body[providerOptions.maxTokensField] = options.maxTokens;
  if (providerOptions.topP !== undefined) body.top_p = providerOptions.topP;
  if (providerOptions.seed !== undefined) body.seed = providerOptions.seed;
  if (providerOptions.stop !== undefined) body.stop = providerOptions.stop;
  if (providerOptions.user !== undefined) body.user = providerOptions.user;
  return { ...body, ...providerOptions.extraBody };
}
