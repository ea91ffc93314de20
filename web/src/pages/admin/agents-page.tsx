import { apiGet } from '../../api/client.js';
import './admin.css';
import { PROVIDER_LABELS } from './agent-options.js';
import type { ListEnvelope, PhoneNumber, StoredAgent } from './api-types.js';
import { formatDateTime } from './format.js';
import { EmptyNotice, ErrorNotice, LoadingNotice } from './notices.js';
import { getPath, readText } from './object-paths.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';

interface AgentsData {
  readonly agents: readonly StoredAgent[];
  readonly numbers: readonly PhoneNumber[];
}

async function loadAgents(): Promise<AgentsData> {
  const [agents, numbers] = await Promise.all([
    apiGet<ListEnvelope<StoredAgent>>('/v1/agents'),
    apiGet<ListEnvelope<PhoneNumber>>('/v1/phone-numbers'),
  ]);
  return { agents: agents.data, numbers: numbers.data };
}

function voiceOf(agent: StoredAgent): string {
  const provider = readText(getPath(agent.definition, 'tts.provider'));
  const voice = readText(getPath(agent.definition, 'tts.voice'));
  const name = (PROVIDER_LABELS[provider] ?? provider).replace(/ \(.*\)$/, '');
  return voice === '' ? `${name}, default voice` : `${name}, ${voice}`;
}

function AgentRow({ agent, numbers }: { agent: StoredAgent; numbers: readonly PhoneNumber[] }) {
  const assigned = numbers.filter((number) => number.inboundAgentId === agent.id);
  return (
    <tr>
      <th scope="row" id={`agent-${agent.id}`}>
        <a href={`/agents/${agent.id}`}>{agent.name}</a>
      </th>
      <td>{readText(getPath(agent.definition, 'language'), 'en')}</td>
      <td>{voiceOf(agent)}</td>
      <td class="number">{agent.version}</td>
      <td>
        {assigned.length === 0 ? (
          <span class="muted">None</span>
        ) : (
          assigned.map((number) => <div key={number.id}>{number.number}</div>)
        )}
      </td>
      <td>{formatDateTime(agent.updatedAt)}</td>
      <td>
        <a
          class="button small"
          href={`/agents/${agent.id}/test-call`}
          aria-describedby={`agent-${agent.id}`}
        >
          Test call
        </a>
      </td>
    </tr>
  );
}

/** Every agent of the organisation, with its voice, version and the numbers it answers. */
export function AgentsPage() {
  const canEdit = useCanEdit();
  const resource = useResource(loadAgents, []);
  const data = resource.data;
  return (
    <section class="page admin-page">
      <header class="page-header">
        <h1>Agents</h1>
        {canEdit && (
          <a class="button primary" href="/agents/new">
            New agent
          </a>
        )}
      </header>
      {resource.error !== undefined && <ErrorNotice error={resource.error} />}
      {data === undefined && resource.error === undefined && <LoadingNotice what="agents" />}
      {data !== undefined && data.agents.length === 0 && (
        <EmptyNotice>
          <p>No agents yet.</p>
          <p class="muted">
            An agent answers calls with its instructions, voice and tools.
            {canEdit ? ' Create one with “New agent”.' : ''}
          </p>
        </EmptyNotice>
      )}
      {data !== undefined && data.agents.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <caption class="visually-hidden">Agents</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Language</th>
                <th scope="col">Voice</th>
                <th scope="col" class="number">
                  Version
                </th>
                <th scope="col">Numbers</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.agents.map((agent) => (
                <AgentRow key={agent.id} agent={agent} numbers={data.numbers} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
