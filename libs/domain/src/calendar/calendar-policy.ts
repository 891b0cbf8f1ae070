import type { ActorRole } from '../roles';

/** The regional HR office (BKPSDM) keeps the holiday calendar; administrators may correct it. */
export const CALENDAR_EDITORS: readonly ActorRole[] = ['hr_officer', 'admin'];

export const mayEditCalendar = (role: ActorRole): boolean => CALENDAR_EDITORS.includes(role);
