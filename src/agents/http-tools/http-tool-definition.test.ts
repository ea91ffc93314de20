import { describe, expect, it } from 'vitest';
import { createHttpTool } from './create-http-tool.js';
import { httpToolDefinitionSchema, type HttpToolDefinitionInput } from './http-tool-definition.js';

const valid: HttpToolDefinitionInput = {
  name: 'book_slot',
  description: 'Book an appointment slot.',
  method: 'POST',
  url: 'https://api.example.com/tenants/{{tenant}}/bookings',
  parameters: {
    type: 'object',
    properties: { slot: { type: 'string' } },
    required: ['slot'],
    additionalProperties: false,
  },
  headers: { Authorization: 'Bearer {{api_token}}' },
};

describe('httpToolDefinitionSchema', () => {
  it('applies defaults and keeps the parameters schema as written', () => {
    const parsed = httpToolDefinitionSchema.parse(valid);
    expect(parsed.timeoutMs).toBe(5_000);
    expect(parsed.maxResponseBytes).toBe(64 * 1024);
    expect(parsed.parameters).toEqual(valid.parameters);
  });

  it.each([
    ['name', { name: 'Book-Slot' }],
    ['name', { name: '1book' }],
    ['method', { method: 'HEAD' }],
    ['url', { url: 'ftp://api.example.com/x' }],
    ['url', { url: 'https://user:pass@api.example.com/x' }],
    ['url', { url: 'not a url' }],
    ['parameters', { parameters: { type: 'string' } }],
    ['headers', { headers: { Host: 'evil.example' } }],
    ['headers', { headers: { 'Transfer-Encoding': 'chunked' } }],
    ['headers', { headers: { connection: 'close' } }],
    ['headers', { headers: { 'X-Switchboard-Signature': 'v1=0' } }],
    ['headers', { headers: { 'X-Trace': 'a\r\nInjected: 1' } }],
    ['timeoutMs', { timeoutMs: 50 }],
    ['timeoutMs', { timeoutMs: 60_000 }],
    ['extra', { retries: 3 }],
  ])('refuses a bad %s', (_field, change) => {
    expect(httpToolDefinitionSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

describe('createHttpTool configuration', () => {
  const options = { organizationId: 'org_1', signingSecret: 'secret', allowPrivateNetworks: false };

  it('exposes the definition to the model as a normal tool', () => {
    const tool = createHttpTool(valid, options);
    expect(tool).toMatchObject({ name: 'book_slot', kind: 'normal', parameters: valid.parameters });
    expect(tool.timeoutMs).toBeGreaterThan(5_000);
  });

  it('throws a ConfigError naming the setting', () => {
    expect(() => createHttpTool({ ...valid, url: 'ftp://x' }, options)).toThrow(
      /httpTools\.book_slot\.url/,
    );
    expect(() => createHttpTool(valid, { ...options, signingSecret: '' })).toThrow(/signingSecret/);
  });
});
