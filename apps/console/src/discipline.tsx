import { formatTime, useI18n } from './i18n';

interface Choice {
  level: string;
  sanction: string;
  pelaksanaPost?: { postCode: string; title: string; unitCode: string };
}

/** A discipline case as its state query answers it (libs/contracts DisciplineState). */
export interface DisciplineCase {
  workflowId: string;
  caseCode: string;
  subject: { nip: string; name: string; golongan: string | null; position: { title: string; postCode: string } | null };
  allegation: string;
  reportedOn: string;
  examination: { examinedOn: string; team: { id: string; name: string }[]; minutes: number } | null;
  decided: (Choice & { decidedOn: string; by: string }) | null;
  decree: { number: string; date: string; effectiveDate: string } | null;
  appealWindow: { kind: string; opensOn: string; endsOn: string; closesAt: string; closed: boolean } | null;
  appeal: { kind: string; filedOn: string; outcome: string | null; changedTo: Choice | null } | null;
  inForce: (Choice & { decreeNumber: string; imposedOn: string; endsOn: string | null }) | null;
  termEndsAt: string | null;
  registerChanges: {
    kind: 'effect' | 'restoration';
    recordedAt: string;
    eventIds: number[];
    drafts: { type: string; payload: Record<string, unknown> }[];
  }[];
}

const OUTCOME: Record<string, [string, string]> = {
  upheld: ['dikuatkan', 'upheld'],
  changed: ['diubah', 'changed'],
  annulled: ['dibatalkan', 'annulled'],
};

/** The HR view of a discipline case: the official, the sanction, its timers, the appeal window and the register changes. */
export function DisciplineBody({ d }: { d: DisciplineCase }) {
  const { t, lang } = useI18n();
  const choice = (c: Choice) =>
    `${c.sanction} (${c.level})${c.pelaksanaPost ? ` → ${c.pelaksanaPost.title} (${c.pelaksanaPost.postCode})` : ''}`;
  return (
    <section aria-labelledby="disc-h" className="card">
      <h2 id="disc-h">{t('Hukuman disiplin', 'Discipline')}</h2>
      <dl className="facts">
        <dt>{t('Pegawai', 'Official')}</dt>
        <dd data-testid="disc-subject">
          {d.subject.name} ({d.subject.nip}), {d.subject.golongan ?? '-'}
          {d.subject.position ? `, ${d.subject.position.title}` : ''}
        </dd>
        <dt>{t('Dugaan pelanggaran', 'Allegation')}</dt>
        <dd>
          {d.allegation} ({t('dilaporkan', 'reported')} {d.reportedOn})
        </dd>
        {d.examination && (
          <>
            <dt>{t('Pemeriksaan', 'Examination')}</dt>
            <dd>
              {d.examination.examinedOn}; {t('tim', 'team')}: {d.examination.team.map((m) => m.name).join(', ') || '-'};{' '}
              {t('BAP', 'minutes')}: {d.examination.minutes}
            </dd>
          </>
        )}
        {d.decided && (
          <>
            <dt>{t('Keputusan PPK', 'PPK decision')}</dt>
            <dd data-testid="disc-decided">
              {choice(d.decided)}, {d.decided.decidedOn}
            </dd>
          </>
        )}
        {d.decree && (
          <>
            <dt>{t('SK', 'Decree')}</dt>
            <dd>
              {d.decree.number}, {d.decree.date}, TMT {d.decree.effectiveDate}
            </dd>
          </>
        )}
        {d.appealWindow && (
          <>
            <dt>{t('Masa upaya administratif', 'Appeal window')}</dt>
            <dd data-testid="disc-appeal-window" data-closed={d.appealWindow.closed}>
              {d.appealWindow.kind}: {d.appealWindow.opensOn} – {d.appealWindow.endsOn}{' '}
              {d.appealWindow.closed
                ? t('(berakhir)', '(closed)')
                : `(${t('berakhir', 'closes')} ${formatTime(d.appealWindow.closesAt, lang)})`}
            </dd>
          </>
        )}
        {d.appeal && (
          <>
            <dt>{t('Upaya administratif', 'Appeal')}</dt>
            <dd>
              {d.appeal.kind} {d.appeal.filedOn}:{' '}
              {d.appeal.outcome ? t(OUTCOME[d.appeal.outcome][0], OUTCOME[d.appeal.outcome][1]) : t('menunggu keputusan', 'pending')}
              {d.appeal.changedTo ? ` → ${choice(d.appeal.changedTo)}` : ''}
            </dd>
          </>
        )}
        {d.inForce && (
          <>
            <dt>{t('Hukuman berlaku', 'Sanction in force')}</dt>
            <dd data-testid="disc-in-force">
              {choice(d.inForce)}: {d.inForce.imposedOn}
              {d.inForce.endsOn ? ` – ${d.inForce.endsOn}` : ''}
              {d.termEndsAt ? ` (${t('pengatur waktu berakhir', 'timer ends')} ${formatTime(d.termEndsAt, lang)})` : ''}
            </dd>
          </>
        )}
      </dl>
      {d.registerChanges.length > 0 && (
        <>
          <h3>{t('Perubahan register', 'Register changes')}</h3>
          <ul data-testid="disc-register-changes">
            {d.registerChanges.map((r, i) => (
              <li key={i}>
                {r.kind === 'effect' ? t('Hukuman', 'Sanction') : t('Pemulihan', 'Restoration')} ({formatTime(r.recordedAt, lang)}):{' '}
                {r.drafts.map((x, j) => (
                  <span key={j}>
                    {j > 0 ? '; ' : ''}
                    {x.type} #{r.eventIds[j] ?? '-'} {JSON.stringify(x.payload)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
