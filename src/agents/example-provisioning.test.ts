import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAgentRegistry, renderAgentText } from './agent-registry.js';
import { buildAgentTools } from './build-agent-tools.js';
import { loadProvisioning } from './load-provisioning.js';

const examplePath = fileURLToPath(new URL('../../config/example.yaml', import.meta.url));

describe('config/example.yaml', () => {
  it('is a valid provisioning file for the demo providers', () => {
    const provisioning = loadProvisioning(examplePath);
    const registry = createAgentRegistry(provisioning);
    const agent = registry.findByNumber('+15550100000');
    expect(agent?.name).toBe('service-desk');
    expect(agent?.stt.provider).toBe('deepgram');
    expect(agent?.llm).toMatchObject({ provider: 'openai', model: 'fake-demo' });
    expect(agent?.tts).toMatchObject({ provider: 'elevenlabs', voice: '21m00Tcm4TlvDq8ikWAM' });
    expect(buildAgentTools(agent!).map((tool) => tool.name)).toEqual(['end_call', 'transfer_call']);
  });

  it('renders its prompt and greeting without missing variables', () => {
    const agent = createAgentRegistry(loadProvisioning(examplePath)).findByName('service-desk')!;
    const rendered = renderAgentText(agent);
    expect(rendered.missing).toEqual([]);
    expect(rendered.firstMessage).toContain('Acme Motors');
    expect(rendered.instructions).not.toContain('{{');
  });
});
