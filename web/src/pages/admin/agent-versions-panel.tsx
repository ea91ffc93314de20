import { apiGet } from '../../api/client.js';
import type { AgentVersion, ListEnvelope } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDateTime } from './format.js';
import { useResource } from './use-resource.js';

const PART_LABELS: Readonly<Record<string, string>> = {
  name: 'name',
  instructions: 'instructions',
  firstMessage: 'first message',
  language: 'language',
  stt: 'speech recognition',
  llm: 'language model',
  tts: 'voice',
  turnTaking: 'turn-taking',
  silence: 'silence handling',
  maxDurationMs: 'longest call',
  tools: 'built-in tools',
  transferDestinations: 'transfer numbers',
  httpTools: 'HTTP tools',
  variables: 'variables',
  toolTimeoutMs: 'tool time limit',
  analysis: 'analysis',
};

/**
 * What differs from the version before, by top-level part. The API records no author, so the
 * change itself is the most useful thing to show.
 */
function describeChange(version: AgentVersion, previous: AgentVersion | undefined): string {
  if (previous === undefined) return 'Created';
  const keys = new Set([...Object.keys(version.definition), ...Object.keys(previous.definition)]);
  const changed = [...keys].filter(
    (key) => JSON.stringify(version.definition[key]) !== JSON.stringify(previous.definition[key]),
  );
  if (changed.length === 0) return 'No change to the definition';
  return `Changed ${changed.map((key) => PART_LABELS[key] ?? key).join(', ')}`;
}

/** The agent's versions, newest first, each with what changed, and a link to try it. */
export function AgentVersionsPanel({ agentId, version }: { agentId: string; version: number }) {
  const versions = useResource(
    () => apiGet<ListEnvelope<AgentVersion>>(`/v1/agents/${encodeURIComponent(agentId)}/versions`),
    [agentId, version],
  );
  const list = versions.data?.data ?? [];
  return (
    <aside class="card admin-versions" aria-labelledby="agent-versions-title">
      <h2 id="agent-versions-title">Versions</h2>
      <p>
        <a class="button" href={`/agents/${agentId}/test-call`}>
          Test call
        </a>
      </p>
      <p class="muted">
        Every saved change makes a new version; past calls keep the one that answered them.
      </p>
      {versions.error !== undefined && <ErrorNotice error={versions.error} />}
      {versions.data === undefined && versions.error === undefined && (
        <Loading label="Loading versions…" />
      )}
      <ol class="admin-version-list">
        {list.map((entry, index) => (
          <li key={entry.version}>
            <strong>Version {entry.version}</strong>
            {entry.version === version && <span class="badge accent">current</span>}
            <div class="muted">{formatDateTime(entry.createdAt)}</div>
            <div>{describeChange(entry, list[index + 1])}</div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
