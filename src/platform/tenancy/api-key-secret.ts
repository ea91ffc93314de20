import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so leaked keys are easy to spot and scan for. */
export const API_KEY_PREFIX = 'sb_';

/** A new key: `secret` is shown once; only `hash` and `prefix` are stored. */
export interface GeneratedApiKey {
  readonly secret: string;
  readonly prefix: string;
  readonly hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const secret = `${API_KEY_PREFIX}${randomBytes(30).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 10), hash: hashApiKey(secret) };
}

/**
 * Keys carry 240 random bits, so a fast hash is enough (no guessing to slow down) and lets the
 * server find a key by its hash in one indexed lookup.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
