import type { FieldIssue } from '../errors';
import type { SanctionLevel } from '../selection/candidate';
import type { Sanction } from '../register/register.types';
import {
  APPEAL_KINDS,
  checkAppealFiled,
  checkDecree,
  checkPastDate,
  checkSanctionChoice,
  restorationDrafts,
  type AppealKind,
  type DisciplineSubject,
  type ExaminationRecord,
  type PelaksanaPost,
  type SanctionChoice,
  type SanctionInForce,
} from './discipline-rules';

/** The fields of a discipline decision the rules below read (the contract's decision input has them all). */
export interface DisciplineDecisionFields {
  decision: string;
  examinedOn?: string;
  team?: { id: string; name: string }[];
  level?: SanctionLevel;
  sanction?: string;
  pelaksanaPost?: PelaksanaPost;
  decidedOn?: string;
  decreeNumber?: string;
  decreeDate?: string;
  effectiveDate?: string;
  appealKind?: AppealKind;
  filedOn?: string;
  restorationDecreeNumber?: string;
}

/** What the case knows when a decision arrives. */
export interface DisciplineCaseFacts {
  reportedOn: string;
  subject: DisciplineSubject;
  examination: ExaminationRecord | null;
  minExaminationTeam: number;
  decidedOn: string | null;
  appealWindow: { kind: AppealKind; opensOn: string; endsOn: string; closed: boolean } | null;
  inForce: SanctionInForce | null;
  subjectAtEffect: DisciplineSubject | null;
}

export type DisciplineFieldsVerdict =
  | { ok: true }
  | { ok: false; late: false; fields: FieldIssue[] }
  /** An appeal filed after its window: refused as late (APPEAL_WINDOW_CLOSED), not as bad input. */
  | { ok: false; late: true; endsOn: string; filedOn: unknown; fields: FieldIssue[] };

const DECREE_NUMBER = /^[A-Za-z0-9./ -]{3,100}$/;
const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

const choiceOf = (d: DisciplineDecisionFields): Partial<SanctionChoice> => ({
  level: d.level,
  sanction: d.sanction as Sanction | undefined,
  ...(d.pelaksanaPost ? { pelaksanaPost: d.pelaksanaPost } : {}),
});

/**
 * The field rules of each discipline decision (PP 94/2021 as the SOP orders it), judged on `today`
 * (WIB): dates in order (report ≤ examination ≤ decision ≤ decree ≤ TMT), the team, the sanction
 * against its level and the subject, the decree numbers, and an appeal's kind and window.
 */
export function checkDisciplineDecisionFields(d: DisciplineDecisionFields, c: DisciplineCaseFacts, today: string): DisciplineFieldsVerdict {
  const fields: FieldIssue[] = [];
  const ctx = { subject: c.subject, examination: c.examination, minExaminationTeam: c.minExaminationTeam };
  switch (d.decision) {
    case 'record_examination': {
      fields.push(...checkPastDate('examinedOn', d.examinedOn, today));
      if (typeof d.examinedOn === 'string' && d.examinedOn < c.reportedOn)
        fields.push(
          issue(
            'examinedOn',
            'discipline.examinedBeforeReport',
            'pemeriksaan sebelum laporan',
            'the examination is dated before the report',
          ),
        );
      const team = d.team ?? [];
      if (!Array.isArray(team) || team.some((m) => !m || typeof m.id !== 'string' || typeof m.name !== 'string' || !m.id || !m.name))
        fields.push(issue('team', 'isArray', 'anggota tim pemeriksa: { id, name }', 'examination team members: { id, name }'));
      else if (team.some((m) => m.id === c.subject.nip))
        fields.push(
          issue(
            'team',
            'discipline.subjectOnTeam',
            'pegawai yang diperiksa tidak boleh menjadi anggota tim',
            'the official examined cannot sit on the team',
          ),
        );
      break;
    }
    case 'decide_sanction': {
      fields.push(...checkSanctionChoice(choiceOf(d), ctx));
      const on = d.decidedOn ?? today;
      fields.push(...checkPastDate('decidedOn', on, today));
      if (c.examination && on < c.examination.examinedOn)
        fields.push(
          issue(
            'decidedOn',
            'discipline.decidedBeforeExamination',
            'keputusan sebelum pemeriksaan',
            'the decision is dated before the examination',
          ),
        );
      break;
    }
    case 'appeal_changed':
      fields.push(...checkSanctionChoice(choiceOf(d), ctx));
      break;
    case 'record_decree':
      if (!d.decreeNumber || !DECREE_NUMBER.test(d.decreeNumber))
        fields.push(issue('decreeNumber', 'required', 'nomor SK wajib diisi', 'the decree number is required'));
      fields.push(...checkDecree({ decreeDate: d.decreeDate, effectiveDate: d.effectiveDate }, c.decidedOn!, today));
      break;
    case 'file_appeal': {
      const window = c.appealWindow!;
      if (d.appealKind !== window.kind)
        fields.push(
          issue(
            'appealKind',
            'discipline.appealKind',
            `upaya administratif atas hukuman ini adalah ${window.kind}`,
            `the appeal open against this sanction is ${window.kind} (one of ${APPEAL_KINDS.join(', ')})`,
          ),
        );
      const filed = checkAppealFiled(d.filedOn, window, today);
      if (!filed.ok && filed.late) return { ok: false, late: true, endsOn: window.endsOn, filedOn: d.filedOn, fields: filed.issues };
      if (!filed.ok) fields.push(...filed.issues);
      break;
    }
    case 'record_restoration':
      if (c.inForce && c.subjectAtEffect && restorationDrafts(c.inForce, c.subjectAtEffect, 'X').length > 0) {
        if (!d.restorationDecreeNumber || !DECREE_NUMBER.test(d.restorationDecreeNumber))
          fields.push(
            issue('restorationDecreeNumber', 'required', 'nomor SK pemulihan wajib diisi', 'the restoring decree number is required'),
          );
      }
      break;
  }
  return fields.length > 0 ? { ok: false, late: false, fields } : { ok: true };
}
