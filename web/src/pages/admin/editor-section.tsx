import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** One titled block of the agent editor, a landmark a screen reader can jump to. */
export function EditorSection({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ComponentChildren;
  children: ComponentChildren;
}) {
  const id = useId();
  return (
    <section class="card admin-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro !== undefined && <p class="muted admin-intro">{intro}</p>}
      <div class="admin-form-grid">{children}</div>
    </section>
  );
}
