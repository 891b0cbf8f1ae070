import { createContext, useContext } from 'react';

export type Lang = 'id' | 'en';

/** The language in force and a translator: t('Bahasa Indonesia text', 'English text'). */
export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (id: string, en: string) => string;
}

export const I18nContext = createContext<I18n>({ lang: 'id', setLang: () => {}, t: (id) => id });
export const useI18n = (): I18n => useContext(I18nContext);

export const storedLang = (): Lang => (localStorage.getItem('meritflow.lang') === 'en' ? 'en' : 'id');

// Labels and dates live in the one label dictionary (labels.ts) and dates.ts; re-exported here for the
// pages that import them from i18n.
export { decisionLabel, roleLabel, stepLabel, statusLabel } from './labels';
export { formatDate, formatTime } from './dates';
