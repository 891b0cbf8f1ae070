import type { FieldIssue } from '../errors';
import { isGolongan } from '../personnel/golongan';
import { BUSINESS_CODE_PATTERN } from '../personnel/position';
import { CURRENT_POST_TYPES, EDUCATION_LEVELS, PERFORMANCE_PREDICATES, SANCTION_LEVELS } from '../selection/candidate';
import { parseIsoDate } from '../selection/iso-date';
import { PERFORMANCE_AXIS, POTENTIAL_AXIS } from '../mobility/talent';
import { sequenceProblem } from './rank-sequence';
import { NIP_KINDS, parseNip } from '../selection/nip';
import {
  PERSON_SOURCES,
  RANK_CHANGE_KINDS,
  SANCTIONS,
  SERVICE_END_REASONS,
  type PersonProfile,
  type RegisterEventDraft,
  type RegisterEventPayloads,
} from './register.types';

/** The version of the checks below; an import batch and every event record it. */
export const REGISTER_RULES_VERSION = 'register@2026-12-06';

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

const MAX_TEXT = 200;
const PERIOD = /^\d{4}(-(S1|S2|Q[1-4]))?$/;

/** What a draft is checked against: the person as the register knows them (null before registration). */
export interface RegisterContext {
  nip: string;
  person: PersonProfile | null;
  /** Ids of this person's stored events, for retractions. */
  eventIds: ReadonlySet<number>;
  /** Today's WIB date, 'YYYY-MM-DD'. */
  today: string;
}

function date(issues: FieldIssue[], field: string, value: unknown, label: { id: string; en: string }): value is string {
  if (typeof value === 'string' && parseIsoDate(value)) return true;
  issues.push(
    issue(
      field,
      'date',
      `${label.id} "${String(value ?? '')}" bukan tanggal yang ada (YYYY-MM-DD)`,
      `${label.en} "${String(value ?? '')}" is not a real date (YYYY-MM-DD)`,
    ),
  );
  return false;
}

function text(issues: FieldIssue[], field: string, value: unknown, label: { id: string; en: string }): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_TEXT) {
    issues.push(
      issue(
        field,
        'text',
        `${label.id} wajib diisi (paling banyak ${MAX_TEXT} karakter)`,
        `${label.en} is required (at most ${MAX_TEXT} characters)`,
      ),
    );
  }
}

function code(issues: FieldIssue[], field: string, value: unknown, label: { id: string; en: string }): void {
  if (typeof value !== 'string' || !BUSINESS_CODE_PATTERN.test(value)) {
    issues.push(
      issue(
        field,
        'code',
        `${label.id} "${String(value ?? '')}" harus berupa kode huruf besar, angka, titik, garis bawah atau tanda hubung`,
        `${label.en} "${String(value ?? '')}" must be a code of capitals, digits, dots, underscores or hyphens`,
      ),
    );
  }
}

function oneOf<T extends string>(issues: FieldIssue[], field: string, value: unknown, allowed: readonly T[], label: string): value is T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
  issues.push(
    issue(
      field,
      'isIn',
      `${label} "${String(value ?? '')}" harus salah satu dari: ${allowed.join(', ')}`,
      `${label} "${String(value ?? '')}" must be one of: ${allowed.join(', ')}`,
    ),
  );
  return false;
}

function notBeforeBirth(issues: FieldIssue[], field: string, value: string, person: PersonProfile | null): void {
  if (person && value < person.birthDate) {
    issues.push(
      issue(
        field,
        'beforeBirth',
        `tanggal ${value} jatuh sebelum tanggal lahir ${person.birthDate}`,
        `${value} falls before the birth date ${person.birthDate}`,
      ),
    );
  }
}

function checkRegistration(p: RegisterEventPayloads['person_registered'], ctx: RegisterContext, issues: FieldIssue[]): void {
  if (ctx.person) {
    issues.push(issue('nip', 'register.exists', `NIP ${ctx.nip} sudah terdaftar`, `NIP ${ctx.nip} is already registered`));
    return;
  }
  if (!oneOf(issues, 'employmentType', p.employmentType, NIP_KINDS, 'jenis kepegawaian / employment type')) return;
  const parsed = parseNip(ctx.nip, p.employmentType, 'nip');
  if (!parsed.ok) issues.push(...parsed.issues);
  text(issues, 'name', p.name, { id: 'nama', en: 'the name' });
  code(issues, 'unitCode', p.unitCode, { id: 'kode unit', en: 'the unit code' });
  oneOf(issues, 'source', p.source, PERSON_SOURCES, 'sumber / source');
  if (
    date(issues, 'birthDate', p.birthDate, { id: 'tanggal lahir', en: 'the birth date' }) &&
    parsed.ok &&
    parsed.value.birthDate !== p.birthDate
  ) {
    issues.push(
      issue(
        'birthDate',
        'nip.birthDate',
        `tanggal lahir ${p.birthDate} tidak sesuai dengan digit 1–8 NIP (${parsed.value.birthDate})`,
        `the birth date ${p.birthDate} does not match digits 1–8 of the NIP (${parsed.value.birthDate})`,
      ),
    );
  }
  if (oneOf(issues, 'sex', p.sex, ['male', 'female'] as const, 'jenis kelamin / sex') && parsed.ok && parsed.value.sex !== p.sex) {
    issues.push(issue('sex', 'nip.sex', `jenis kelamin tidak sesuai dengan digit 15 NIP`, `the sex does not match digit 15 of the NIP`));
  }
  if (p.source === 'external') code(issues, 'homeAgencyCode', p.homeAgencyCode, { id: 'kode instansi asal', en: 'the home agency code' });
}

/** The rank in force just before `tmt`, and the one recorded after it, from the person's history. */
function neighbours(person: PersonProfile, tmt: string) {
  const before = person.rankHistory.filter((r) => r.tmt < tmt);
  const after = person.rankHistory.filter((r) => r.tmt > tmt);
  return { prev: before[before.length - 1] ?? null, next: after[0] ?? null };
}

function checkRank(p: RegisterEventPayloads['rank_changed'], person: PersonProfile, issues: FieldIssue[]): void {
  if (person.employmentType === 'pppk') {
    issues.push(issue('golongan', 'rank.pppk', 'PPPK tidak memiliki golongan PNS', 'PPPK officials hold no PNS grade'));
    return;
  }
  const okGrade = isGolongan(p.golongan);
  if (!okGrade)
    issues.push(
      issue(
        'golongan',
        'isIn',
        `golongan "${String(p.golongan)}" tidak dikenal (I/a … IV/e)`,
        `grade "${String(p.golongan)}" is unknown (I/a … IV/e)`,
      ),
    );
  const okKind = oneOf(issues, 'kind', p.kind, RANK_CHANGE_KINDS, 'jenis perubahan / kind');
  text(issues, 'decreeNumber', p.decreeNumber, { id: 'nomor SK', en: 'the decree number' });
  if (!date(issues, 'tmt', p.tmt, { id: 'TMT', en: 'the TMT' }) || !okGrade || !okKind) return;
  notBeforeBirth(issues, 'tmt', p.tmt, person);
  if (person.rankHistory.some((r) => r.tmt === p.tmt)) {
    issues.push(
      issue('tmt', 'rank.duplicateTmt', `sudah ada golongan dengan TMT ${p.tmt}`, `a grade with TMT ${p.tmt} is already recorded`),
    );
    return;
  }
  const { prev, next } = neighbours(person, p.tmt);
  const follows = sequenceProblem(p, prev);
  if (follows) {
    issues.push(issue('golongan', 'rank.sequence', follows.id, follows.en));
    return;
  }
  // A back-dated grade must also leave the grade recorded after it in sequence.
  const breaks = next && sequenceProblem(next, p);
  if (breaks) {
    issues.push(
      issue(
        'golongan',
        'rank.sequence',
        `golongan ${next.golongan} (TMT ${next.tmt}) yang sudah tercatat tidak lagi berurutan: ${breaks.id}`,
        `the recorded grade ${next.golongan} (TMT ${next.tmt}) would no longer follow: ${breaks.en}`,
      ),
    );
  }
}

function checkPosition(p: RegisterEventPayloads['position_assigned'], person: PersonProfile, issues: FieldIssue[]): void {
  code(issues, 'postCode', p.postCode, { id: 'kode jabatan', en: 'the post code' });
  code(issues, 'unitCode', p.unitCode, { id: 'kode unit', en: 'the unit code' });
  text(issues, 'title', p.title, { id: 'nama jabatan', en: 'the post title' });
  text(issues, 'decreeNumber', p.decreeNumber, { id: 'nomor SK', en: 'the decree number' });
  oneOf(issues, 'postType', p.postType, CURRENT_POST_TYPES, 'jenis jabatan / post type');
  if (!date(issues, 'from', p.from, { id: 'tanggal mulai', en: 'the start date' })) return;
  notBeforeBirth(issues, 'from', p.from, person);
  if (person.positionHistory.some((h) => h.from === p.from)) {
    issues.push(
      issue(
        'from',
        'position.duplicateFrom',
        `sudah ada jabatan yang dimulai ${p.from}`,
        `a post starting on ${p.from} is already recorded`,
      ),
    );
  }
}

function checkPositionEnd(p: RegisterEventPayloads['position_ended'], person: PersonProfile, issues: FieldIssue[]): void {
  if (!date(issues, 'to', p.to, { id: 'tanggal selesai', en: 'the end date' })) return;
  const held = person.position;
  if (!held) {
    issues.push(issue('to', 'position.none', 'tidak ada jabatan yang sedang diduduki', 'no post is currently held'));
  } else if (p.to < held.from) {
    issues.push(
      issue(
        'to',
        'position.endBeforeStart',
        `tanggal selesai ${p.to} sebelum mulai menjabat ${held.from}`,
        `the end date ${p.to} is before the post started on ${held.from}`,
      ),
    );
  }
}

/** The latest dated fact of the record (TMTs, post dates, graduation, sanctions, assessments, credentials). */
function lastDatedFact(person: PersonProfile): string | null {
  const dates = [
    ...person.rankHistory.map((r) => r.tmt),
    ...person.positionHistory.flatMap((p) => (p.to === null ? [p.from] : [p.from, p.to])),
    ...person.education.map((e) => e.graduatedOn),
    ...person.sanctions.map((s) => s.imposedOn),
    ...person.competencies.map((c) => c.assessedOn),
    ...person.credentials.map((c) => c.issuedOn),
  ];
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

function checkServiceEnd(p: RegisterEventPayloads['service_ended'], person: PersonProfile, issues: FieldIssue[]): void {
  oneOf(issues, 'reason', p.reason, SERVICE_END_REASONS, 'alasan berhenti / reason');
  text(issues, 'decreeNumber', p.decreeNumber, { id: 'nomor SK', en: 'the decree number' });
  if (!date(issues, 'endedOn', p.endedOn, { id: 'TMT berhenti', en: 'the end of service (TMT)' })) return;
  notBeforeBirth(issues, 'endedOn', p.endedOn, person);
  const last = lastDatedFact(person);
  if (last !== null && last > p.endedOn) {
    issues.push(
      issue(
        'endedOn',
        'service.factsAfterEnd',
        `data pegawai sudah memuat fakta bertanggal ${last}, setelah TMT berhenti ${p.endedOn}`,
        `the record already holds a fact dated ${last}, after the end of service on ${p.endedOn}`,
      ),
    );
  }
}

/** Once service has ended, only a retraction may follow; nothing may take effect after the end. */
function checkAfterEnd(draft: RegisterEventDraft, ended: RegisterEventPayloads['service_ended'], today: string): FieldIssue[] {
  if (draft.type === 'events_retracted') return [];
  if (draft.type === 'service_ended') {
    return [
      issue(
        'type',
        'service.alreadyEnded',
        `masa kerja pegawai ini sudah berakhir pada ${ended.endedOn}; tarik peristiwa itu dulu untuk mencatat yang lain`,
        `this official's service already ended on ${ended.endedOn}; retract that event first to record another`,
      ),
    ];
  }
  const after =
    draft.type === 'performance_rated'
      ? Number(draft.payload.year) > Number(ended.endedOn.slice(0, 4))
      : effectiveDateOf(draft, today) > ended.endedOn;
  if (!after) return [];
  return [
    issue(
      'type',
      'service.ended',
      `masa kerja pegawai ini berakhir pada ${ended.endedOn}; tidak ada perubahan yang berlaku sesudahnya`,
      `this official's service ended on ${ended.endedOn}; no change may take effect after it`,
    ),
  ];
}

function checkOther(draft: RegisterEventDraft, ctx: RegisterContext, person: PersonProfile, issues: FieldIssue[]): void {
  switch (draft.type) {
    case 'identity_changed': {
      const p = draft.payload;
      if (p.name === undefined && p.unitCode === undefined)
        issues.push(issue('payload', 'required', 'ubah nama atau unit', 'change the name or the unit'));
      if (p.name !== undefined) text(issues, 'name', p.name, { id: 'nama', en: 'the name' });
      if (p.unitCode !== undefined) code(issues, 'unitCode', p.unitCode, { id: 'kode unit', en: 'the unit code' });
      return;
    }
    case 'education_recorded': {
      const p = draft.payload;
      oneOf(issues, 'level', p.level, EDUCATION_LEVELS, 'jenjang pendidikan / education level');
      if (date(issues, 'graduatedOn', p.graduatedOn, { id: 'tanggal lulus', en: 'the graduation date' }))
        notBeforeBirth(issues, 'graduatedOn', p.graduatedOn, person);
      return;
    }
    case 'performance_rated': {
      const p = draft.payload;
      oneOf(issues, 'predicate', p.predicate, PERFORMANCE_PREDICATES, 'predikat kinerja / predicate');
      const thisYear = Number(ctx.today.slice(0, 4));
      const birthYear = Number(person.birthDate.slice(0, 4));
      if (!Number.isInteger(p.year) || p.year > thisYear || p.year < birthYear + 15) {
        issues.push(
          issue(
            'year',
            'year',
            `tahun penilaian ${String(p.year)} tidak masuk akal (paling lambat ${thisYear})`,
            `rating year ${String(p.year)} is not plausible (at most ${thisYear})`,
          ),
        );
      }
      return;
    }
    case 'sanction_recorded': {
      const p = draft.payload;
      text(issues, 'decreeNumber', p.decreeNumber, { id: 'nomor SK', en: 'the decree number' });
      if (oneOf(issues, 'level', p.level, SANCTION_LEVELS, 'tingkat hukuman / level')) {
        const allowed: readonly string[] = SANCTIONS[p.level];
        if (!allowed.includes(p.sanction)) {
          issues.push(
            issue(
              'sanction',
              'sanction.level',
              `jenis hukuman "${String(p.sanction)}" bukan hukuman disiplin tingkat ${p.level} (${allowed.join(', ')})`,
              `sanction "${String(p.sanction)}" is not a ${p.level} sanction (${allowed.join(', ')})`,
            ),
          );
        }
      }
      if (date(issues, 'imposedOn', p.imposedOn, { id: 'tanggal penjatuhan', en: 'the imposition date' })) {
        notBeforeBirth(issues, 'imposedOn', p.imposedOn, person);
        if (
          p.endsOn !== undefined &&
          date(issues, 'endsOn', p.endsOn, { id: 'tanggal berakhir', en: 'the end date' }) &&
          p.endsOn < p.imposedOn
        ) {
          issues.push(
            issue(
              'endsOn',
              'sanction.endsBeforeImposed',
              `hukuman berakhir ${p.endsOn} sebelum dijatuhkan ${p.imposedOn}`,
              `the sanction ends on ${p.endsOn}, before it was imposed on ${p.imposedOn}`,
            ),
          );
        }
      }
      return;
    }
    case 'competency_assessed': {
      const p = draft.payload;
      text(issues, 'method', p.method, { id: 'metode', en: 'the method' });
      text(issues, 'assessor', p.assessor, { id: 'asesor', en: 'the assessor' });
      if (date(issues, 'assessedOn', p.assessedOn, { id: 'tanggal asesmen', en: 'the assessment date' }))
        notBeforeBirth(issues, 'assessedOn', p.assessedOn, person);
      const entries = p.levels && typeof p.levels === 'object' ? Object.entries(p.levels) : [];
      if (entries.length === 0)
        issues.push(issue('levels', 'required', 'isi level paling sedikit satu kompetensi', 'give the level of at least one competency'));
      for (const [name, level] of entries) {
        if (!Number.isInteger(level) || level < 1 || level > 5) {
          issues.push(
            issue(
              `levels.${name}`,
              'range',
              `level kompetensi ${name} harus 1–5, bukan ${String(level)}`,
              `the level of ${name} must be 1–5, not ${String(level)}`,
            ),
          );
        }
      }
      if (p.jpmPercent !== undefined && (typeof p.jpmPercent !== 'number' || !(p.jpmPercent >= 0 && p.jpmPercent <= 100))) {
        issues.push(issue('jpmPercent', 'range', 'JPM harus 0–100 persen', 'the JPM must be 0–100 percent'));
      }
      return;
    }
    case 'credential_recorded': {
      const p = draft.payload;
      code(issues, 'code', typeof p.code === 'string' ? p.code.toUpperCase() : p.code, {
        id: 'kode sertifikat',
        en: 'the credential code',
      });
      if (date(issues, 'issuedOn', p.issuedOn, { id: 'tanggal terbit', en: 'the issue date' })) {
        notBeforeBirth(issues, 'issuedOn', p.issuedOn, person);
        if (
          p.validUntil !== undefined &&
          date(issues, 'validUntil', p.validUntil, { id: 'berlaku sampai', en: 'the expiry date' }) &&
          p.validUntil < p.issuedOn
        ) {
          issues.push(
            issue('validUntil', 'credential.expiresBeforeIssued', 'berlaku sampai sebelum tanggal terbit', 'expires before it was issued'),
          );
        }
      }
      return;
    }
    case 'talent_placed': {
      const p = draft.payload;
      if (typeof p.period !== 'string' || !PERIOD.test(p.period)) {
        issues.push(
          issue(
            'period',
            'format',
            `periode "${String(p.period)}" harus YYYY, YYYY-S1/S2 atau YYYY-Q1…Q4`,
            `period "${String(p.period)}" must be YYYY, YYYY-S1/S2 or YYYY-Q1…Q4`,
          ),
        );
      }
      oneOf(issues, 'performance', p.performance, PERFORMANCE_AXIS, 'sumbu kinerja / performance axis');
      oneOf(issues, 'potential', p.potential, POTENTIAL_AXIS, 'sumbu potensial / potential axis');
      if (!Number.isInteger(p.box) || p.box < 1 || p.box > 9)
        issues.push(issue('box', 'range', 'kotak 9-box harus 1–9', 'the 9-box box must be 1–9'));
      return;
    }
    case 'events_retracted': {
      const ids = Array.isArray(draft.payload.eventIds) ? draft.payload.eventIds : [];
      if (ids.length === 0) issues.push(issue('eventIds', 'required', 'sebutkan peristiwa yang ditarik', 'name the events to retract'));
      for (const id of ids) {
        if (!ctx.eventIds.has(id)) {
          issues.push(
            issue(
              'eventIds',
              'register.unknownEvent',
              `peristiwa ${String(id)} tidak ada pada data pegawai ini`,
              `event ${String(id)} is not part of this official's record`,
            ),
          );
        }
      }
      return;
    }
    default:
      return;
  }
}

/**
 * Checks one change against the person as the register knows them. Every failed check is reported,
 * so an import gives a complete per-row error report; an empty list means the change may be stored.
 */
export function checkRegisterEvent(draft: RegisterEventDraft, ctx: RegisterContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!draft || typeof draft.payload !== 'object' || draft.payload === null) {
    return [issue('payload', 'required', 'isi data perubahan', 'give the change')];
  }
  if (draft.type === 'person_registered') {
    checkRegistration(draft.payload, ctx, issues);
    return issues;
  }
  const person = ctx.person;
  if (!person) return [issue('nip', 'register.unknownNip', `NIP ${ctx.nip} tidak terdaftar`, `NIP ${ctx.nip} is not in the register`)];
  if (person.serviceEnded) {
    const ended = checkAfterEnd(draft, person.serviceEnded, ctx.today);
    if (ended.length > 0) return ended;
  }
  if (draft.type === 'rank_changed') checkRank(draft.payload, person, issues);
  else if (draft.type === 'position_assigned') checkPosition(draft.payload, person, issues);
  else if (draft.type === 'position_ended') checkPositionEnd(draft.payload, person, issues);
  else if (draft.type === 'service_ended') checkServiceEnd(draft.payload, person, issues);
  else checkOther(draft, ctx, person, issues);
  return issues;
}

/** The date a change takes effect: what a profile "as of" a date filters on. */
export function effectiveDateOf(draft: RegisterEventDraft, today: string): string {
  switch (draft.type) {
    case 'person_registered':
      return draft.payload.birthDate;
    case 'rank_changed':
      return draft.payload.tmt;
    case 'position_assigned':
      return draft.payload.from;
    case 'position_ended':
      return draft.payload.to;
    case 'education_recorded':
      return draft.payload.graduatedOn;
    case 'performance_rated':
      // A year's rating is final at the year's end.
      return `${draft.payload.year}-12-31`;
    case 'sanction_recorded':
      return draft.payload.imposedOn;
    case 'competency_assessed':
      return draft.payload.assessedOn;
    case 'credential_recorded':
      return draft.payload.issuedOn;
    case 'service_ended':
      return draft.payload.endedOn;
    default:
      return today;
  }
}
