import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../engine/tool.js';
import { createLogger } from '../../logging/logger.js';
import { createHttpTool } from './create-http-tool.js';

const SECRET = 'whsec_never_logged';

const context: ToolContext = {
  callId: 'call_3',
  from: '+15550001111',
  to: '+15550002222',
  abortSignal: new AbortController().signal,
  variables: {},
};

function capture(redactPii: boolean) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    redactPii,
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  return { lines, logger };
}

function tool(url: string, logger: ReturnType<typeof createLogger>) {
  return createHttpTool(
    {
      name: 'caller_lookup',
      description: 'Find the caller.',
      method: 'POST',
      url,
      parameters: { type: 'object', properties: { phone: { type: 'string' } } },
    },
    { organizationId: 'org_9', signingSecret: SECRET, allowPrivateNetworks: true, logger },
  );
}

describe('createHttpTool logging', () => {
  it('logs fixed messages with the tool name and keeps arguments under pii', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"Ada"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callers`;
    const { lines, logger } = capture(false);
    await tool(url, logger).execute({ phone: '+15557654321' }, context);
    await new Promise((resolve) => server.close(resolve));

    expect(lines.map((line) => line.msg)).toEqual(['http tool request', 'http tool response']);
    expect(lines[0]).toMatchObject({
      tool: 'caller_lookup',
      pii: { args: { phone: '+15557654321' } },
    });
    expect(lines[1]).toMatchObject({ tool: 'caller_lookup', status: 200, truncated: false });
    const withoutPii = lines.map(({ pii: _pii, ...rest }) => JSON.stringify(rest)).join('\n');
    expect(withoutPii).not.toContain('+15557654321');
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('logs failures by code and redacts arguments when asked', async () => {
    const { lines, logger } = capture(true);
    const failing = createHttpTool(
      {
        name: 'caller_lookup',
        description: 'Find the caller.',
        method: 'GET',
        url: 'http://10.0.0.5/callers',
        parameters: { type: 'object', properties: {} },
      },
      { organizationId: 'org_9', signingSecret: SECRET, allowPrivateNetworks: false, logger },
    );
    await expect(failing.execute({ phone: '+15557654321' }, context)).rejects.toThrow(/^refused/);
    expect(lines[0]?.pii).toBe('[redacted]');
    expect(lines[1]).toMatchObject({
      msg: 'http tool failed',
      tool: 'caller_lookup',
      code: 'http_tool_refused',
    });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });
});
