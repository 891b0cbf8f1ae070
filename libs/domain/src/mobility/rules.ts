import { wibDate } from '../calendar/working-days';
import type { LocalizedText } from '../i18n/messages';
import { parseIsoDate, wholeYearsBetween } from '../selection/iso-date';
import { parseNip } from '../selection/nip';
import type { MobilityPolicy } from './mobility-policy';
import { addMonthsIso, previousDayIso } from './months';
import type { ElectionWindowFacts, MinisterApproval, MoveFacts } from './move';

/** Stable rule names; they appear in verdicts, overrides and the ledger. */
export const MOBILITY_RULES = [
  'electionMoratorium',
  'jptProtection',
  'minimumTenure',
  'rotationTenureWindow',
  'rotationSameLevel',
  'newPnsTransferBan',
  'disciplinaryBlock',
  'ageLimit',
  'fillWithoutOpenSelection',
  'talentPoolMembership',
  'sanctionInForce',
] as const;
export type MobilityRule = (typeof MOBILITY_RULES)[number];

/** One rule's answer for one move: which rule, under which version, on which fact. */
export interface MobilityVerdict {
  rule: MobilityRule;
  ruleVersion: string;
  passed: boolean;
  /** What was compared, compact and language-neutral, for the audit trail. */
  fact: string;
  message: LocalizedText;
  /** electionMoratorium only: the Mendagri approvals that lifted an election-window ban. */
  approvals?: MinisterApproval[];
  /** electionMoratorium only: the ban periods the date falls in (blocked: those without an approval). */
  periods?: ElectionBanPeriod[];
  /** rotationTenureWindow only: past the maximum tenure, so the rotation is overdue (due, not barred). */
  due?: true;
  /** Set by applyOverride: the rule failed, and an authorised override with this document lifted it. */
  overridden?: true;
  override?: { documentRef: string; title: string };
}

const verdict = (
  rule: MobilityRule,
  policy: Pick<MobilityPolicy, 'version'>,
  passed: boolean,
  fact: string,
  id: string,
  en: string,
): MobilityVerdict => ({ rule, ruleVersion: policy.version, passed, fact, message: { id, en } });

const isJpt = (positionClass: string): boolean => positionClass.startsWith('jpt_');

/** Whole years from `since` to `today`, never negative (a start date in the future counts 0). */
const yearsSince = (since: string, today: string): number => Math.max(0, wholeYearsBetween(since, today));

// ─── election moratorium ──────────────────────────────────────────────────────────────────────────

/** One election-related ban on replacing officials in a region, as the verdict names it. */
export interface ElectionBanPeriod {
  regionCode: string;
  kind: 'pre_election' | 'post_inauguration';
  /** inclusive */
  from: string;
  /** inclusive; null: open-ended (term end not recorded) */
  to: string | null;
  basis: string;
}

const describePeriod = (p: ElectionBanPeriod): string => `${p.regionCode} ${p.kind} ${p.from}..${p.to ?? 'open'}`;

/**
 * The ban periods a region's calendar defines. Pasal 71(2): from `monthsBeforeDetermination` before
 * the candidate-pair determination until the end of the term (inclusive). If the term end is not
 * recorded, the ban runs until the day before the new head's inauguration or, failing that, stays
 * open: a ban cannot be shown to be over [BK]. Pasal 162(3): from the inauguration for
 * `monthsAfterInauguration` months; the day the span completes is free again.
 */
function banPeriods(w: ElectionWindowFacts, policy: MobilityPolicy): ElectionBanPeriod[] | { invalid: string } {
  for (const [name, value] of [
    ['candidatePairDetermination', w.candidatePairDetermination],
    ['termEnd', w.termEnd],
    ['headInauguratedOn', w.headInauguratedOn],
  ] as const) {
    if (value !== null && !parseIsoDate(value)) return { invalid: `${w.regionCode} ${name} "${value}"` };
  }
  const periods: ElectionBanPeriod[] = [];
  if (w.candidatePairDetermination !== null) {
    const from = addMonthsIso(w.candidatePairDetermination, -policy.moratorium.monthsBeforeDetermination);
    const to = w.termEnd ?? (w.headInauguratedOn !== null && w.headInauguratedOn > from ? previousDayIso(w.headInauguratedOn) : null);
    periods.push({ regionCode: w.regionCode, kind: 'pre_election', from, to, basis: 'UU 10/2016 Pasal 71(2)' });
  }
  if (w.headInauguratedOn !== null && policy.moratorium.monthsAfterInauguration > 0) {
    const end = addMonthsIso(w.headInauguratedOn, policy.moratorium.monthsAfterInauguration);
    periods.push({
      regionCode: w.regionCode,
      kind: 'post_inauguration',
      from: w.headInauguratedOn,
      to: previousDayIso(end),
      basis: 'UU 10/2016 Pasal 162(3)',
    });
  }
  return periods;
}

/**
 * UU 10/2016 Pasal 71(2) and 162(3), for every kind of move: no replacement of officials in a region
 * from 6 months before the candidate-pair determination until the end of the term, nor for 6 months
 * after a new head's inauguration, unless the Minister of Home Affairs approved in writing.
 *
 * The regions involved are the origin's and the destination's, matched exactly: a province's window
 * does not cover its regencies, whose officials their own head replaces [BK]. An approval counts for
 * a ban period when it is for that region and dated within the period up to `asOf`; an approval from
 * an earlier election does not carry over [BK]. Every banned region needs its own approval.
 */
export function electionMoratorium(
  move: MoveFacts,
  windows: readonly ElectionWindowFacts[],
  approvals: readonly MinisterApproval[],
  policy: MobilityPolicy,
  asOf: Date,
): MobilityVerdict {
  const today = wibDate(asOf);
  const regions = [...new Set([move.from.regionCode, move.to.regionCode])];
  const active: ElectionBanPeriod[] = [];
  for (const w of windows) {
    if (!regions.includes(w.regionCode)) continue;
    const periods = banPeriods(w, policy);
    if ('invalid' in periods) {
      return verdict(
        'electionMoratorium',
        policy,
        false,
        `invalid date ${periods.invalid}`,
        `kalender pilkada memuat tanggal yang tidak sah (${periods.invalid}), sehingga tidak dapat dipastikan bahwa ${today} berada di luar masa larangan`,
        `the election calendar holds an invalid date (${periods.invalid}), so ${today} cannot be shown to be outside a ban`,
      );
    }
    active.push(...periods.filter((p) => p.from <= today && (p.to === null || today <= p.to)));
  }

  if (active.length === 0) {
    return verdict(
      'electionMoratorium',
      policy,
      true,
      `no ban at ${today} in ${regions.join(', ')}`,
      `tanggal ${today} tidak berada dalam masa larangan penggantian pejabat terkait pilkada di wilayah ${regions.join(', ')}`,
      `${today} is outside every election-related ban on replacing officials in ${regions.join(', ')}`,
    );
  }

  const used: MinisterApproval[] = [];
  const unapproved: ElectionBanPeriod[] = [];
  for (const period of active) {
    const approval = approvals
      .filter((a) => a.regionCode === period.regionCode && a.approvedOn >= period.from && a.approvedOn <= today)
      .reduce<MinisterApproval | null>((latest, a) => (latest === null || a.approvedOn > latest.approvedOn ? a : latest), null);
    if (approval === null) unapproved.push(period);
    else if (!used.includes(approval)) used.push(approval);
  }

  if (unapproved.length === 0) {
    const docs = used.map((a) => `${a.documentRef} (${a.regionCode}, ${a.approvedOn})`).join(', ');
    return {
      ...verdict(
        'electionMoratorium',
        policy,
        true,
        `${active.map(describePeriod).join('; ')}; approved by ${docs}`,
        `tanggal ${today} berada dalam masa larangan penggantian pejabat, tetapi Menteri Dalam Negeri telah memberi persetujuan tertulis: ${docs}`,
        `${today} falls within an election-related ban on replacing officials, but the Minister of Home Affairs approved in writing: ${docs}`,
      ),
      approvals: used,
      periods: active,
    };
  }

  const periods = unapproved.map(describePeriod).join('; ');
  const listId = unapproved
    .map(
      (p) =>
        `${p.regionCode}: ${p.kind === 'pre_election' ? 'menjelang pilkada' : 'sesudah pelantikan kepala daerah'} ${p.from} s.d. ${p.to ?? 'belum ditentukan'} (${p.basis})`,
    )
    .join('; ');
  const listEn = unapproved
    .map(
      (p) =>
        `${p.regionCode}: ${p.kind === 'pre_election' ? 'before the election' : 'after the inauguration of the regional head'} ${p.from} to ${p.to ?? 'an unrecorded end'} (${p.basis})`,
    )
    .join('; ');
  return {
    ...verdict(
      'electionMoratorium',
      policy,
      false,
      `${periods}; no Mendagri approval`,
      `tanggal ${today} berada dalam masa larangan penggantian pejabat tanpa persetujuan tertulis Menteri Dalam Negeri: ${listId}`,
      `${today} falls within an election-related ban on replacing officials, without the written approval of the Minister of Home Affairs: ${listEn}`,
    ),
    periods: unapproved,
  };
}

// ─── JPT protection ───────────────────────────────────────────────────────────────────────────────

/**
 * UU 5/2014 Pasal 116(1): a JPT holder is not replaced within `jptProtectionYears` of inauguration.
 * It protects the holder against being moved, so it applies to mutations and rotations out of a JPT
 * post, not to a talent promotion [BK]. Without an inauguration date the protection cannot be shown
 * to have run out, so the rule fails and asks for the date.
 */
export function jptProtection(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  const years = policy.jptProtectionYears;
  if (years === null || !isJpt(move.from.positionClass) || move.kind === 'talent_promotion') return null;
  const today = wibDate(asOf);
  const inaugurated = move.from.inauguratedOn;
  if (inaugurated === undefined || !parseIsoDate(inaugurated)) {
    return verdict(
      'jptProtection',
      policy,
      false,
      `inauguration ${inaugurated ?? 'not recorded'}`,
      `tanggal pelantikan pejabat pimpinan tinggi ${move.person.name} tidak tercatat dengan sah, sehingga masa perlindungan ${years} tahun tidak dapat dihitung`,
      `the inauguration date of senior executive ${move.person.name} is not validly recorded, so the ${years}-year protection cannot be computed`,
    );
  }
  const held = inaugurated <= today ? yearsSince(inaugurated, today) : 0;
  const ok = held >= years;
  return verdict(
    'jptProtection',
    policy,
    ok,
    `${held}y since inauguration ${inaugurated} at ${today} (protected ${years}y)`,
    ok
      ? `pejabat pimpinan tinggi telah ${held} tahun sejak dilantik pada ${inaugurated}; masa perlindungan ${years} tahun telah lewat`
      : `pejabat pimpinan tinggi baru ${held} tahun sejak dilantik pada ${inaugurated}; tidak dapat diganti sebelum ${years} tahun (UU 5/2014 Pasal 116)`,
    ok
      ? `the senior executive was inaugurated on ${inaugurated}, ${held} years ago; the ${years}-year protection has run out`
      : `the senior executive was inaugurated on ${inaugurated}, only ${held} full years ago; they may not be replaced within ${years} years (UU 5/2014 Pasal 116)`,
  );
}

// ─── tenure ───────────────────────────────────────────────────────────────────────────────────────

const invalidSince = (rule: MobilityRule, move: MoveFacts, policy: MobilityPolicy): MobilityVerdict =>
  verdict(
    rule,
    policy,
    false,
    `since "${move.from.since}"`,
    `tanggal mulai menjabat "${move.from.since}" bukan tanggal yang sah`,
    `the current post start date "${move.from.since}" is not a valid date`,
  );

/**
 * Whole years in the current post at least `minTenureYears.mutation` before a mutation. Rotations are
 * judged by rotationTenureWindow, which reads `minTenureYears.rotation` as its lower end, so one short
 * tenure is not reported twice; talent promotions by the selection eligibility rules.
 */
export function minimumTenure(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  const min = policy.minTenureYears.mutation;
  if (move.kind !== 'mutation' || min === null) return null;
  if (!parseIsoDate(move.from.since)) return invalidSince('minimumTenure', move, policy);
  const today = wibDate(asOf);
  const years = yearsSince(move.from.since, today);
  const ok = years >= min;
  return verdict(
    'minimumTenure',
    policy,
    ok,
    `${years}y since ${move.from.since} at ${today} (min ${min}y)`,
    ok
      ? `telah ${years} tahun penuh dalam jabatan sejak ${move.from.since}; masa jabatan paling singkat ${min} tahun terpenuhi`
      : `baru ${years} tahun penuh dalam jabatan sejak ${move.from.since} per ${today}; mutasi mensyaratkan paling singkat ${min} tahun`,
    ok
      ? `${years} full years in post since ${move.from.since}; the ${min}-year minimum is met`
      : `only ${years} full years in post since ${move.from.since} as of ${today}; a mutation requires at least ${min}`,
  );
}

/**
 * PP 11/2017 Pasal 190(3), rotations only: tenure in the current post of at least
 * `minTenureYears.rotation` whole years before a rotation. The upper end `maxTenureYears.rotation`
 * says when a rotation is due, not when it becomes forbidden: an official past it is overdue for
 * rotation, so the rule passes and says so (the verdict carries `due: true`). "At most 5" allows the
 * fifth anniversary itself and is overdue from the day after, anniversaries counted as for whole
 * years (29 February → 1 March).
 */
export function rotationTenureWindow(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  if (move.kind !== 'rotation') return null;
  if (!parseIsoDate(move.from.since)) return invalidSince('rotationTenureWindow', move, policy);
  const min = policy.minTenureYears.rotation;
  const max = policy.maxTenureYears.rotation;
  const today = wibDate(asOf);
  const years = yearsSince(move.from.since, today);
  const tooShort = years < min;
  // Past the maximum once the maximum was already complete yesterday.
  const overdue = max !== null && yearsSince(move.from.since, previousDayIso(today)) >= max;
  const window = max === null ? `≥${min}y` : `${min}–${max}y`;
  const fact = `${years}y since ${move.from.since} at ${today} (window ${window}${overdue ? ', overdue' : ''})`;
  if (tooShort) {
    return verdict(
      'rotationTenureWindow',
      policy,
      false,
      fact,
      `baru ${years} tahun penuh dalam jabatan sejak ${move.from.since} per ${today}; rotasi mensyaratkan paling singkat ${min} tahun`,
      `only ${years} full years in post since ${move.from.since} as of ${today}; a rotation requires at least ${min}`,
    );
  }
  if (overdue) {
    return {
      ...verdict(
        'rotationTenureWindow',
        policy,
        true,
        fact,
        `sudah lebih dari ${max} tahun dalam jabatan sejak ${move.from.since} per ${today}; rotasi sudah jatuh tempo (paling lama ${max} tahun), sehingga rotasi ini justru diperlukan`,
        `more than ${max} years in post since ${move.from.since} as of ${today}; the rotation is overdue (due within ${max} years), so this rotation is called for`,
      ),
      due: true,
    };
  }
  return verdict(
    'rotationTenureWindow',
    policy,
    true,
    fact,
    `${years} tahun penuh dalam jabatan sejak ${move.from.since}, dalam rentang rotasi ${window.replace('y', ' tahun')}`,
    `${years} full years in post since ${move.from.since}, within the rotation window of ${window.replace('y', ' years')}`,
  );
}

// ─── rotation: same level ─────────────────────────────────────────────────────────────────────────

/**
 * A rotation keeps rank and level and changes the post, within one agency (domain.md §2.6). A move
 * to another level is a promotion or a mutation and must be proposed as one.
 */
export function rotationSameLevel(move: MoveFacts, policy: Pick<MobilityPolicy, 'version'>): MobilityVerdict | null {
  if (move.kind !== 'rotation') return null;
  const { from, to } = move;
  const problems: { fact: string; id: string; en: string }[] = [];
  if (from.agencyCode !== to.agencyCode) {
    problems.push({
      fact: `agency ${from.agencyCode}→${to.agencyCode}`,
      id: `instansi berubah dari ${from.agencyCode} ke ${to.agencyCode}`,
      en: `the agency changes from ${from.agencyCode} to ${to.agencyCode}`,
    });
  }
  if (from.positionClass !== to.positionClass || from.level !== to.level) {
    problems.push({
      fact: `level ${from.positionClass}/${from.level}→${to.positionClass}/${to.level}`,
      id: `jenjang berubah dari ${from.positionClass}/${from.level} ke ${to.positionClass}/${to.level}`,
      en: `the level changes from ${from.positionClass}/${from.level} to ${to.positionClass}/${to.level}`,
    });
  }
  if (from.agencyCode === to.agencyCode && from.positionCode === to.positionCode) {
    problems.push({
      fact: `same post ${to.positionCode}`,
      id: `jabatan tujuan ${to.positionCode} sama dengan jabatan saat ini`,
      en: `the destination post ${to.positionCode} is the current post`,
    });
  }
  if (problems.length === 0) {
    return verdict(
      'rotationSameLevel',
      policy,
      true,
      `${from.agencyCode} ${from.positionClass}/${from.level}: ${from.positionCode}→${to.positionCode}`,
      `rotasi dalam ${from.agencyCode} pada jenjang yang sama (${from.level}) ke jabatan ${to.positionCode}`,
      `rotation within ${from.agencyCode} at the same level (${from.level}) to post ${to.positionCode}`,
    );
  }
  return verdict(
    'rotationSameLevel',
    policy,
    false,
    problems.map((p) => p.fact).join('; '),
    `bukan rotasi (jenjang sama, jabatan lain, dalam satu instansi): ${problems.map((p) => p.id).join('; ')}`,
    `not a rotation (same level, another post, one agency): ${problems.map((p) => p.en).join('; ')}`,
  );
}

// ─── new civil servants ───────────────────────────────────────────────────────────────────────────

/**
 * PermenPANRB 6/2024 Pasal 59: a civil servant may not ask to be transferred within
 * `newPnsNoTransferYears` whole years of the CPNS TMT. Moves the agency initiates are not covered.
 */
export function newPnsTransferBan(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  const min = policy.newPnsNoTransferYears;
  if (!move.atOwnRequest || min === null || !policy.newPnsTransferScopes.includes(move.scope)) return null;
  const tmt = move.person.cpnsTmt;
  if (!parseIsoDate(tmt)) {
    return verdict(
      'newPnsTransferBan',
      policy,
      false,
      `cpnsTmt "${tmt}"`,
      `TMT CPNS "${tmt}" bukan tanggal yang sah, sehingga masa ${min} tahun tidak dapat dihitung`,
      `the CPNS appointment date "${tmt}" is not a valid date, so the ${min}-year period cannot be computed`,
    );
  }
  const today = wibDate(asOf);
  const years = yearsSince(tmt, today);
  const ok = years >= min;
  return verdict(
    'newPnsTransferBan',
    policy,
    ok,
    `${years}y since CPNS TMT ${tmt} at ${today} (min ${min}y, own request)`,
    ok
      ? `telah ${years} tahun sejak TMT CPNS ${tmt}; pindah atas permintaan sendiri diperbolehkan`
      : `baru ${years} tahun sejak TMT CPNS ${tmt}; PNS tidak dapat mengajukan pindah atas permintaan sendiri sebelum ${min} tahun (PermenPANRB 6/2024 Pasal 59)`,
    ok
      ? `${years} years since the CPNS appointment on ${tmt}; a transfer at own request is allowed`
      : `only ${years} years since the CPNS appointment on ${tmt}; a civil servant may not ask for a transfer within ${min} years (PermenPANRB 6/2024 Pasal 59)`,
  );
}

// ─── discipline ───────────────────────────────────────────────────────────────────────────────────

/**
 * A blocking sanction (PP 94/2021; medium or heavy) imposed within the lookback blocks every kind of
 * move. As in the selection eligibility rules, a sanction imposed exactly `lookback` years ago no
 * longer blocks, one dated after `asOf` is not yet on the record, and an undatable one blocks.
 */
export function disciplinaryBlock(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  const lookback = policy.sanctionLookbackYears;
  if (policy.blockingSanctions.length === 0 || lookback <= 0) return null;
  const today = wibDate(asOf);
  const blocking = move.person.sanctions.filter((s) => {
    if (!policy.blockingSanctions.includes(s.level)) return false;
    if (!parseIsoDate(s.imposedOn)) return true;
    return s.imposedOn <= today && wholeYearsBetween(s.imposedOn, today) < lookback;
  });
  const ok = blocking.length === 0;
  const levels = policy.blockingSanctions.join('/');
  const listed = blocking.map((s) => `${s.level} ${s.imposedOn}`).join(', ');
  return verdict(
    'disciplinaryBlock',
    policy,
    ok,
    ok ? `none ${levels} within ${lookback}y at ${today}` : listed,
    ok
      ? `tidak ada hukuman disiplin tingkat ${levels} dalam ${lookback} tahun terakhir`
      : `dijatuhi hukuman disiplin dalam ${lookback} tahun terakhir: ${listed}`,
    ok
      ? `no ${levels} discipline sanction in the last ${lookback} years`
      : `discipline sanction within the last ${lookback} years: ${listed}`,
  );
}

// ─── age ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * A receiving agency's age limit, e.g. Jatim's inbound ≤ 40 (domain.md §2.5). It binds moves into the
 * agency from another one, so moves within an agency are not judged on it [BK]. As elsewhere, "≤ 40"
 * admits a 40-year-old up to the day before the 41st birthday; the birth date comes from the NIP.
 */
export function ageLimit(move: MoveFacts, policy: MobilityPolicy, asOf: Date): MobilityVerdict | null {
  if (move.from.agencyCode === move.to.agencyCode) return null;
  const max = policy.maxAge.byAgency?.[move.to.agencyCode] ?? policy.maxAge.default;
  if (max === null) return null;
  const nip = parseNip(move.person.nip, 'pns');
  if (!nip.ok) {
    return verdict(
      'ageLimit',
      policy,
      false,
      `birth date unknown: ${nip.issues.map((i) => i.rule).join(', ')}`,
      `usia tidak dapat dihitung karena tanggal lahir diambil dari NIP ${move.person.nip} yang tidak sah`,
      `age cannot be computed: the birth date comes from the NIP ${move.person.nip}, which is invalid`,
    );
  }
  const today = wibDate(asOf);
  const birth = nip.value.birthDate;
  const age = wholeYearsBetween(birth, today);
  const ok = age <= max;
  const agency = move.to.agencyCode;
  return verdict(
    'ageLimit',
    policy,
    ok,
    `${age}y at ${today}, born ${birth} (max ${max} for ${agency})`,
    ok
      ? `usia ${age} tahun per ${today} tidak melebihi batas ${max} tahun yang ditetapkan ${agency}`
      : `usia ${age} tahun per ${today} melebihi batas ${max} tahun yang ditetapkan ${agency} untuk pegawai pindahan`,
    ok
      ? `age ${age} on ${today} is within the ${max}-year limit set by ${agency}`
      : `age ${age} on ${today} exceeds the ${max}-year limit ${agency} sets for incoming staff`,
  );
}
