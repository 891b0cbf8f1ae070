import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createHashRouter, Navigate, NavLink, Outlet, RouterProvider, useNavigate, useParams, useSearchParams } from 'react-router';
import { caseTypes, saveSession, setApiContext, loadSession, type Session } from './api';
import { CaseView } from './case';
import { I18nContext, roleLabel, storedLang, useI18n, type Lang } from './i18n';
import { People, REGISTER_READERS } from './people';
import { PersonProfile } from './profile';
import { keys, queryClient } from './query';
import { Cases, EvidenceUpload, Inbox, NewSelection, NewVacancy, SignIn } from './screens';
import { SessionContext, useSession, useSignedIn } from './session';
import { NewTalentReview } from './talent';
import { NewMove } from './move-new';
import { NewBulkMove } from './bulk-move-new';
import { SopMigrations } from './sop-migrations';

/**
 * Routes (react-router, hash history so the API serves one /console/ page and links stay shareable):
 * #/inbox, #/cases, #/vacancies/new, #/selections/new, #/talent-reviews/new, #/moves/new, #/talent-promotions/new,
 * #/bulk-moves/new, #/evidence, #/sop-migrations (admin), #/case/:id,
 * #/people, #/people/:nip[?agencyCode=].
 */
const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      { path: 'inbox', element: <Inbox /> },
      { path: 'cases', element: <Cases /> },
      { path: 'vacancies/new', element: <WithSession page={(s) => <NewVacancy session={s} />} /> },
      { path: 'selections/new', element: <WithSession page={(s) => <NewSelection session={s} />} /> },
      { path: 'evidence', element: <WithSession page={(s) => <EvidenceUpload session={s} />} /> },
      { path: 'talent-reviews/new', element: <WithSession page={(s) => <NewTalentReview session={s} />} /> },
      { path: 'moves/new', element: <WithSession page={(s) => <NewMove key="move" session={s} />} /> },
      {
        path: 'talent-promotions/new',
        element: <WithSession page={(s) => <NewMove key="talent" session={s} kind="talent_promotion" />} />,
      },
      { path: 'bulk-moves/new', element: <WithSession page={(s) => <NewBulkMove session={s} />} /> },
      { path: 'sop-migrations', element: <WithSession page={(s) => <SopMigrations session={s} />} /> },
      { path: 'case/:id', element: <CaseRoute /> },
      { path: 'people', element: <WithSession page={(s) => <People session={s} />} /> },
      { path: 'people/:nip', element: <PersonRoute /> },
      { path: '*', element: <Inbox /> },
    ],
  },
]);

function WithSession({ page }: { page: (s: Session) => React.ReactNode }) {
  return <>{page(useSignedIn())}</>;
}

function CaseRoute() {
  const { id = '' } = useParams();
  return <CaseView key={id} id={id} session={useSignedIn()} />;
}

function PersonRoute() {
  const { nip = '' } = useParams();
  const [search] = useSearchParams();
  const agencyCode = search.get('agencyCode') ?? undefined;
  return <PersonProfile key={`${nip}?${agencyCode ?? ''}`} nip={nip} agencyCode={agencyCode} session={useSignedIn()} />;
}

/** Header, navigation and the page; the sign-in screen until there is a session. */
function Shell() {
  const { t, lang, setLang } = useI18n();
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const signOut = () => {
    setSession(null);
    navigate('/');
  };
  const hr = session?.role === 'hr_officer';
  const admin = session?.role === 'admin';
  const reader = !!session && REGISTER_READERS.includes(session.role);
  const link = (to: string, label: string) => (
    <NavLink to={to} end>
      {label}
    </NavLink>
  );
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('Lewati ke isi', 'Skip to content')}
      </a>
      <header className="top">
        <div className="brand">meritflow</div>
        {session && (
          <nav aria-label={t('Navigasi utama', 'Main navigation')}>
            {link('/inbox', t('Kotak tugas', 'Inbox'))}
            {link('/cases', t('Kasus', 'Cases'))}
            {reader && link('/people', t('Pegawai', 'Officials'))}
            {hr && link('/vacancies/new', t('Usulkan lowongan', 'Propose vacancy'))}
            {hr && link('/selections/new', t('Buka seleksi', 'Open selection'))}
            {hr && link('/talent-reviews/new', t('Reviu talenta', 'Talent review'))}
            {hr && link('/moves/new', t('Usulkan mutasi', 'Propose a move'))}
            {hr && link('/bulk-moves/new', t('Mutasi massal', 'Bulk move'))}
            {hr && link('/talent-promotions/new', t('Promosi talenta', 'Talent promotion'))}
            {hr && link('/evidence', t('Unggah bukti', 'Upload evidence'))}
            {admin && link('/sop-migrations', t('Migrasi SOP', 'SOP migration'))}
          </nav>
        )}
        <div className="who">
          {session && (
            <span data-testid="signed-in-as">
              {session.actor.name ?? session.actor.id} · {roleLabel(session.role, lang)} · {session.actor.agency}
            </span>
          )}
          <label htmlFor="lang" className="sr-only">
            {t('Bahasa', 'Language')}
          </label>
          <select id="lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
          {session && (
            <button type="button" onClick={signOut}>
              {t('Keluar', 'Sign out')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session ? (
          <Outlet />
        ) : (
          <SignIn
            onSignedIn={(s) => {
              setSession(s);
              navigate('/inbox');
            }}
          />
        )}
      </main>
    </>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [session, setSessionState] = useState<Session | null>(loadSession);
  setApiContext(session, lang);
  const i18n = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem('meritflow.lang', l);
        setLangState(l);
      },
      t: (id: string, en: string) => (lang === 'id' ? id : en),
    }),
    [lang],
  );
  const sessionState = useMemo(
    () => ({
      session,
      setSession: (s: Session | null) => {
        saveSession(s);
        setApiContext(s, lang);
        // Another user's cached answers must never show: a new session starts with an empty cache.
        queryClient.clear();
        setSessionState(s);
      },
    }),
    [session, lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `meritflow — ${i18n.t('Konsol', 'Console')}`;
  }, [lang, i18n]);

  // The case-type registry is read once per session, ahead of the first page that needs it.
  useEffect(() => {
    if (session) void queryClient.prefetchQuery({ queryKey: keys.caseTypes, queryFn: caseTypes, staleTime: Infinity });
  }, [session]);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nContext.Provider value={i18n}>
        <SessionContext.Provider value={sessionState}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}
