import type { FieldIssue } from '../errors';
import { addMonthsIso, previousDayIso } from '../mobility/months';
import { GOLONGAN_CODES, golonganRank, type Golongan } from '../personnel/golongan';
import type { CurrentPostType, SanctionLevel } from '../selection/candidate';
import { parseIsoDate } from '../selection/iso-date';
import { SANCTIONS, type PersonProfile, type RegisterEventDraft, type Sanction, type ServiceEndReason } from '../register/register.types';

/** Version of the discipline rules below (PP 94/2021); recorded with every decision they judged. */
export const DISCIPLINE_RULES_VERSION = 'pp94-2021/1.0.0';

/** Administrative appeals (upaya administratif, PP 94/2021 Bab V): an objection or an administrative appeal. */
export const APPEAL_KINDS = ['keberatan', 'banding'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** What the body deciding an appeal may do with the sanction. */
export const APPEAL_OUTCOMES = ['upheld', 'changed', 'annulled'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** A pelaksana post a heavy sanction moves the official to for 12 months. */
export interface PelaksanaPost {
  postCode: string;
  title: string;
  unitCode: string;
}

/** The official as the discipline case sees them: from the register, as of a date. */
export interface DisciplineSubject {
  nip: string;
  name: string;
  employmentType: string;
  golongan: Golongan | null;
  position: { postCode: string; title: string; postType: CurrentPostType; unitCode: string; from: string } | null;
  /** The register event id the facts reflect. */
  registerVersion: number;
  asOf: string;
}

export const disciplineSubjectOf = (p: PersonProfile): DisciplineSubject => ({
  nip: p.nip,
  name: p.name,
  employmentType: p.employmentType,
  golongan: p.rank?.golongan ?? null,
  position: p.position
    ? {
        postCode: p.position.postCode,
        title: p.position.title,
        postType: p.position.postType,
        unitCode: p.position.unitCode,
        from: p.position.from,
      }
    : null,
  registerVersion: p.version,
  asOf: p.asOf,
});

/** The sanction decided (or changed on appeal), with what it needs to take effect. */
export interface SanctionChoice {
  level: SanctionLevel;
  sanction: Sanction;
  /** Only for pembebasan_jabatan_pelaksana_12_bulan. */
  pelaksanaPost?: PelaksanaPost;
}

export interface ExaminationRecord {
  examinedOn: string;
  team: { id: string; name: string }[];
  /** The examination minutes (BAP): the evidence the decision rests on. */
  minutes: number;
}

/** How long a time-bound sanction lasts, in months (PP 94/2021 Pasal 8); null: not time-bound. */
export function sanctionTermMonths(sanction: Sanction): number | null {
  const cut = /^potongan_tunjangan_25_(\d+)_bulan$/.exec(sanction);
  if (cut) return Number(cut[1]);
  if (sanction === 'penurunan_jabatan_12_bulan' || sanction === 'pembebasan_jabatan_pelaksana_12_bulan') return 12;
  return null;
}

/** The last day a sanction imposed on `imposedOn` is in force: `months` later, less a day. */
export const sanctionEndsOn = (imposedOn: string, months: number): string => previousDayIso(addMonthsIso(imposedOn, months));

export const isDismissal = (s: Sanction): boolean => s === 'pemberhentian_dengan_hormat' || s === 'pemberhentian_tidak_dengan_hormat';

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

const isLevel = (v: unknown): v is SanctionLevel => typeof v === 'string' && Object.prototype.hasOwnProperty.call(SANCTIONS, v);

/** The grade a one-level demotion leads to, or why there is none (already I/a, or no grade at all: PPPK). */
export function demotionTarget(
  golongan: Golongan | null,
  field = 'sanction',
): { ok: true; golongan: Golongan } | { ok: false; issue: FieldIssue } {
  if (!golongan)
    return {
      ok: false,
      issue: issue(
        field,
        'discipline.noGrade',
        'pegawai tidak memiliki golongan dalam register; penurunan jabatan setingkat tidak dapat dijatuhkan',
        'the official holds no grade in the register; a one-level demotion cannot be imposed',
      ),
    };
  const rank = golonganRank(golongan);
  if (rank <= 0)
    return {
      ok: false,
      issue: issue(
        field,
        'discipline.lowestGrade',
        `golongan ${golongan} adalah yang terendah; penurunan setingkat di bawahnya tidak ada`,
        `${golongan} is the lowest grade; there is no grade one level below it`,
      ),
    };
  return { ok: true, golongan: GOLONGAN_CODES[rank - 1] };
}

/**
 * Whether a sanction may be decided: the level names it (PP 94/2021 Pasal 8), a heavy sanction rests
 * on an examination team's minutes (Pasal 33), a demotion has a grade to go down to, and a move to a
 * pelaksana post names that post.
 */
export function checkSanctionChoice(
  c: Partial<SanctionChoice>,
  ctx: { subject: DisciplineSubject; examination: ExaminationRecord | null; minExaminationTeam: number },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isLevel(c.level)) {
    issues.push(issue('level', 'isIn', 'tingkat hukuman harus light, medium atau heavy', 'the level must be light, medium or heavy'));
    return issues;
  }
  const allowed = SANCTIONS[c.level] as readonly string[];
  if (typeof c.sanction !== 'string' || !allowed.includes(c.sanction)) {
    issues.push(
      issue(
        'sanction',
        'discipline.sanctionLevel',
        `jenis hukuman "${String(c.sanction ?? '')}" bukan hukuman disiplin tingkat ${c.level} (${allowed.join(', ')})`,
        `sanction "${String(c.sanction ?? '')}" is not a ${c.level} sanction (${allowed.join(', ')})`,
      ),
    );
    return issues;
  }
  if (c.level === 'heavy') {
    const ex = ctx.examination;
    if (!ex || ex.team.length < ctx.minExaminationTeam || ex.minutes === 0)
      issues.push(
        issue(
          'level',
          'discipline.examinationTeamRequired',
          `hukuman berat wajib didasarkan pada pemeriksaan oleh tim pemeriksa (sedikitnya ${ctx.minExaminationTeam} orang) dengan berita acara pemeriksaan`,
          `a heavy sanction must rest on an examination by an examination team (at least ${ctx.minExaminationTeam} members) with its minutes`,
        ),
      );
  }
  if (c.sanction === 'penurunan_jabatan_12_bulan') {
    const target = demotionTarget(ctx.subject.golongan);
    if (!target.ok) issues.push(target.issue);
  }
  if (c.sanction === 'pembebasan_jabatan_pelaksana_12_bulan') {
    const p = c.pelaksanaPost;
    if (!p || !p.postCode || !p.title || !p.unitCode)
      issues.push(
        issue(
          'pelaksanaPost',
          'required',
          'sebutkan jabatan pelaksana tujuan (kode, nama, unit)',
          'name the pelaksana post the official moves to (code, title, unit)',
        ),
      );
  } else if (c.pelaksanaPost) {
    issues.push(
      issue(
        'pelaksanaPost',
        'discipline.onlyForPelaksanaMove',
        'jabatan pelaksana hanya untuk hukuman pembebasan dari jabatan menjadi pelaksana',
        'a pelaksana post belongs only to the move-to-pelaksana sanction',
      ),
    );
  }
  return issues;
}

/** A date field that must be a real date, not after `today`. */
export function checkPastDate(field: string, value: unknown, today: string): FieldIssue[] {
  if (typeof value !== 'string' || !parseIsoDate(value))
    return [issue(field, 'date', `${field} harus tanggal yang ada (YYYY-MM-DD)`, `${field} must be a real date (YYYY-MM-DD)`)];
  if (value > today) return [issue(field, 'notFuture', `${field} ${value} belum terjadi`, `${field} ${value} is in the future`)];
  return [];
}

/** The decree follows the decision, and the sanction takes effect on or after the decree's date. */
export function checkDecree(d: { decreeDate: unknown; effectiveDate: unknown }, decidedOn: string, today: string): FieldIssue[] {
  const issues = checkPastDate('decreeDate', d.decreeDate, today);
  if (typeof d.effectiveDate !== 'string' || !parseIsoDate(d.effectiveDate))
    issues.push(issue('effectiveDate', 'date', 'TMT harus tanggal yang ada (YYYY-MM-DD)', 'the TMT must be a real date (YYYY-MM-DD)'));
  if (issues.length > 0) return issues;
  const decree = d.decreeDate as string;
  if (decree < decidedOn)
    issues.push(
      issue(
        'decreeDate',
        'discipline.decreeBeforeDecision',
        `SK hukuman disiplin bertanggal ${decree}, sebelum keputusan PPK pada ${decidedOn}`,
        `the decree is dated ${decree}, before the PPK decided on ${decidedOn}`,
      ),
    );
  if ((d.effectiveDate as string) < decree)
    issues.push(
      issue(
        'effectiveDate',
        'discipline.tmtBeforeDecree',
        `TMT ${String(d.effectiveDate)} sebelum tanggal SK ${decree}`,
        `the TMT ${String(d.effectiveDate)} is before the decree's date ${decree}`,
      ),
    );
  return issues;
}

export interface AppealWindowSettings {
  /** Calendar days after the decree's date within which each kind of appeal may be filed. */
  days: Record<AppealKind, number>;
}

/** The appeal a sanction is open to: a dismissal goes to administrative appeal (banding), the rest to objection (keberatan). */
export const appealKindOf = (sanction: Sanction): AppealKind => (isDismissal(sanction) ? 'banding' : 'keberatan');

/** The last day an appeal of `kind` against a decree dated `decreeDate` may be filed. */
export const appealWindowEndsOn = (decreeDate: string, kind: AppealKind, settings: AppealWindowSettings): string =>
  addDaysIso(decreeDate, settings.days[kind]);

/** An appeal is filed on a real date within the window; one filed after it is late. */
export function checkAppealFiled(
  filedOn: unknown,
  window: { opensOn: string; endsOn: string; closed: boolean },
  today: string,
): { ok: true } | { ok: false; late: boolean; issues: FieldIssue[] } {
  const dated = checkPastDate('filedOn', filedOn, today);
  if (dated.length > 0) return { ok: false, late: false, issues: dated };
  const on = filedOn as string;
  if (on < window.opensOn)
    return {
      ok: false,
      late: false,
      issues: [
        issue(
          'filedOn',
          'discipline.appealBeforeDecree',
          `keberatan ${on} sebelum SK ${window.opensOn}`,
          `appeal ${on} before the decree ${window.opensOn}`,
        ),
      ],
    };
  if (on > window.endsOn || window.closed)
    return {
      ok: false,
      late: true,
      issues: [
        issue(
          'filedOn',
          'discipline.appealLate',
          `upaya administratif diajukan ${on}, setelah batas waktunya berakhir ${window.endsOn}`,
          `the appeal was filed on ${on}, after its window ended on ${window.endsOn}`,
        ),
      ],
    };
  return { ok: true };
}

export function addDaysIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface SanctionInForce extends SanctionChoice {
  decreeNumber: string;
  imposedOn: string;
  endsOn: string | null;
}

/** The sanction as it takes effect on its TMT. */
export function sanctionTermOf(c: SanctionChoice, decree: { number: string; effectiveDate: string }): SanctionInForce {
  const months = sanctionTermMonths(c.sanction);
  return {
    ...c,
    decreeNumber: decree.number,
    imposedOn: decree.effectiveDate,
    endsOn: months === null ? null : sanctionEndsOn(decree.effectiveDate, months),
  };
}

/** How a dismissal ends service in the register; other sanctions do not end it. */
export const DISMISSAL_SERVICE_END: Partial<Record<Sanction, ServiceEndReason>> = {
  pemberhentian_dengan_hormat: 'dismissal_honourable',
  pemberhentian_tidak_dengan_hormat: 'dismissal_dishonourable',
};

/**
 * The register events a sanction writes when it takes effect: the sanction itself, and for a heavy
 * one its effect on the grade or the post, or for a dismissal the end of service on its TMT.
 * `endsService: false` leaves the end out, as cases started before the register knew it did.
 */
export function effectDrafts(
  s: SanctionInForce,
  subject: DisciplineSubject,
  options: { endsService: boolean } = { endsService: true },
): RegisterEventDraft[] {
  const drafts: RegisterEventDraft[] = [
    {
      type: 'sanction_recorded',
      payload: {
        level: s.level,
        sanction: s.sanction,
        imposedOn: s.imposedOn,
        ...(s.endsOn ? { endsOn: s.endsOn } : {}),
        decreeNumber: s.decreeNumber,
      },
    },
  ];
  if (s.sanction === 'penurunan_jabatan_12_bulan') {
    const target = demotionTarget(subject.golongan);
    if (target.ok)
      drafts.push({
        type: 'rank_changed',
        payload: { golongan: target.golongan, tmt: s.imposedOn, decreeNumber: s.decreeNumber, kind: 'demotion' },
      });
  }
  if (s.sanction === 'pembebasan_jabatan_pelaksana_12_bulan' && s.pelaksanaPost) {
    drafts.push({
      type: 'position_assigned',
      payload: { ...s.pelaksanaPost, postType: 'pelaksana', from: s.imposedOn, decreeNumber: s.decreeNumber },
    });
  }
  const endReason = DISMISSAL_SERVICE_END[s.sanction];
  if (endReason && options.endsService) {
    drafts.push({ type: 'service_ended', payload: { endedOn: s.imposedOn, reason: endReason, decreeNumber: s.decreeNumber } });
  }
  return drafts;
}

/**
 * What restoring the official after a time-bound sanction writes, the day after it ends: the grade
 * held before a demotion, or the post held before the move to a pelaksana post. An allowance cut
 * simply ends (its end date is already in the register).
 */
export function restorationDrafts(s: SanctionInForce, before: DisciplineSubject, decreeNumber: string): RegisterEventDraft[] {
  if (!s.endsOn) return [];
  const on = addDaysIso(s.endsOn, 1);
  if (s.sanction === 'penurunan_jabatan_12_bulan' && before.golongan)
    return [{ type: 'rank_changed', payload: { golongan: before.golongan, tmt: on, decreeNumber, kind: 'regular' } }];
  if (s.sanction === 'pembebasan_jabatan_pelaksana_12_bulan' && before.position) {
    const { from: _from, ...post } = before.position;
    return [{ type: 'position_assigned', payload: { ...post, from: on, decreeNumber } }];
  }
  return [];
}
