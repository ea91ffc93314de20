import { useState } from 'preact/hooks';
import { readNextPath } from '../../api/sign-in-path.js';
import type { Session, SetupStatus } from '../../api/types.js';
import { Loading } from '../../components/loading.js';
import { ThemeToggle } from '../../components/theme-toggle.js';
import { useApiGet } from '../../hooks/use-api-get.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { useSession } from '../../hooks/use-session.js';
import { navigate, useLocation } from '../../router.js';
import { OwnerSetupForm } from './owner-setup-form.js';
import { SignInForm } from './sign-in-form.js';
import '../../styles/sign-in.css';

/**
 * `/sign-in`: email and password; on a fresh install (no owner yet) the owner account form
 * instead. Afterwards the user goes back to `?next=` (a path on this site) or the overview.
 */
export function SignInPage() {
  const { search } = useLocation();
  const { setSession } = useSession();
  const setup = useApiGet<SetupStatus>('/v1/setup');
  const [ownerCreatedElsewhere, setOwnerCreatedElsewhere] = useState(false);
  const needsOwner = setup.data?.ownerExists === false && !ownerCreatedElsewhere;
  useDocumentTitle(needsOwner ? 'Create the owner account' : 'Sign in');

  const signedIn = (session: Session) => {
    setSession(session);
    navigate(readNextPath(search), { replace: true });
  };

  return (
    <div class="sign-in-page">
      <div class="sign-in-card card">
        <p class="sign-in-brand">Switchboard</p>
        {setup.loading ? (
          <Loading />
        ) : needsOwner ? (
          <OwnerSetupForm
            setupKeyHint={setup.data?.setupKeyHint ?? ''}
            onSignedIn={signedIn}
            onOwnerExists={() => setOwnerCreatedElsewhere(true)}
          />
        ) : (
          <SignInForm
            onSignedIn={signedIn}
            {...(ownerCreatedElsewhere
              ? { notice: 'An owner account exists already. Sign in with it.' }
              : {})}
          />
        )}
      </div>
      <div class="sign-in-footer">
        <ThemeToggle />
      </div>
    </div>
  );
}
