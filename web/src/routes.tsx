import type { ComponentChild } from 'preact';
import { AgentEditorPage } from './pages/admin/agent-editor-page.js';
import { AgentsPage } from './pages/admin/agents-page.js';
import { NumbersPage } from './pages/admin/numbers-page.js';
import { OverviewPage } from './pages/admin/overview-page.js';
import { SettingsPage } from './pages/admin/settings-page.js';
import { CallDetailPage } from './pages/call-detail/call-detail-page.js';
import { CallsPage } from './pages/calls/calls-page.js';
import { LiveCallPage } from './pages/live-call/live-call-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { SignInPage } from './pages/sign-in/sign-in-page.js';
import { TestCallPage } from './pages/test-call/test-call-page.js';
import { matchPath } from './router.js';

interface Route {
  readonly pattern: string;
  /** false: shown without the navigation shell (sign-in). */
  readonly shell?: boolean;
  readonly render: (params: Record<string, string>) => ComponentChild;
}

/** Every page, first match wins (so `/agents/new` comes before `/agents/:agentId`). */
const routes: readonly Route[] = [
  { pattern: '/sign-in', shell: false, render: () => <SignInPage /> },
  { pattern: '/', render: () => <OverviewPage /> },
  { pattern: '/calls', render: () => <CallsPage /> },
  {
    pattern: '/calls/:callId',
    render: (params) => <CallDetailPage callId={params.callId ?? ''} />,
  },
  {
    pattern: '/calls/:callId/live',
    render: (params) => <LiveCallPage callId={params.callId ?? ''} />,
  },
  { pattern: '/agents', render: () => <AgentsPage /> },
  { pattern: '/agents/new', render: () => <AgentEditorPage /> },
  {
    pattern: '/agents/:agentId/test-call',
    render: (params) => <TestCallPage agentId={params.agentId ?? ''} />,
  },
  {
    pattern: '/agents/:agentId',
    render: (params) => <AgentEditorPage agentId={params.agentId ?? ''} />,
  },
  { pattern: '/numbers', render: () => <NumbersPage /> },
  { pattern: '/settings', render: () => <SettingsPage /> },
  { pattern: '/settings/:tab', render: (params) => <SettingsPage tab={params.tab ?? ''} /> },
];

/** The page for a path: its element, whether it wants the shell, and a key that changes with it. */
export function resolveRoute(pathname: string): {
  key: string;
  shell: boolean;
  element: ComponentChild;
} {
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params !== null) {
      return {
        key: `${route.pattern}|${JSON.stringify(params)}`,
        shell: route.shell ?? true,
        element: route.render(params),
      };
    }
  }
  return { key: 'not-found', shell: true, element: <NotFoundPage /> };
}
