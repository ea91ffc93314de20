import {
  formatDecimal,
  multiplyByCount,
  multiplyByThousandths,
  parseDecimal,
} from './exact-decimal.js';

/** What one unit costs, in US dollars, as decimal text. */
export interface UsagePrice {
  readonly perInputToken?: string;
  readonly perOutputToken?: string;
  readonly perCharacter?: string;
  readonly perAudioSecond?: string;
}

/**
 * Public list prices at the time of writing (USD). They are estimates for dashboards and budgets,
 * not invoices; a model not listed falls back to its provider's entry, then to zero.
 */
export const DEFAULT_USAGE_PRICES: Readonly<Record<string, UsagePrice>> = {
  'llm:openai': { perInputToken: '0.00000015', perOutputToken: '0.0000006' },
  'llm:openai:gpt-4o': { perInputToken: '0.0000025', perOutputToken: '0.00001' },
  'llm:openai:gpt-4.1': { perInputToken: '0.000002', perOutputToken: '0.000008' },
  'llm:openai:gpt-4.1-mini': { perInputToken: '0.0000004', perOutputToken: '0.0000016' },
  'stt:deepgram': { perAudioSecond: '0.000128333' },
  'stt:openai': { perAudioSecond: '0.0001' },
  'tts:elevenlabs': { perCharacter: '0.00018' },
  'tts:deepgram': { perCharacter: '0.000015' },
  'tts:openai': { perCharacter: '0.000015' },
  'tts:flite': {},
};

export interface UsageAmounts {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly characters?: number;
  readonly audioSeconds?: number;
}

/** The cost of some usage as a decimal string with six places. */
export function priceUsage(
  kind: string,
  provider: string,
  model: string,
  usage: UsageAmounts,
  prices: Readonly<Record<string, UsagePrice>> = DEFAULT_USAGE_PRICES,
): string {
  const price = prices[`${kind}:${provider}:${model}`] ?? prices[`${kind}:${provider}`] ?? {};
  let total = 0n;
  if (price.perInputToken !== undefined)
    total += multiplyByCount(parseDecimal(price.perInputToken), usage.inputTokens ?? 0);
  if (price.perOutputToken !== undefined)
    total += multiplyByCount(parseDecimal(price.perOutputToken), usage.outputTokens ?? 0);
  if (price.perCharacter !== undefined)
    total += multiplyByCount(parseDecimal(price.perCharacter), usage.characters ?? 0);
  if (price.perAudioSecond !== undefined) {
    total += multiplyByThousandths(
      parseDecimal(price.perAudioSecond),
      (usage.audioSeconds ?? 0) * 1000,
    );
  }
  return formatDecimal(total, 6);
}
