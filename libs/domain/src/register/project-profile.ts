import type { PersonProfile, PositionEntry, RankEntry, RegisterEvent } from './register.types';

const byDate =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * A person's profile as of `asOf` ('YYYY-MM-DD'), derived from their events: those that took effect
 * on or before `asOf` and, when `version` is given, were recorded up to that event id. A retraction
 * withdraws the events it names for every date, since they were never true. Null when the person
 * was not registered (or the registration was retracted).
 */
export function projectProfile(events: readonly RegisterEvent[], asOf: string, version?: number): PersonProfile | null {
  const known = events.filter((e) => version === undefined || e.id <= version).sort((a, b) => a.id - b.id);
  const retracted = new Set<number>();
  for (const e of known) if (e.type === 'events_retracted') for (const id of e.payload.eventIds) retracted.add(id);
  const live = known.filter((e) => !retracted.has(e.id) && e.type !== 'events_retracted');
  const registration = live.find((e) => e.type === 'person_registered');
  if (!registration || registration.type !== 'person_registered') return null;

  const r = registration.payload;
  const profile: PersonProfile = {
    agencyCode: registration.agencyCode,
    nip: registration.nip,
    employmentType: r.employmentType,
    name: r.name,
    birthDate: r.birthDate,
    sex: r.sex,
    unitCode: r.unitCode,
    source: r.source,
    homeAgencyCode: r.homeAgencyCode ?? null,
    rank: null,
    rankHistory: [],
    position: null,
    positionHistory: [],
    education: [],
    performance: [],
    sanctions: [],
    competencies: [],
    credentials: [],
    talentPlacements: [],
    serviceStatus: 'active',
    serviceEnded: null,
    asOf,
    version: known.length ? known[known.length - 1].id : 0,
  };

  const effective = live
    .filter((e) => e.effectiveDate <= asOf)
    .sort((a, b) => (a.effectiveDate === b.effectiveDate ? a.id - b.id : a.effectiveDate < b.effectiveDate ? -1 : 1));
  const ranks: RankEntry[] = [];
  const positions: PositionEntry[] = [];
  for (const e of effective) {
    switch (e.type) {
      case 'identity_changed':
        if (e.payload.name !== undefined) profile.name = e.payload.name;
        if (e.payload.unitCode !== undefined) profile.unitCode = e.payload.unitCode;
        break;
      case 'rank_changed':
        ranks.push({ ...e.payload });
        break;
      case 'position_assigned': {
        const held = positions[positions.length - 1];
        if (held && held.to === null) held.to = e.payload.from;
        positions.push({ ...e.payload, to: null });
        break;
      }
      case 'position_ended': {
        const held = positions[positions.length - 1];
        if (held && held.to === null && e.payload.to >= held.from) held.to = e.payload.to;
        break;
      }
      case 'education_recorded':
        profile.education.push({ ...e.payload });
        break;
      case 'performance_rated':
        profile.performance.push({ ...e.payload });
        break;
      case 'sanction_recorded':
        profile.sanctions.push({ ...e.payload });
        break;
      case 'competency_assessed':
        profile.competencies.push({ ...e.payload, levels: { ...e.payload.levels } });
        break;
      case 'credential_recorded':
        profile.credentials.push({ ...e.payload });
        break;
      case 'talent_placed':
        profile.talentPlacements.push({ ...e.payload });
        break;
      case 'service_ended': {
        // Leaving service ends the post held on that day.
        const held = positions[positions.length - 1];
        if (held && held.to === null && e.payload.endedOn >= held.from) held.to = e.payload.endedOn;
        profile.serviceStatus = 'ended';
        profile.serviceEnded = { ...e.payload };
        break;
      }
      default:
        break;
    }
  }
  profile.rankHistory = ranks.sort(byDate((x) => x.tmt));
  profile.rank = profile.rankHistory[profile.rankHistory.length - 1] ?? null;
  profile.positionHistory = positions;
  const last = positions[positions.length - 1];
  profile.position = last && last.to === null ? last : null;
  profile.performance.sort((a, b) => a.year - b.year);
  return profile;
}
