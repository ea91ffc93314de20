import { apiGet } from '../../api/client.js';
import './admin.css';
import type { ListEnvelope, PhoneNumber, StoredAgent } from './api-types.js';
import { NumberAddForm } from './number-add-form.js';
import { NumberCard } from './number-card.js';
import { EmptyNotice, ErrorNotice, LoadingNotice } from './notices.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';

interface NumbersData {
  readonly numbers: readonly PhoneNumber[];
  readonly agents: readonly StoredAgent[];
}

async function loadNumbers(): Promise<NumbersData> {
  const [numbers, agents] = await Promise.all([
    apiGet<ListEnvelope<PhoneNumber>>('/v1/phone-numbers'),
    apiGet<ListEnvelope<StoredAgent>>('/v1/agents'),
  ]);
  return { numbers: numbers.data, agents: agents.data };
}

/** Phone numbers: who answers each, and what to paste into the carrier's console. */
export function NumbersPage() {
  const canEdit = useCanEdit();
  const resource = useResource(loadNumbers, []);
  const data = resource.data;
  const replaceNumbers = (numbers: readonly PhoneNumber[]) => {
    if (data !== undefined) resource.setData({ ...data, numbers });
  };
  return (
    <section class="page admin-page">
      <header class="page-header">
        <h1>Numbers</h1>
      </header>
      <p class="muted">
        Buy numbers at Twilio or SignalWire, add them here, then paste the two webhook URLs shown
        for each number into the carrier's console.
      </p>
      {resource.error !== undefined && <ErrorNotice error={resource.error} />}
      {data === undefined && resource.error === undefined && <LoadingNotice what="numbers" />}
      {data !== undefined && canEdit && (
        <NumberAddForm
          agents={data.agents}
          onAdded={(number) => replaceNumbers([...data.numbers, number])}
        />
      )}
      {data !== undefined && data.numbers.length === 0 && (
        <EmptyNotice>
          <p>No numbers yet.</p>
        </EmptyNotice>
      )}
      {data?.numbers.map((number) => (
        <NumberCard
          key={number.id}
          number={number}
          agents={data.agents}
          canEdit={canEdit}
          onChanged={(changed) =>
            replaceNumbers(data.numbers.map((entry) => (entry.id === changed.id ? changed : entry)))
          }
          onRemoved={(id) => replaceNumbers(data.numbers.filter((entry) => entry.id !== id))}
        />
      ))}
    </section>
  );
}
