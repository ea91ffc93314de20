import type { AgentDefinition } from '../../agents/agent-definition.js';
import { renderAgentText } from '../../agents/agent-registry.js';

/** Longest text a preview may speak, in characters. */
export const MAX_PREVIEW_TEXT_LENGTH = 300;

/** A short sentence per language (primary subtag), for agents that have no first message. */
const SAMPLE_SENTENCES: Readonly<Record<string, string>> = {
  en: 'Hello! This is how I will sound when I answer your calls.',
  es: '¡Hola! Así sonaré cuando conteste sus llamadas.',
  fr: 'Bonjour ! Voici ma voix quand je répondrai à vos appels.',
  de: 'Hallo! So klinge ich, wenn ich Ihre Anrufe annehme.',
  it: 'Ciao! Ecco come suonerò quando risponderò alle vostre chiamate.',
  pt: 'Olá! É assim que vou soar ao atender as suas chamadas.',
  nl: 'Hallo! Zo klink ik wanneer ik uw gesprekken aanneem.',
};

/**
 * What a preview says when the request gives no text: the agent's first message with its default
 * variables filled (a call's own variables are not known here), else a short sentence in the
 * agent's language (English for languages without one). Cut to {@link MAX_PREVIEW_TEXT_LENGTH}.
 */
export function defaultPreviewText(agent: AgentDefinition): string {
  const greeting = renderAgentText(agent).firstMessage?.trim() ?? '';
  if (greeting !== '') return greeting.slice(0, MAX_PREVIEW_TEXT_LENGTH);
  const language = agent.language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return SAMPLE_SENTENCES[language] ?? (SAMPLE_SENTENCES.en as string);
}
