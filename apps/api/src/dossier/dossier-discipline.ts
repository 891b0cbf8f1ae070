import type { DossierDecision } from './dossier.types';

/** A discipline case as its printed dossier shows it, read back from the ledger rows' payloads. */
export interface DisciplineSection {
  subject: { nip: string; name: string; golongan: string | null; post: string | null };
  allegation: string | null;
  reportedOn: string | null;
  examination: { examinedOn: string | null; team: string[]; by: DossierDecision } | null;
  decided: { level: string | null; sanction: string | null; decidedOn: string | null; by: DossierDecision } | null;
  appealWindow: { kind: string | null; opensOn: string | null; endsOn: string | null } | null;
  appeal: { kind: string | null; filedOn: string | null; outcome: string | null; by: DossierDecision | null } | null;
  inForce: { level: string | null; sanction: string | null; imposedOn: string | null; endsOn: string | null; by: DossierDecision } | null;
  registerChanges: { kind: 'effect' | 'restoration'; types: string[]; eventIds: number[]; by: DossierDecision }[];
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const registerChange = (kind: 'effect' | 'restoration', p: Record<string, unknown>, by: DossierDecision) => {
  const reg = obj(p.register);
  return {
    kind,
    types: arr(reg.drafts).map((d) => str(obj(d).type) ?? '-'),
    eventIds: arr(reg.eventIds).filter((x): x is number => typeof x === 'number'),
    by,
  };
};

/** The discipline section of a case's dossier; null for a case of another type. */
export function disciplineSection(decisions: readonly DossierDecision[]): DisciplineSection | null {
  // Only a discipline case opens with a report naming its subject.
  const report = decisions.find((d) => d.decision === 'report' && d.workflowId.startsWith('discipline:'));
  if (!report) return null;
  const rp = obj(report.payload);
  const subject = obj(rp.subject);
  const position = obj(subject.position);
  const s: DisciplineSection = {
    subject: {
      nip: str(subject.nip) ?? '-',
      name: str(subject.name) ?? '-',
      golongan: str(subject.golongan),
      post: str(position.title) ? `${str(position.title)} (${str(position.postCode)})` : null,
    },
    allegation: str(rp.allegation),
    reportedOn: str(rp.reportedOn),
    examination: null,
    decided: null,
    appealWindow: null,
    appeal: null,
    inForce: null,
    registerChanges: [],
  };
  for (const d of decisions) {
    const p = obj(d.payload);
    switch (d.decision) {
      case 'record_examination': {
        const ex = obj(p.examination);
        s.examination = { examinedOn: str(ex.examinedOn), team: arr(ex.team).map((m) => `${str(obj(m).name)} (${str(obj(m).id)})`), by: d };
        break;
      }
      case 'decide_sanction': {
        const x = obj(p.sanction);
        s.decided = { level: str(x.level), sanction: str(x.sanction), decidedOn: str(x.decidedOn), by: d };
        break;
      }
      case 'record_decree': {
        const w = obj(p.appealWindow);
        s.appealWindow = { kind: str(w.kind), opensOn: str(w.opensOn), endsOn: str(w.endsOn) };
        break;
      }
      case 'file_appeal': {
        const a = obj(p.appeal);
        s.appeal = { kind: str(a.kind), filedOn: str(a.filedOn), outcome: null, by: d };
        break;
      }
      case 'appeal_upheld':
      case 'appeal_changed':
      case 'appeal_annulled':
        if (s.appeal) s.appeal.outcome = str(obj(p.appeal).outcome);
        break;
      case 'sanction_in_force':
      case 'sanction_applied': {
        const x = obj(p.sanction);
        s.inForce = { level: str(x.level), sanction: str(x.sanction), imposedOn: str(x.imposedOn), endsOn: str(x.endsOn), by: d };
        s.registerChanges.push(registerChange('effect', p, d));
        break;
      }
      case 'record_restoration':
        s.registerChanges.push(registerChange('restoration', p, d));
        break;
    }
  }
  return s;
}

export const DISCIPLINE_HEADING = 'Hukuman Disiplin (PP 94/2021) dan Perubahan Register';

const OUTCOMES: Record<string, string> = { upheld: 'dikuatkan', changed: 'diubah', annulled: 'dibatalkan' };

/** Prints the section with the dossier's own heading and field writers. */
export function printDisciplineSection(
  s: DisciplineSection,
  p: { heading: (t: string) => void; field: (label: string, value: string) => void; by: (d: DossierDecision) => string },
): void {
  p.heading(DISCIPLINE_HEADING);
  p.field('Pegawai', `${s.subject.name} (NIP ${s.subject.nip}), golongan ${s.subject.golongan ?? '-'}, jabatan ${s.subject.post ?? '-'}`);
  p.field('Dugaan pelanggaran', `${s.allegation ?? '-'} (dilaporkan ${s.reportedOn ?? '-'})`);
  if (s.examination)
    p.field('Pemeriksaan', `${s.examination.examinedOn ?? '-'}; tim: ${s.examination.team.join('; ') || '-'}; ${p.by(s.examination.by)}`);
  if (s.decided)
    p.field(
      'Keputusan PPK',
      `tingkat ${s.decided.level ?? '-'}, hukuman ${s.decided.sanction ?? '-'}, ${s.decided.decidedOn ?? '-'}; ${p.by(s.decided.by)}`,
    );
  if (s.appealWindow)
    p.field(
      'Masa upaya administratif',
      `${s.appealWindow.kind ?? '-'}: ${s.appealWindow.opensOn ?? '-'} s.d. ${s.appealWindow.endsOn ?? '-'}`,
    );
  if (s.appeal)
    p.field(
      'Upaya administratif',
      `${s.appeal.kind ?? '-'} diajukan ${s.appeal.filedOn ?? '-'}; hasil: ${s.appeal.outcome ? OUTCOMES[s.appeal.outcome] : 'menunggu'}`,
    );
  if (s.inForce)
    p.field(
      'Hukuman berlaku',
      `${s.inForce.sanction ?? '-'} (${s.inForce.level ?? '-'}) sejak ${s.inForce.imposedOn ?? '-'}${s.inForce.endsOn ? ` sampai ${s.inForce.endsOn}` : ''}`,
    );
  for (const r of s.registerChanges)
    p.field(
      r.kind === 'effect' ? 'Perubahan register (hukuman)' : 'Perubahan register (pemulihan)',
      `${r.types.join(', ') || '-'}; peristiwa #${r.eventIds.join(', #') || '-'}; ${p.by(r.by)}`,
    );
}
