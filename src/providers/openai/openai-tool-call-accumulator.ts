import { randomUUID } from 'node:crypto';
import type { ToolCallRequest } from '../spec/llm-model-v1.js';

interface PendingCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/**
 * Collects streamed tool-call fragments into whole calls.
 *
 * Fragments are grouped by `index`. A fragment whose `id` differs from the id already seen at its
 * index starts a new call (some compatible servers put every call at index 0). A fragment without
 * an index continues the latest call unless it carries a new id. Arguments sent as an object
 * instead of a JSON string (seen from some local servers) are serialised.
 */
export class ToolCallAccumulator {
  #calls: PendingCall[] = [];
  #byIndex = new Map<number, PendingCall>();
  #latest: PendingCall | undefined;

  get size(): number {
    return this.#calls.length;
  }

  /** Adds one element of `delta.tool_calls`; anything that is not an object is ignored. */
  accept(fragment: unknown): void {
    if (typeof fragment !== 'object' || fragment === null) return;
    const record = fragment as Record<string, unknown>;
    const index = typeof record.index === 'number' ? record.index : undefined;
    const id = typeof record.id === 'string' && record.id !== '' ? record.id : undefined;
    const functionPart =
      typeof record.function === 'object' && record.function !== null
        ? (record.function as Record<string, unknown>)
        : {};

    let call = index === undefined ? this.#latest : this.#byIndex.get(index);
    if (call === undefined || (id !== undefined && call.id !== undefined && call.id !== id)) {
      call = { id, name: '', arguments: '' };
      this.#calls.push(call);
    }
    if (index !== undefined) this.#byIndex.set(index, call);
    this.#latest = call;
    if (call.id === undefined && id !== undefined) call.id = id;
    if (call.name === '' && typeof functionPart.name === 'string') call.name = functionPart.name;

    const argumentsPart = functionPart.arguments;
    if (typeof argumentsPart === 'string') call.arguments += argumentsPart;
    else if (typeof argumentsPart === 'object' && argumentsPart !== null) {
      call.arguments = JSON.stringify(argumentsPart);
    }
  }

  /**
   * Returns the finished calls in the order they started and forgets them. Calls without a name
   * are returned under `nameless` so the caller can report them; empty arguments become `{}`.
   */
  drain(): { calls: ToolCallRequest[]; nameless: number } {
    const calls: ToolCallRequest[] = [];
    let nameless = 0;
    for (const call of this.#calls) {
      if (call.name === '') {
        nameless += 1;
        continue;
      }
      calls.push({
        id: call.id ?? `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        name: call.name,
        arguments: call.arguments.trim() === '' ? '{}' : call.arguments,
      });
    }
    this.#calls = [];
    this.#byIndex.clear();
    this.#latest = undefined;
    return { calls, nameless };
  }
}
