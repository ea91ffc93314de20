import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../engine/tool.js';
import { ConfigError } from '../errors/config-error.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { buildAgentTools } from './build-agent-tools.js';
import { createEndCallTool } from './end-call-tool.js';
import { parseProvisioning } from './load-provisioning.js';
import { createTransferCallTool } from './transfer-call-tool.js';

const context: ToolContext = {
  callId: 'call-1',
  from: '+15550001111',
  to: '+15551230000',
  abortSignal: new AbortController().signal,
  variables: {},
};

const destinations = [
  {
    name: 'service-advisor',
    destination: '+15551234567',
    description: 'Repair quotes and complaints.',
  },
  { name: 'parts', destination: 'sip:parts@pbx.example.com' },
];

describe('createEndCallTool', () => {
  it('is an end-call tool that returns ok', async () => {
    const tool = createEndCallTool();
    expect(tool).toMatchObject({ name: 'end_call', kind: 'end-call' });
    expect(tool.timeoutMs).toBeUndefined();
    expect(tool.parameters).toMatchObject({
      type: 'object',
      properties: { reason: { type: 'string' } },
    });
    expect(await tool.execute({ reason: 'caller said goodbye' }, context)).toEqual({ ok: true });
    expect(await tool.execute({}, context)).toEqual({ ok: true });
  });
});

describe('createTransferCallTool', () => {
  const tool = createTransferCallTool(destinations, { timeoutMs: 5000 });

  it('offers the configured names as an enum and describes them', () => {
    expect(tool).toMatchObject({ name: 'transfer_call', kind: 'transfer', timeoutMs: 5000 });
    expect(tool.parameters).toEqual({
      type: 'object',
      properties: {
        destination: {
          type: 'string',
          enum: ['service-advisor', 'parts'],
          description: expect.any(String),
        },
      },
      required: ['destination'],
      additionalProperties: false,
    });
    expect(tool.description).toContain('service-advisor: Repair quotes and complaints.');
    expect(tool.description).toContain('- parts');
  });

  it('returns the number or SIP URI of the chosen destination', async () => {
    expect(await tool.execute({ destination: 'service-advisor' }, context)).toEqual({
      destination: '+15551234567',
      name: 'service-advisor',
    });
    expect(await tool.execute({ destination: 'parts' }, context)).toMatchObject({
      destination: 'sip:parts@pbx.example.com',
    });
  });

  it('rejects an unknown or missing name with a message the model can act on', async () => {
    await expect(tool.execute({ destination: '+15550000000' }, context)).rejects.toThrow(
      'Unknown transfer destination "+15550000000". Use one of: service-advisor, parts.',
    );
    const failure = await tool.execute({}, context).catch((error: unknown) => error);
    expect(SwitchboardError.isInstance(failure)).toBe(true);
    expect((failure as SwitchboardError).code).toBe('unknown_transfer_destination');
  });

  it('refuses to exist without destinations', () => {
    expect(() => createTransferCallTool([])).toThrow(ConfigError);
  });
});

describe('buildAgentTools', () => {
  it('builds the listed tools in order with the agent timeout', () => {
    const [agent] = parseProvisioning({
      agents: [
        {
          name: 'desk',
          instructions: 'x',
          stt: { provider: 'deepgram' },
          llm: { provider: 'openai', model: 'm' },
          tts: { provider: 'flite' },
          tools: ['transfer_call', 'end_call'],
          transferDestinations: destinations,
          toolTimeoutMs: 2500,
        },
      ],
    }).agents;
    const tools = buildAgentTools(agent!);
    expect(tools.map((tool) => [tool.name, tool.kind, tool.timeoutMs])).toEqual([
      ['transfer_call', 'transfer', 2500],
      ['end_call', 'end-call', 2500],
    ]);
  });

  it('builds nothing for an agent without tools', () => {
    const [agent] = parseProvisioning({
      agents: [
        {
          name: 'a',
          instructions: 'x',
          stt: { provider: 'deepgram' },
          llm: { provider: 'openai', model: 'm' },
          tts: { provider: 'flite' },
        },
      ],
    }).agents;
    expect(buildAgentTools(agent!)).toEqual([]);
  });
});
