import type { User } from '../../api/admin-types.js';
import { apiGet, apiSend } from '../../api/client.js';
import type { ListEnvelope } from '../../api/types.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/data-table.js';
import { useAction } from '../../hooks/use-action.js';
import { formatDateTime } from './format.js';
import { ActionError } from './notices.js';
import { ResourceView } from './resource-view.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';
import { UserInviteForm } from './user-invite-form.js';

const USER_COLUMNS = ['Email', 'Name', 'Role', 'Last sign-in', ACTIONS_COLUMN] as const;

/** The people who can sign in to this dashboard. */
export function SettingsUsersTab() {
  const canEdit = useCanEdit();
  const resource = useResource(() => apiGet<ListEnvelope<User>>('/v1/users'), []);
  const removal = useAction();
  const users = resource.data?.data;
  const remove = (user: User) => {
    if (!window.confirm(`Remove ${user.email}? They can no longer sign in.`)) return;
    void removal.run(async () => {
      await apiSend<undefined>('DELETE', `/v1/users/${user.id}`);
      resource.setData({ data: (users ?? []).filter((entry) => entry.id !== user.id) });
    });
  };
  return (
    <div class="stack">
      {canEdit && users !== undefined && (
        <UserInviteForm onInvited={(user) => resource.setData({ data: [...users, user] })} />
      )}
      <ActionError error={removal.error} />
      <ResourceView resource={resource} what="users">
        {({ data }) => (
          <DataTable caption="Users" columns={USER_COLUMNS}>
            {data.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.email}</th>
                <td>{user.name ?? '—'}</td>
                <td>{user.role}</td>
                <td>{user.lastLoginAt === null ? 'Never' : formatDateTime(user.lastLoginAt)}</td>
                <td>
                  {canEdit && user.role !== 'owner' && (
                    <button
                      type="button"
                      class="button danger small"
                      disabled={removal.busy}
                      onClick={() => remove(user)}
                    >
                      Remove {user.email}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ResourceView>
    </div>
  );
}
