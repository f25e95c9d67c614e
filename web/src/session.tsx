// Who is signed in: the token (kept for the browser tab only) and GET /api/me.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { request, tokenStore } from './api';

export interface Me {
  id: string;
  username: string;
  roles: string[];
  officerId: string | null;
  organisation: { id: string; type: string; level: string; regionCode: string };
}

interface Session {
  me: Me | null;
  ready: boolean;
  signIn(token: string): Promise<void>;
  signOut(): void;
  has(...roles: string[]): boolean;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!tokenStore.get()) return setReady(true);
    request<Me>('GET', '/api/me')
      .then(setMe)
      .catch(() => tokenStore.clear())
      .finally(() => setReady(true));
  }, []);
  const signIn = useCallback(async (token: string) => {
    tokenStore.set(token);
    try {
      setMe(await request<Me>('GET', '/api/me'));
    } catch (err) {
      tokenStore.clear();
      throw err;
    }
  }, []);
  const signOut = useCallback(() => {
    tokenStore.clear();
    setMe(null);
  }, []);
  const has = useCallback((...roles: string[]) => !!me && roles.some((r) => me.roles.includes(r)), [me]);
  return <Ctx.Provider value={{ me, ready, signIn, signOut, has }}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export const REVIEWERS = ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'PROVINCE_REVIEWER'];
/** Roles of the city justice bureau that see the running processes (运行监测); the API checks the bureau. */
export const CITY_BUREAU_OPERATORS = ['CITY_REVIEWER', 'SANCTION_OFFICER', 'SUPERVISOR'];
export const isCityBureau = (me: Me | undefined) =>
  me?.organisation.type === 'JUSTICE_BUREAU' && me.organisation.level === 'CITY';
