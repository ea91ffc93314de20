import { useState } from 'preact/hooks';
import { apiSend } from '../../api/client.js';
import type { WebhookEndpoint } from '../../api/webhook-types.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';
import { messagesFor, toFormProblem, type FormProblem } from './field-errors.js';
import { FormCard } from './form-card.js';
import { CheckboxField, TextField } from './form-fields.js';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from './webhook-events.js';

/** The answer to a create: the endpoint and, this once, its signing secret. */
export type CreatedEndpoint = WebhookEndpoint & { readonly secret: string };

/** Adds an endpoint: where to POST and which events (all, or a chosen few). */
export function WebhookEndpointForm({
  onCreated,
}: {
  onCreated: (endpoint: CreatedEndpoint) => void;
}) {
  const [url, setUrl] = useState('https://');
  const [description, setDescription] = useState('');
  const [allEvents, setAllEvents] = useState(true);
  const [events, setEvents] = useState<readonly string[]>([]);
  const form = useFormSubmit<FormProblem>({
    describe: toFormProblem,
    check: () =>
      !allEvents && events.length === 0
        ? {
            summary: '',
            fields: [{ path: 'events', message: 'Pick at least one event, or all events.' }],
          }
        : undefined,
    send: async () => {
      const created = await apiSend<CreatedEndpoint>('POST', '/v1/webhook-endpoints', {
        url: url.trim(),
        events: allEvents ? [ALL_EVENTS] : events,
        ...(description.trim() === '' ? {} : { description: description.trim() }),
      });
      onCreated(created);
      setUrl('https://');
      setDescription('');
    },
  });
  const { problem } = form;

  const eventErrors = problem?.fields.filter((field) => field.path.startsWith('events')) ?? [];
  return (
    <FormCard
      titleId="new-endpoint-title"
      title="Add an endpoint"
      form={form}
      shown={['url', 'description', ...eventErrors.map((field) => field.path)]}
      submitLabel="Add endpoint"
      busyLabel="Adding…"
    >
      <TextField
        label="Endpoint URL"
        type="url"
        value={url}
        onValue={setUrl}
        required
        errors={messagesFor(problem, 'url')}
        hint="Events are POSTed here as JSON, signed with the endpoint's secret."
      />
      <TextField
        label="Description"
        value={description}
        onValue={setDescription}
        errors={messagesFor(problem, 'description')}
        hint="Optional: what receives these events."
      />
      <fieldset class="admin-fieldset admin-wide">
        <legend>Events</legend>
        {eventErrors.length > 0 && (
          <p class="field-error" role="alert">
            {eventErrors.map((field) => field.message).join(' ')}
          </p>
        )}
        <CheckboxField
          label="All events"
          checked={allEvents}
          onValue={setAllEvents}
          hint="Every event type there is today; types added later are not included."
        />
        {!allEvents && (
          <div class="admin-form-grid">
            {WEBHOOK_EVENT_TYPES.map((entry) => (
              <CheckboxField
                key={entry.type}
                label={entry.type}
                hint={entry.description}
                checked={events.includes(entry.type)}
                onValue={(on) =>
                  setEvents(
                    on ? [...events, entry.type] : events.filter((type) => type !== entry.type),
                  )
                }
              />
            ))}
          </div>
        )}
      </fieldset>
    </FormCard>
  );
}
