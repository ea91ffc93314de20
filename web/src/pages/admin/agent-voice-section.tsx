import { useId } from 'preact/hooks';
import {
  ELEVENLABS_VOICE_ID_PATTERN,
  PROVIDER_LABELS,
  TTS_DEFAULTS,
  TTS_PROVIDERS,
  TTS_VOICE_SUGGESTIONS,
  type TtsProvider,
} from './agent-options.js';
import { EditorSection } from './editor-section.js';
import { SelectField, TextField } from './form-fields.js';
import type { DraftEditor } from './use-agent-editor.js';
import { VoicePreview } from './voice-preview.js';

const providerOptions = TTS_PROVIDERS.map((value) => ({
  value,
  label: PROVIDER_LABELS[value] ?? value,
}));

function isTtsProvider(value: string): value is TtsProvider {
  return (TTS_PROVIDERS as readonly string[]).includes(value);
}

function voiceHint(provider: TtsProvider, voice: string): string {
  if (provider === 'elevenlabs') {
    const looksRight = voice === '' || ELEVENLABS_VOICE_ID_PATTERN.test(voice);
    return looksRight
      ? 'Required: the 20-character voice id from the ElevenLabs voice library, e.g. 21m00Tcm4TlvDq8ikWAM.'
      : 'This does not look like an ElevenLabs voice id (20 letters and digits); a voice name will not work.';
  }
  const fallback = TTS_DEFAULTS[provider].voice;
  const suggestions = TTS_VOICE_SUGGESTIONS[provider];
  return `${fallback === undefined ? '' : `Empty uses ${fallback}. `}${
    suggestions.length > 0 ? `For example: ${suggestions.join(', ')}.` : ''
  }`;
}

/** Text-to-speech provider, voice and model, with a preview of the saved voice. */
export function AgentVoiceSection({
  editor,
  agentId,
  savedVoice,
  canPreview,
}: {
  editor: DraftEditor;
  canPreview: boolean;
  agentId?: string;
  /** `provider/voice/model` as saved, to tell whether the preview still matches the form. */
  savedVoice?: string;
}) {
  const listId = useId();
  const { draft, disabled } = editor;
  const provider = isTtsProvider(draft.texts['tts.provider'])
    ? draft.texts['tts.provider']
    : 'flite';
  const voice = draft.texts['tts.voice'];
  const current = `${provider}/${voice}/${draft.texts['tts.model']}`;
  const defaultModel = TTS_DEFAULTS[provider].model;
  return (
    <EditorSection title="Voice">
      <SelectField
        label="Voice provider"
        value={provider}
        options={providerOptions}
        onValue={(value) => editor.setText('tts.provider', value)}
        disabled={disabled}
        errors={editor.errorsAt('tts.provider')}
      />
      <div>
        <TextField
          label="Voice id"
          value={voice}
          onValue={(value) => editor.setText('tts.voice', value)}
          disabled={disabled}
          errors={editor.errorsAt('tts.voice')}
          hint={voiceHint(provider, voice)}
          list={listId}
        />
        <datalist id={listId}>
          {TTS_VOICE_SUGGESTIONS[provider].map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      </div>
      <TextField
        label="Voice model"
        value={draft.texts['tts.model']}
        onValue={(value) => editor.setText('tts.model', value)}
        disabled={disabled}
        errors={editor.errorsAt('tts.model')}
        hint={
          defaultModel === undefined
            ? "Empty uses the provider's default."
            : `Empty uses ${defaultModel}.`
        }
      />
      <VoicePreview
        {...(agentId === undefined ? {} : { agentId })}
        unsaved={savedVoice !== undefined && savedVoice !== current}
        allowed={canPreview}
      />
    </EditorSection>
  );
}
