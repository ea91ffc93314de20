/** A polite "Loading…" line for screen readers and sighted users alike. */
export function Loading(props: { label?: string }) {
  return (
    <p class="muted" role="status">
      {props.label ?? 'Loading…'}
    </p>
  );
}
