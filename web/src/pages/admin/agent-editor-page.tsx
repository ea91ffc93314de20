import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import './admin.css';
import { AgentAnalysisSection } from './agent-analysis-section.js';
import { AgentBasicsSection } from './agent-basics-section.js';
import { agentFieldLabel } from './agent-field-labels.js';
import { AgentModelsSection } from './agent-models-section.js';
import { AgentToolsSection } from './agent-tools-section.js';
import { AgentTransferSection } from './agent-transfer-section.js';
import { AgentTurnTakingSection } from './agent-turn-taking-section.js';
import { AgentVersionsPanel } from './agent-versions-panel.js';
import { AgentVoiceSection } from './agent-voice-section.js';
import { FormProblemSummary } from './form-problem-summary.js';
import { EmptyNotice } from './notices.js';
import { getPath, readText } from './object-paths.js';
import { useAgentEditor } from './use-agent-editor.js';
import { useCanEdit } from './use-can-edit.js';

function savedVoiceOf(definition: Readonly<Record<string, unknown>>): string {
  const part = (key: string) => readText(getPath(definition, `tts.${key}`));
  return `${part('provider')}/${part('voice')}/${part('model')}`;
}

/** Creates an agent (no `agentId`) or edits one, with its versions beside the form. */
export function AgentEditorPage({ agentId }: { agentId?: string }) {
  const canEdit = useCanEdit();
  const { load, agent, editor, problem, saving, saved, save } = useAgentEditor(agentId, canEdit);

  if (load.kind === 'loading') {
    return (
      <section class="page">
        <Loading label="Loading the agent…" />
      </section>
    );
  }
  if (load.kind === 'missing' || load.kind === 'failed') {
    return (
      <section class="page admin-page">
        <h1>
          {load.kind === 'missing' ? 'This agent does not exist' : 'The agent could not be loaded'}
        </h1>
        {load.kind === 'failed' ? (
          <ErrorNotice error={load.error} />
        ) : (
          <EmptyNotice>
            <p>It may have been archived, or the link is wrong.</p>
          </EmptyNotice>
        )}
        <p>
          <a href="/agents">Back to agents</a>
        </p>
      </section>
    );
  }

  const creating = agent === undefined;
  return (
    <section class="page admin-page">
      <header class="page-header">
        <div>
          <p class="admin-breadcrumb">
            <a href="/agents">Agents</a>
          </p>
          <h1>{creating ? 'New agent' : agent.name}</h1>
        </div>
        {!creating && (
          <span class="muted">
            Version {agent.version}
            {agent.source === 'provisioning-file' ? ' · from the provisioning file' : ''}
          </span>
        )}
      </header>
      {!canEdit && <p class="notice">Your account can view agents but not change them.</p>}
      <div class={creating ? 'admin-editor' : 'admin-editor with-side'}>
        <form
          class="admin-editor-form stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {problem !== undefined && (
            <FormProblemSummary problem={problem} labelOf={agentFieldLabel} />
          )}
          <AgentBasicsSection editor={editor} />
          <AgentVoiceSection
            editor={editor}
            canPreview={canEdit}
            {...(creating ? {} : { agentId: agent.id, savedVoice: savedVoiceOf(agent.definition) })}
          />
          <AgentModelsSection editor={editor} />
          <AgentTurnTakingSection editor={editor} />
          <AgentToolsSection editor={editor} />
          <AgentTransferSection editor={editor} />
          <AgentAnalysisSection editor={editor} />
          {canEdit && (
            <div class="admin-save-bar">
              <button type="submit" class="button primary" disabled={saving}>
                {creating ? 'Create agent' : 'Save'}
              </button>
              <span role="status" class="muted">
                {saving
                  ? 'Saving…'
                  : saved === undefined
                    ? ''
                    : saved.changed
                      ? `Saved as version ${saved.version}.`
                      : `Nothing changed; still version ${saved.version}.`}
              </span>
            </div>
          )}
        </form>
        {!creating && <AgentVersionsPanel agentId={agent.id} version={agent.version} />}
      </div>
    </section>
  );
}
