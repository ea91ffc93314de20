import type { PhoneNumber } from '../../api/admin-types.js';
import './admin.css';
import { loadAgentsAndNumbers } from './agents-and-numbers.js';
import { EmptyNotice } from './notices.js';
import { NumberAddForm } from './number-add-form.js';
import { NumberCard } from './number-card.js';
import { ResourceView } from './resource-view.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';

/** Phone numbers: who answers each, and what to paste into the carrier's console. */
export function NumbersPage() {
  const canEdit = useCanEdit();
  const resource = useResource(loadAgentsAndNumbers, []);
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
      <ResourceView resource={resource} what="numbers">
        {({ numbers, agents }) => (
          <>
            {canEdit && (
              <NumberAddForm
                agents={agents}
                onAdded={(number) => replaceNumbers([...numbers, number])}
              />
            )}
            {numbers.length === 0 && (
              <EmptyNotice>
                <p>No numbers yet.</p>
              </EmptyNotice>
            )}
            {numbers.map((number) => (
              <NumberCard
                key={number.id}
                number={number}
                agents={agents}
                canEdit={canEdit}
                onChanged={(changed) =>
                  replaceNumbers(
                    numbers.map((entry) => (entry.id === changed.id ? changed : entry)),
                  )
                }
                onRemoved={(id) => replaceNumbers(numbers.filter((entry) => entry.id !== id))}
              />
            ))}
          </>
        )}
      </ResourceView>
    </section>
  );
}
