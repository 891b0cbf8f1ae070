import type { CurrentPostType } from '../selection/candidate';
import { projectProfile } from './project-profile';
import { effectiveDateOf, type RegisterContext } from './register-rules';
import type { RankChangeKind, ServiceEndReason, RegisterEvent, RegisterEventDraft, RegisterEventPayloads } from './register.types';
import type { Golongan } from '../personnel/golongan';

/** The day the test changes are recorded; a WIB date. */
export const TODAY = '2026-03-10';
/** The date the persistence layer projects a person as of before checking a change: everything known. */
export const ALL_KNOWN = '9999-12-31';

/** Budi Santoso: born 1975-04-12, CPNS TMT March 2000, male, sequence 001. */
export const NIP = '197504122000031001';
export const BIRTH = '1975-04-12';

export const registration = (o: Partial<RegisterEventPayloads['person_registered']> = {}): RegisterEventDraft => ({
  type: 'person_registered',
  payload: {
    employmentType: 'pns',
    name: 'Budi Santoso, S.E., M.M.',
    birthDate: BIRTH,
    sex: 'male',
    unitCode: 'DINAS-A',
    source: 'register',
    ...o,
  },
});

export const rank = (golongan: Golongan, tmt: string, kind: RankChangeKind = 'regular'): RegisterEventDraft => ({
  type: 'rank_changed',
  payload: { golongan, tmt, kind, decreeNumber: `SK-KP-${tmt}` },
});

export const post = (
  postType: CurrentPostType,
  from: string,
  o: Partial<RegisterEventPayloads['position_assigned']> = {},
): RegisterEventDraft => ({
  type: 'position_assigned',
  payload: {
    postCode: `POST-${from}`,
    title: `Jabatan ${postType}`,
    postType,
    unitCode: 'DINAS-A',
    from,
    decreeNumber: `SK-JAB-${from}`,
    ...o,
  },
});

export const ended = (to: string): RegisterEventDraft => ({ type: 'position_ended', payload: { to, decreeNumber: `SK-BERHENTI-${to}` } });

export const serviceEnded = (endedOn: string, reason: ServiceEndReason = 'dismissal_honourable'): RegisterEventDraft => ({
  type: 'service_ended',
  payload: { endedOn, reason, decreeNumber: `SK-PHK-${endedOn}` },
});

/** A draft recorded on a given day (the effective date of identity changes, placements and retractions). */
export interface Recorded {
  draft: RegisterEventDraft;
  on: string;
}

/**
 * Stored events with ids 1, 2, … in the order given, as the repository would store them; a bare
 * draft is recorded on TODAY.
 */
export function stored(entries: readonly (RegisterEventDraft | Recorded)[], nip = NIP): RegisterEvent[] {
  return entries.map((entry, i) => {
    const { draft, on } = 'draft' in entry ? entry : { draft: entry, on: TODAY };
    return {
      ...draft,
      id: i + 1,
      agencyCode: 'PEMKAB-SLEMAN',
      nip,
      effectiveDate: effectiveDateOf(draft, on),
      recordedAt: on,
      actor: { id: 'hr-1', role: 'hr_officer' },
      reason: 'test',
      evidence: [],
    } as RegisterEvent;
  });
}

/** What checkRegisterEvent sees for a person with this history, the way the repository builds it. */
export function contextOf(history: readonly (RegisterEventDraft | Recorded)[], nip = NIP, today = TODAY): RegisterContext {
  const events = stored(history, nip);
  return { nip, person: projectProfile(events, ALL_KNOWN), eventIds: new Set(events.map((e) => e.id)), today };
}
