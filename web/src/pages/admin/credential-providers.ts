import type { CredentialProvider } from '../../api/admin-types.js';

/** One input of a provider's credential form (src/platform/tenancy/provider-credentials.ts). */
export interface CredentialInput {
  readonly key: string;
  readonly label: string;
  readonly secret: boolean;
  readonly optional: boolean;
  readonly hint?: string;
}

export interface CredentialProviderInfo {
  readonly provider: CredentialProvider;
  readonly name: string;
  readonly purpose: string;
  readonly inputs: readonly CredentialInput[];
}

const baseUrl: CredentialInput = {
  key: 'baseUrl',
  label: 'Base URL',
  secret: false,
  optional: true,
  hint: "Only for a compatible server or proxy; empty uses the provider's own.",
};

const apiKey = (hint: string): CredentialInput => ({
  key: 'apiKey',
  label: 'API key',
  secret: true,
  optional: false,
  hint,
});

export const CREDENTIAL_PROVIDERS: readonly CredentialProviderInfo[] = [
  {
    provider: 'openai',
    name: 'OpenAI',
    purpose: 'Language model, and speech or voice when an agent picks OpenAI.',
    inputs: [apiKey('From platform.openai.com → API keys.'), baseUrl],
  },
  {
    provider: 'deepgram',
    name: 'Deepgram',
    purpose: 'Speech recognition, and Aura voices.',
    inputs: [apiKey('From the Deepgram console → API Keys.'), baseUrl],
  },
  {
    provider: 'elevenlabs',
    name: 'ElevenLabs',
    purpose: 'Voices.',
    inputs: [apiKey('From elevenlabs.io → Developers → API keys.'), baseUrl],
  },
  {
    provider: 'twilio',
    name: 'Twilio',
    purpose: 'Phone numbers at Twilio; the auth token also checks webhook signatures.',
    inputs: [
      {
        key: 'accountSid',
        label: 'Account SID',
        secret: false,
        optional: false,
        hint: 'AC followed by 32 hex digits.',
      },
      { key: 'authToken', label: 'Auth token', secret: true, optional: false },
      {
        key: 'apiBaseUrl',
        label: 'API base URL',
        secret: false,
        optional: true,
        hint: 'Leave empty outside tests.',
      },
    ],
  },
  {
    provider: 'signalwire',
    name: 'SignalWire',
    purpose: 'Phone numbers at SignalWire.',
    inputs: [
      { key: 'projectId', label: 'Project ID', secret: false, optional: false },
      { key: 'apiToken', label: 'API token', secret: true, optional: false },
      {
        key: 'spaceUrl',
        label: 'Space URL',
        secret: false,
        optional: false,
        hint: 'e.g. example.signalwire.com',
      },
      {
        key: 'signingKey',
        label: 'Signing key',
        secret: true,
        optional: true,
        hint: 'Checks webhook signatures; from the SignalWire dashboard, not the API token.',
      },
      {
        key: 'apiBaseUrl',
        label: 'API base URL',
        secret: false,
        optional: true,
        hint: 'Leave empty outside tests.',
      },
    ],
  },
];
