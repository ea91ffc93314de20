import { describe, expect, it } from 'vitest';
import { createAgentRegistry, normalizePhoneNumber, renderAgentText } from './agent-registry.js';
import { parseProvisioning } from './load-provisioning.js';

function agent(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    instructions: `You are {{role}} at {{business_name}}.`,
    stt: { provider: 'deepgram' },
    llm: { provider: 'openai', model: 'fake-demo' },
    tts: { provider: 'flite' },
    ...extra,
  };
}

const provisioning = parseProvisioning({
  agents: [
    agent('service-desk', {
      firstMessage: 'Thanks for calling {{business_name}}!',
      variables: { business_name: 'Acme Motors', role: 'the service desk' },
    }),
    agent('sales'),
  ],
  numbers: [
    { number: '+15551230000', agent: 'service-desk' },
    { number: '+442071234567', agent: 'sales', carrier: 'signalwire' },
  ],
});

describe('createAgentRegistry', () => {
  const registry = createAgentRegistry(provisioning);

  it('finds agents by name and by number', () => {
    expect(registry.findByName('sales')?.name).toBe('sales');
    expect(registry.findByName('nobody')).toBeUndefined();
    expect(registry.findByNumber('+15551230000')?.name).toBe('service-desk');
    expect(registry.findByNumber('+15559999999')).toBeUndefined();
    expect(registry.findNumber('+442071234567')).toEqual({
      number: '+442071234567',
      agent: 'sales',
      carrier: 'signalwire',
    });
  });

  it('matches numbers written with spaces, dashes, brackets or a lost plus', () => {
    expect(registry.findByNumber('+1 (555) 123-0000')?.name).toBe('service-desk');
    // A form body that sent "+" unencoded decodes it as a space.
    expect(registry.findByNumber(' 15551230000')?.name).toBe('service-desk');
    expect(registry.findByNumber('15551230000')?.name).toBe('service-desk');
  });

  it('exposes the agents and numbers', () => {
    expect(registry.agents.map((entry) => entry.name)).toEqual(['service-desk', 'sales']);
    expect(registry.numbers).toHaveLength(2);
  });
});

describe('normalizePhoneNumber', () => {
  it('keeps SIP URIs and other text recognisable', () => {
    expect(normalizePhoneNumber('sip:desk@pbx.example.com')).toBe('sip:desk@pbx.example.com');
    expect(normalizePhoneNumber('anonymous')).toBe('anonymous');
  });
});

describe('renderAgentText', () => {
  it('fills instructions and greeting, call variables overriding defaults', () => {
    const serviceDesk = provisioning.agents[0]!;
    const rendered = renderAgentText(serviceDesk, { business_name: 'Acme Motors North' });
    expect(rendered).toEqual({
      instructions: 'You are the service desk at Acme Motors North.',
      firstMessage: 'Thanks for calling Acme Motors North!',
      missing: [],
    });
  });

  it('reports placeholders with no value and keeps an absent greeting absent', () => {
    const rendered = renderAgentText(provisioning.agents[1]!);
    expect(rendered).toEqual({
      instructions: 'You are  at .',
      firstMessage: undefined,
      missing: ['role', 'business_name'],
    });
  });
});
