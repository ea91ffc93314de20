import { apiGet, apiSend } from '../../api/client.js';
import type { ListEnvelope, User } from './api-types.js';
import { formatDateTime } from './format.js';
import { ErrorNotice, LoadingNotice } from './notices.js';
import { useAction } from './use-action.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';
import { UserInviteForm } from './user-invite-form.js';

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
      {removal.error !== undefined && (
        <p class="error-notice" role="alert">
          {removal.error}
        </p>
      )}
      {resource.error !== undefined && <ErrorNotice error={resource.error} />}
      {users === undefined && resource.error === undefined && <LoadingNotice what="users" />}
      {users !== undefined && (
        <div class="table-scroll">
          <table class="table">
            <caption class="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
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
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
