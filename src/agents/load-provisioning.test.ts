import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { loadProvisioning, parseProvisioning, parseProvisioningText } from './load-provisioning.js';
import { DEFAULT_SILENCE, DEFAULT_TURN_TAKING } from './provisioning-defaults.js';
import { ProvisioningError } from './provisioning-error.js';

const VOICE = '21m00Tcm4TlvDq8ikWAM';

function agent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'service-desk',
    instructions: 'You are the service desk.',
    stt: { provider: 'deepgram' },
    llm: { provider: 'openai', model: 'fake-demo' },
    tts: { provider: 'elevenlabs', voice: VOICE },
    ...overrides,
  };
}

/** Problems as `path: message` lines, for compact assertions. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ProvisioningError)
      return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ProvisioningError');
}

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'switchboard-provisioning-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('parseProvisioning', () => {
  it('applies every default so consumers get complete objects', () => {
    const provisioning = parseProvisioning({ agents: [agent()] });
    const [first] = provisioning.agents;
    expect(first).toEqual({
      name: 'service-desk',
      instructions: 'You are the service desk.',
      firstMessage: undefined,
      language: 'en',
      stt: { provider: 'deepgram', options: {} },
      llm: { provider: 'openai', model: 'fake-demo', options: {} },
      tts: { provider: 'elevenlabs', voice: VOICE, options: {} },
      turnTaking: DEFAULT_TURN_TAKING,
      silence: DEFAULT_SILENCE,
      maxDurationMs: 1_800_000,
      tools: [],
      transferDestinations: [],
      httpTools: [],
      variables: {},
      toolTimeoutMs: 10_000,
      analysis: {
        enabled: true,
        summary: true,
        sentiment: true,
        voicemail: true,
        fields: {},
      },
    });
    expect(provisioning.numbers).toEqual([]);
  });

  it('fills the rest of a partly given turn-taking block', () => {
    const provisioning = parseProvisioning({
      agents: [
        agent({ turnTaking: { vad: { minSilenceMs: 500 }, interruption: { minWords: 2 } } }),
      ],
    });
    const turnTaking = provisioning.agents[0]?.turnTaking;
    expect(turnTaking?.vad).toEqual({ ...DEFAULT_TURN_TAKING.vad, minSilenceMs: 500 });
    expect(turnTaking?.endpointing).toEqual(DEFAULT_TURN_TAKING.endpointing);
    expect(turnTaking?.interruption).toEqual({ ...DEFAULT_TURN_TAKING.interruption, minWords: 2 });
  });

  it('keeps a given analysis block; without a model the agent’s own is used when it runs', () => {
    const fields = {
      service_requested: { type: 'string', description: 'What service the caller asked for' },
      appointment_booked: { type: 'boolean' },
      vehicle: {
        type: 'object',
        properties: {
          make: { type: 'string' },
          year: { type: 'integer' },
          issues: { type: 'array', items: { type: 'string', enum: ['noise', 'leak'] } },
        },
        required: ['make'],
      },
      preferred_date: { type: 'string', format: 'date' },
      urgency: { enum: ['low', 'high'] },
    };
    const [withGoal, withModel] = parseProvisioning({
      agents: [
        agent({ analysis: { goal: 'Book a service appointment', sentiment: false, fields } }),
        agent({ name: 'sales', analysis: { model: 'gpt-4o-mini', enabled: false } }),
      ],
    }).agents;
    expect(withGoal?.analysis).toEqual({
      enabled: true,
      summary: true,
      sentiment: false,
      goal: 'Book a service appointment',
      voicemail: true,
      fields,
    });
    expect(withModel?.analysis).toMatchObject({ enabled: false, model: 'gpt-4o-mini', fields: {} });
  });

  it('names the field and the fix when an analysis field schema is wrong', () => {
    const problems = problemsOf(() =>
      parseProvisioning({
        agents: [
          agent({
            analysis: {
              fields: {
                Callback: { type: 'string' },
                service_requested: { type: 'strng' },
                parts: { type: 'array' },
                vehicle: {
                  type: 'object',
                  properties: { make: { tpe: 'string' } },
                  required: ['year'],
                },
                rating: { type: 'integer', enum: [1.5] },
                count: { type: 'number', format: 'email' },
                anything: {},
              },
            },
          }),
        ],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agents\[0\]\.analysis\.fields\.Callback: field names must start/),
        expect.stringMatching(
          /^agents\[0\]\.analysis\.fields\.service_requested\.type: must be one of string, number/,
        ),
        'agents[0].analysis.fields.parts.items: is missing: an array needs items, the schema of each item',
        expect.stringMatching(
          /^agents\[0\]\.analysis\.fields\.vehicle\.properties\.make: unknown setting "tpe" \(did you mean "type"\?\)/,
        ),
        'agents[0].analysis.fields.vehicle.required[0]: "year" is not one of the properties',
        "agents[0].analysis.fields.rating.enum[0]: must be of the field's type, integer",
        'agents[0].analysis.fields.count.format: only strings have a format',
        expect.stringMatching(/^agents\[0\]\.analysis\.fields\.anything: needs a type/),
      ]),
    );
    const tooMany = Object.fromEntries(
      Array.from({ length: 31 }, (_, index) => [`field_${index}`, { type: 'string' }]),
    );
    expect(
      problemsOf(() => parseProvisioning({ agents: [agent({ analysis: { fields: tooMany } })] })),
    ).toEqual(['agents[0].analysis.fields: lists 31 fields; at most 30 are allowed']);
  });

  it('deeply freezes the result', () => {
    const provisioning = parseProvisioning({ agents: [agent({ variables: { a: 'b' } })] });
    expect(Object.isFrozen(provisioning.agents)).toBe(true);
    expect(Object.isFrozen(provisioning.agents[0]?.turnTaking.vad)).toBe(true);
    expect(Object.isFrozen(provisioning.agents[0]?.variables)).toBe(true);
  });

  it('turns numeric and boolean variables into text and a null firstMessage into none', () => {
    const provisioning = parseProvisioning({
      agents: [agent({ firstMessage: null, variables: { year: 2024, vip: true, name: 'Acme' } })],
    });
    expect(provisioning.agents[0]?.variables).toEqual({ year: '2024', vip: 'true', name: 'Acme' });
    expect(provisioning.agents[0]?.firstMessage).toBeUndefined();
  });

  it('accepts E.164 numbers and SIP URIs as transfer destinations', () => {
    const provisioning = parseProvisioning({
      agents: [
        agent({
          tools: ['end_call', 'transfer_call'],
          transferDestinations: [
            { name: 'advisor', destination: '+15551234567' },
            {
              name: 'desk',
              destination: 'sip:desk@pbx.example.com:5060;transport=tcp',
              description: 'Front desk',
            },
            { name: 'trunk', destination: 'sips:pbx.example.com' },
          ],
        }),
      ],
      numbers: [{ number: '+15551230000', agent: 'service-desk' }],
    });
    expect(provisioning.agents[0]?.transferDestinations).toHaveLength(3);
    expect(provisioning.numbers).toEqual([
      { number: '+15551230000', agent: 'service-desk', carrier: 'twilio' },
    ]);
  });

  it('rejects the mistakes the brief lists, each with a path and a fix', () => {
    const problems = problemsOf(() =>
      parseProvisioning({
        agents: [
          agent(),
          agent({ tts: { provider: 'elevenlabs', voice: 'Rachel' }, tools: ['transfer_call'] }),
          agent({ name: 'Front Desk' }),
        ],
        numbers: [
          { number: '+15551230000', agent: 'service-desk' },
          { number: '+15551230000', agent: 'service-desk', carrier: 'signalwire' },
          { number: '555-1234', agent: 'nobody' },
        ],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^agents\[1\]\.tts\.voice: ElevenLabs needs a voice id: 20 letters and digits/,
        ),
        expect.stringMatching(
          /^agents\[1\]\.name: "service-desk" is already the name of agents\[0\]/,
        ),
        expect.stringMatching(
          /^agents\[1\]\.tools: lists transfer_call but transferDestinations is empty/,
        ),
        expect.stringMatching(
          /^agents\[2\]\.name: must be lowercase letters, digits and single dashes/,
        ),
        expect.stringMatching(
          /^numbers\[1\]\.number: \+15551230000 is already listed at numbers\[0\]/,
        ),
        expect.stringMatching(/^numbers\[2\]\.number: must be an E\.164 phone number/),
        expect.stringMatching(
          /^numbers\[2\]\.agent: no agent is named "nobody"; use one of: service-desk, Front Desk/,
        ),
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('reports cross-field problems even when other fields of the same agent are invalid', () => {
    const problems = problemsOf(() =>
      parseProvisioning({
        agents: [
          agent({
            llm: { provider: 'anthropic', model: 'x' },
            tools: ['end_call', 'end_call'],
            transferDestinations: [
              { name: 'a', destination: '+15551234567' },
              { name: 'a', destination: 'not a number' },
            ],
            turnTaking: { endpointing: { minDelayMs: 4000 } },
            silence: { reminderAfterMs: 40_000 },
            variables: { 'first name': 'x' },
          }),
        ],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agents\[0\]\.llm\.provider: must be one of openai/),
        expect.stringMatching(/^agents\[0\]\.tools\[1\]: lists end_call twice/),
        expect.stringMatching(/^agents\[0\]\.transferDestinations\[1\]\.name: "a" is already used/),
        expect.stringMatching(
          /^agents\[0\]\.transferDestinations\[1\]\.destination: must be an E\.164 number like/,
        ),
        expect.stringMatching(
          /^agents\[0\]\.turnTaking\.endpointing\.minDelayMs: must not exceed maxDelayMs \(3000\)/,
        ),
        expect.stringMatching(
          /^agents\[0\]\.silence\.reminderAfterMs: must be shorter than hangupAfterMs \(30000\)/,
        ),
        expect.stringMatching(/^agents\[0\]\.variables\["first name"\]: variable names must be/),
      ]),
    );
  });

  it('explains unknown, missing and mistyped settings in plain words', () => {
    const problems = problemsOf(() =>
      parseProvisioning({
        agents: [
          {
            name: 'a',
            instrucions: 'typo',
            stt: { provider: 'deepgram' },
            llm: { provider: 'openai', model: 'm', temperature: 'hot' },
            tts: { provider: 'flite' },
            maxDurationMs: -5,
          },
        ],
        extra: true,
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'agents[0].instructions: is missing: add it (text)',
        expect.stringMatching(
          /^agents\[0\]: unknown setting "instrucions" \(did you mean "instructions"\?\)/,
        ),
        'agents[0].llm.temperature: must be a number (got the text "hot")',
        'agents[0].maxDurationMs: must be at least 1000',
        expect.stringMatching(/^: unknown setting "extra"/),
      ]),
    );
  });

  it('rejects a document that is not a mapping, and one without agents', () => {
    expect(problemsOf(() => parseProvisioning(null))).toEqual([
      ': the file must be a mapping with an agents: list (and optionally numbers:)',
    ]);
    expect(problemsOf(() => parseProvisioning({ agents: [] }))).toEqual([
      'agents: must list at least one agent',
    ]);
  });

  it('throws a ConfigError naming SWITCHBOARD_CONFIG and the file', () => {
    try {
      parseProvisioning({ agents: [] }, 'agents.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).setting).toBe('SWITCHBOARD_CONFIG');
      expect((error as Error).message).toContain(
        'agents.yaml agents: must list at least one agent',
      );
    }
  });
});

describe('parseProvisioningText', () => {
  it('reads YAML and JSON alike', () => {
    const yaml = `agents:\n  - name: a\n    instructions: hi\n    stt: { provider: openai }\n    llm: { provider: openai, model: m }\n    tts: { provider: openai, voice: alloy }\n`;
    const json = JSON.stringify({ agents: [agent()] });
    expect(parseProvisioningText(yaml, 'a.yaml').agents[0]?.tts.voice).toBe('alloy');
    expect(parseProvisioningText(json, 'a.json').agents[0]?.name).toBe('service-desk');
    // No telling extension: the content decides.
    expect(parseProvisioningText(json, 'provisioning.conf').agents).toHaveLength(1);
    expect(parseProvisioningText(yaml, 'provisioning.conf').agents).toHaveLength(1);
  });

  it('gives the line of each problem', () => {
    const text = [
      'agents:',
      '  - name: a',
      '    instructions: hi',
      '    stt: { provider: deepgram }',
      '    llm: { provider: openai, model: m }',
      '    tts:',
      '      provider: elevenlabs',
      '      voice: not-a-voice',
      'numbers:',
      '  - number: "+15551230000"',
      '    agent: b',
    ].join('\n');
    try {
      parseProvisioningText(text, 'agents.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProvisioningError);
      const problems = (error as ProvisioningError).problems;
      expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
        [8, 'agents[0].tts.voice'],
        [11, 'numbers[0].agent'],
      ]);
      expect((error as Error).message).toContain(
        'agents.yaml:8 agents[0].tts.voice: ElevenLabs needs a voice id',
      );
    }
  });

  it('reads an analysis block written in YAML, and points at a bad field by line', () => {
    const text = [
      'agents:',
      '  - name: a',
      '    instructions: hi',
      '    stt: { provider: openai }',
      '    llm: { provider: openai, model: gpt-4o }',
      '    tts: { provider: openai, voice: alloy }',
      '    analysis:',
      '      model: gpt-4o-mini',
      '      goal: "Book a service appointment"',
      '      fields:',
      '        service_requested: { type: string, description: "What service the caller asked for" }',
      '        appointment_booked: { type: boolean }',
      '        callback_number: { type: string }',
    ].join('\n');
    const analysis = parseProvisioningText(text, 'a.yaml').agents[0]?.analysis;
    expect(analysis).toMatchObject({ enabled: true, model: 'gpt-4o-mini', voicemail: true });
    expect(Object.keys(analysis?.fields ?? {})).toEqual([
      'service_requested',
      'appointment_booked',
      'callback_number',
    ]);
    try {
      parseProvisioningText(text.replace('{ type: boolean }', '{ type: bool }'), 'a.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(
        'a.yaml:12 agents[0].analysis.fields.appointment_booked.type: must be one of string',
      );
    }
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(problemsOf(() => parseProvisioningText('agents: [\n', 'bad.yaml'))[0]).toMatch(
      /^: is not valid YAML/,
    );
    try {
      parseProvisioningText('agents:\n  - name: a\n    name: b\n', 'dup.yaml');
      expect.unreachable();
    } catch (error) {
      const [problem] = (error as ProvisioningError).problems;
      expect(problem?.line).toBe(3);
      expect(problem?.message).toContain('not valid YAML');
    }
  });

  it('reports strict JSON syntax errors for .json files', () => {
    expect(problemsOf(() => parseProvisioningText('{"agents": [1,],}', 'bad.json'))[0]).toMatch(
      /^: is not valid JSON/,
    );
  });
});

describe('loadProvisioning', () => {
  it('reads a file from disk', () => {
    const path = join(directory, 'agents.json');
    writeFileSync(path, JSON.stringify({ agents: [agent()] }));
    expect(loadProvisioning(path).agents[0]?.name).toBe('service-desk');
  });

  it('explains a missing file and a directory', () => {
    expect(problemsOf(() => loadProvisioning(join(directory, 'nope.yaml')))[0]).toContain(
      'no such file',
    );
    expect(problemsOf(() => loadProvisioning(directory))[0]).toContain('is a directory');
  });
});
