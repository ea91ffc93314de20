import type { ComponentChildren } from 'preact';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import type { Resource } from './use-resource.js';

/**
 * What the admin pages show of a request: its failure, "Loading …" until the first answer, then
 * `children` with the data. A failed reload keeps the older data on screen under the error.
 *
 * @example
 * <ResourceView resource={users} what="users">
 *   {(list) => <UsersTable users={list.data} />}
 * </ResourceView>
 */
export function ResourceView<T>(props: {
  resource: Resource<T>;
  /** What is loading, for "Loading users…". */
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  const { data, error } = props.resource;
  return (
    <>
      {error !== undefined && <ErrorNotice error={error} />}
      {data !== undefined
        ? props.children(data)
        : error === undefined && <Loading label={`Loading ${props.what}…`} />}
    </>
  );
}
