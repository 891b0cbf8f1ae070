import { createContext, useContext } from 'react';
import type { Session } from './api';

/** The signed-in session (null before sign-in) and how to change it. */
export interface SessionState {
  session: Session | null;
  setSession: (s: Session | null) => void;
}
export const SessionContext = createContext<SessionState>({ session: null, setSession: () => {} });
export const useSession = (): SessionState => useContext(SessionContext);

/** The session of a page that is only routed to when signed in. */
export const useSignedIn = (): Session => {
  const { session } = useSession();
  if (!session) throw new Error('signed-in page rendered without a session');
  return session;
};
