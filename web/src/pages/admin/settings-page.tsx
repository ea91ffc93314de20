import type { ComponentChild } from 'preact';
import './admin.css';
import { SettingsApiKeysTab } from './settings-api-keys-tab.js';
import { SettingsCredentialsTab } from './settings-credentials-tab.js';
import { SettingsEmailTab } from './settings-email-tab.js';
import { SettingsUsersTab } from './settings-users-tab.js';
import { SettingsWebhooksTab } from './settings-webhooks-tab.js';

const TABS: readonly { id: string; label: string; render: () => ComponentChild }[] = [
  { id: 'credentials', label: 'Credentials', render: () => <SettingsCredentialsTab /> },
  { id: 'webhooks', label: 'Webhooks', render: () => <SettingsWebhooksTab /> },
  { id: 'email', label: 'Email', render: () => <SettingsEmailTab /> },
  { id: 'api-keys', label: 'API keys', render: () => <SettingsApiKeysTab /> },
  { id: 'users', label: 'Users', render: () => <SettingsUsersTab /> },
];

/**
 * Organisation settings, one section per address (/settings/webhooks …) so each can be linked to
 * and the browser's back button moves between them; the section links are plain navigation.
 */
export function SettingsPage({ tab }: { tab?: string }) {
  const active = TABS.find(
    (entry) => entry.id === (tab === undefined || tab === '' ? 'credentials' : tab),
  );
  return (
    <section class="page admin-page">
      <header class="page-header">
        <h1>Settings</h1>
      </header>
      <nav class="admin-tabs" aria-label="Settings sections">
        <ul class="nav-links">
          {TABS.map((entry) => (
            <li key={entry.id}>
              <a
                href={`/settings/${entry.id}`}
                aria-current={entry === active ? 'page' : undefined}
              >
                {entry.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {active === undefined ? (
        <div class="notice">
          There is no settings section called “{tab}”. Pick one of the sections above.
        </div>
      ) : (
        <div class="admin-tab-panel">{active.render()}</div>
      )}
    </section>
  );
}
