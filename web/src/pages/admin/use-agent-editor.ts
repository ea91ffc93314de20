import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, apiGet, apiSend } from '../../api/client.js';
import type { Agent } from '../../api/types.js';
import { navigate } from '../../router.js';
import { toDefinition } from './agent-definition-body.js';
import { toDraft, type AgentDraft, type TextPath } from './agent-draft.js';
import { messagesFor, toFormProblem, type FormProblem } from './field-errors.js';

type ListKey = 'tools' | 'transferDestinations' | 'httpTools' | 'analysisFields';

/** What every editor section gets: the draft, setters by path, and the errors for a path. */
export interface DraftEditor {
  readonly draft: AgentDraft;
  readonly disabled: boolean;
  setText(path: TextPath, value: string): void;
  setNumber(path: string, value: number | undefined): void;
  setFlag(path: string, value: boolean): void;
  setList<K extends ListKey>(key: K, value: AgentDraft[K]): void;
  errorsAt(path: string): string[];
}

export type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'ready'; readonly agent: Agent | undefined };

/**
 * The agent editor's state: loads the agent (none when creating), keeps the draft, saves it with
 * POST (create) or PUT (replace: the route takes the whole definition), and keeps the problems
 * of the last save attempt, whether the browser or the API found them.
 */
export function useAgentEditor(agentId: string | undefined, canEdit: boolean) {
  const [load, setLoad] = useState<LoadState>(
    agentId === undefined ? { kind: 'ready', agent: undefined } : { kind: 'loading' },
  );
  const [draft, setDraft] = useState<AgentDraft>(() => toDraft(undefined));
  const [problem, setProblem] = useState<FormProblem | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  // After a save: the version it made, and whether it is new (an unchanged definition keeps it).
  const [saved, setSaved] = useState<{ version: number; changed: boolean } | undefined>(undefined);

  useEffect(() => {
    if (agentId === undefined) return;
    let current = true;
    apiGet<Agent>(`/v1/agents/${encodeURIComponent(agentId)}`).then(
      (agent) => {
        if (!current) return;
        setDraft(toDraft(agent.definition));
        setLoad({ kind: 'ready', agent });
      },
      (error: unknown) => {
        if (!current) return;
        // A malformed id is a 422 from the route's parameter check: it does not exist either.
        const missing = error instanceof ApiError && (error.status === 404 || error.status === 422);
        setLoad(missing ? { kind: 'missing' } : { kind: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [agentId]);

  const agent = load.kind === 'ready' ? load.agent : undefined;

  const save = useCallback(async () => {
    const result = toDefinition(draft, agent?.definition);
    if (!result.ok) {
      setProblem({
        summary: 'Some fields need a change; see the list below.',
        fields: result.problems,
      });
      return;
    }
    setSaving(true);
    setProblem(undefined);
    setSaved(undefined);
    try {
      if (agent === undefined) {
        const created = await apiSend<Agent>('POST', '/v1/agents', result.definition);
        navigate(`/agents/${created.id}`);
        return;
      }
      const updated = await apiSend<Agent>('PUT', `/v1/agents/${agent.id}`, result.definition);
      setLoad({ kind: 'ready', agent: updated });
      setDraft(toDraft(updated.definition));
      setSaved({ version: updated.version, changed: updated.version !== agent.version });
    } catch (error) {
      setProblem(toFormProblem(error));
    } finally {
      setSaving(false);
    }
  }, [draft, agent]);

  const editor = useMemo<DraftEditor>(
    () => ({
      draft,
      disabled: !canEdit || saving,
      setText: (path, value) =>
        setDraft((previous) => ({ ...previous, texts: { ...previous.texts, [path]: value } })),
      setNumber: (path, value) =>
        setDraft((previous) => ({ ...previous, numbers: { ...previous.numbers, [path]: value } })),
      setFlag: (path, value) =>
        setDraft((previous) => ({ ...previous, flags: { ...previous.flags, [path]: value } })),
      setList: (key, value) => setDraft((previous) => ({ ...previous, [key]: value })),
      errorsAt: (path) => messagesFor(problem, path),
    }),
    [draft, canEdit, saving, problem],
  );

  return { load, agent, editor, problem, saving, saved, save };
}
