/**
 * The signed-in session: loads /auth/me once, keeps the CSRF token in the API client, and sends the user to
 * /login (with the page to come back to) whenever the server answers 401.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Spin } from 'antd';
import { api, isApiError, type Me, type Session } from './api/index.ts';
import { onUnauthenticated, setCsrfToken } from './api/client.ts';
import { useI18n } from './i18n/index.tsx';
import { loadReference } from './shared/reference.ts';
import { discardEarly } from './shared/first-load.ts';

interface SessionValue {
  user: Me | null;
  signIn: (s: Session) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [user, setUser] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const navigate = useNavigate();

  useEffect(() => {
    // The reference data (public) every console page shows is asked for together with the session check, not
    // after it: pages then wait for one answer (who is asking) before their own data, never for two.
    if (!window.location.pathname.startsWith('/login')) loadReference().catch(() => undefined);
    let live = true;
    api.auth.me().then(
      (s) => {
        if (!live) return;
        setCsrfToken(s.csrfToken);
        setUser(s.user);
        setReady(true);
      },
      (e: unknown) => {
        // no session: the page data asked beside the check (shared/first-load.ts) is refused, nobody may take it
        discardEarly();
        if (!live) return;
        if (!(isApiError(e) && e.status === 401)) console.warn('session check failed', e);
        setReady(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setUser(null);
        setCsrfToken('');
        const here = window.location.pathname + window.location.search;
        if (!window.location.pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
      }),
    [navigate],
  );

  const signIn = useCallback((s: Session) => {
    discardEarly();
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.auth.logout();
    } catch {
      /* already signed out */
    }
    discardEarly();
    setCsrfToken('');
    setUser(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  if (!ready) {
    return (
      <div className="center-screen" aria-busy="true">
        <Spin tip={t('app.loading')}>
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user; only for pages inside the guarded layout. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error('no user');
  return user;
}
