import { useEffect, useMemo, useState } from 'react';
import { caseTypes, saveSession, setApiContext, loadSession, type Session } from './api';
import { CaseView } from './case';
import { I18nContext, roleLabel, storedLang, type Lang } from './i18n';
import { People, REGISTER_READERS } from './people';
import { PersonProfile } from './profile';
import { Cases, EvidenceUpload, Inbox, NewSelection, NewVacancy, SignIn } from './screens';
import { NewTalentReview } from './talent';
import { NewMove } from './move-new';
import { NewBulkMove } from './bulk-move-new';

/** Hash routes: #/inbox, #/cases, #/vacancies/new, #/selections/new, #/talent-reviews/new, #/moves/new, #/bulk-moves/new, #/talent-promotions/new, #/evidence, #/case/<id>, #/people, #/people/<nip>[?agencyCode=]. */
function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash.replace(/^#\/?/, '');
}

export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [session, setSession] = useState<Session | null>(loadSession);
  const route = useRoute();
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
  const t = i18n.t;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `meritflow — ${t('Konsol', 'Console')}`;
  }, [lang, t]);

  // The case-type registry is read once per page load, ahead of the first case page that needs it.
  useEffect(() => {
    if (session) caseTypes().catch(() => undefined);
  }, [session]);

  const signOut = () => {
    saveSession(null);
    setSession(null);
    location.hash = '#/';
  };

  let page;
  if (!session)
    page = (
      <SignIn
        onSignedIn={(s) => {
          setSession(s);
          location.hash = '#/inbox';
        }}
      />
    );
  else if (route.startsWith('case/')) page = <CaseView key={route} id={decodeURIComponent(route.slice(5))} session={session} />;
  else if (route === 'cases') page = <Cases />;
  else if (route === 'vacancies/new') page = <NewVacancy session={session} />;
  else if (route === 'selections/new') page = <NewSelection session={session} />;
  else if (route === 'evidence') page = <EvidenceUpload session={session} />;
  else if (route === 'talent-reviews/new') page = <NewTalentReview session={session} />;
  else if (route === 'moves/new') page = <NewMove key={route} session={session} />;
  else if (route === 'talent-promotions/new') page = <NewMove key={route} session={session} kind="talent_promotion" />;
  else if (route === 'bulk-moves/new') page = <NewBulkMove session={session} />;
  else if (route === 'people') page = <People session={session} />;
  else if (route.startsWith('people/')) {
    const [nip, search] = route.slice(7).split('?');
    const agencyCode = new URLSearchParams(search ?? '').get('agencyCode') ?? undefined;
    page = <PersonProfile key={route} nip={decodeURIComponent(nip)} agencyCode={agencyCode} session={session} />;
  } else page = <Inbox />;

  const hr = session?.role === 'hr_officer';
  const reader = !!session && REGISTER_READERS.includes(session.role);
  const link = (href: string, label: string) => (
    <a href={href} aria-current={`#/${route}` === href || (href === '#/inbox' && route === '') ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip" href="#main">
        {t('Lewati ke isi', 'Skip to content')}
      </a>
      <header className="top">
        <div className="brand">meritflow</div>
        {session && (
          <nav aria-label={t('Navigasi utama', 'Main navigation')}>
            {link('#/inbox', t('Kotak tugas', 'Inbox'))}
            {link('#/cases', t('Kasus', 'Cases'))}
            {reader && link('#/people', t('Pegawai', 'Officials'))}
            {hr && link('#/vacancies/new', t('Usulkan lowongan', 'Propose vacancy'))}
            {hr && link('#/selections/new', t('Buka seleksi', 'Open selection'))}
            {hr && link('#/talent-reviews/new', t('Reviu talenta', 'Talent review'))}
            {hr && link('#/moves/new', t('Usulkan mutasi', 'Propose a move'))}
            {hr && link('#/bulk-moves/new', t('Mutasi massal', 'Bulk move'))}
            {hr && link('#/talent-promotions/new', t('Promosi talenta', 'Talent promotion'))}
            {hr && link('#/evidence', t('Unggah bukti', 'Upload evidence'))}
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
          <select id="lang" value={lang} onChange={(e) => i18n.setLang(e.target.value as Lang)}>
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
        {page}
      </main>
    </I18nContext.Provider>
  );
}
