import type { PhoneNumber } from '../../api/admin-types.js';
import type { Agent } from '../../api/types.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/data-table.js';
import './admin.css';
import { PROVIDER_LABELS } from './agent-options.js';
import { loadAgentsAndNumbers } from './agents-and-numbers.js';
import { formatDateTime } from './format.js';
import { EmptyNotice } from './notices.js';
import { getPath, readText } from './object-paths.js';
import { ResourceView } from './resource-view.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';

const AGENT_COLUMNS = [
  'Name',
  'Language',
  'Voice',
  { label: 'Version', numeric: true },
  'Numbers',
  'Updated',
  ACTIONS_COLUMN,
] as const;

function voiceOf(agent: Agent): string {
  const provider = readText(getPath(agent.definition, 'tts.provider'));
  const voice = readText(getPath(agent.definition, 'tts.voice'));
  const name = (PROVIDER_LABELS[provider] ?? provider).replace(/ \(.*\)$/, '');
  return voice === '' ? `${name}, default voice` : `${name}, ${voice}`;
}

function AgentRow({ agent, numbers }: { agent: Agent; numbers: readonly PhoneNumber[] }) {
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
  const resource = useResource(loadAgentsAndNumbers, []);
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
      <ResourceView resource={resource} what="agents">
        {({ agents, numbers }) =>
          agents.length === 0 ? (
            <EmptyNotice>
              <p>No agents yet.</p>
              <p class="muted">
                An agent answers calls with its instructions, voice and tools.
                {canEdit ? ' Create one with “New agent”.' : ''}
              </p>
            </EmptyNotice>
          ) : (
            <DataTable caption="Agents" columns={AGENT_COLUMNS}>
              {agents.map((agent) => (
                <AgentRow key={agent.id} agent={agent} numbers={numbers} />
              ))}
            </DataTable>
          )
        }
      </ResourceView>
    </section>
  );
}
