/**
 * The signed-in staff member of the back office. A 401 from any back-office request sends the user to
 * /admin/login (and back to where they were after logging in).
 */
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { ApiError, setUnauthorizedHandler } from './api';
import { client, type StaffUser } from './client';

interface AuthValue {
  user: StaffUser | null;
  /** the server has been asked who is signed in (only the back office asks) */
  checked: boolean;
  refresh: () => Promise<StaffUser | null>;
  logout: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUser | null>(null);
  const [checked, setChecked] = useState(false);
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    try {
      const me = await client.get('/api/auth/me');
      setUser(me.user);
      return me.user;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      setUser(null);
      return null;
    } finally {
      setChecked(true);
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      if (window.location.pathname.startsWith('/admin') && window.location.pathname !== '/admin/login') {
        const next = window.location.pathname + window.location.search;
        navigate(`/admin/login?next=${encodeURIComponent(next)}`, { replace: true });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);

  const logout = useCallback(async () => {
    try {
      await client.post('/api/auth/logout');
    } finally {
      navigate('/admin/login', { replace: true });
      // The router moves in a transition: the user is forgotten in the same one, so the back office is
      // left before it sees no user (it would otherwise send to the login page with ?next= the page left).
      startTransition(() => {
        setUser(null);
        setChecked(true);
      });
    }
  }, [navigate]);

  const value = useMemo<AuthValue>(
    () => ({ user, checked, refresh, logout, hasRole: (...roles) => Boolean(user?.roles.some((r) => roles.includes(r))) }),
    [user, checked, refresh, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user (inside RequireAuth). */
export function useUser(): StaffUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, checked, refresh } = useAuth();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!checked) refresh().catch((e: unknown) => setError(e instanceof Error ? e.message : '无法验证登录状态'));
  }, [checked, refresh]);
  if (error) return <Result status="warning" title="无法验证登录状态" subTitle={error} />;
  if (!checked) return <Spin size="large" fullscreen description="正在验证登录状态…" />;
  if (!user) return <Navigate to={`/admin/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
