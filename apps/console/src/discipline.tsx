import { useState } from 'react';
import { SANCTION_LEVELS, SANCTIONS, type AllowedDecision } from '@meritflow/domain';
import { api, enc, uploadEvidence, type Session } from './api';
import { CaseDecree, useDecreeDraft } from './case-decree';
import { AllowedDecisionForms, type DecisionFormRegistry } from './decision-forms';
import { formatTime, useI18n } from './i18n';
import { ActionForm, FileField, SelectField, TextField } from './ui';

interface Choice {
  level: string;
  sanction: string;
  pelaksanaPost?: { postCode: string; title: string; unitCode: string };
}

/** A discipline case as its state query answers it (libs/contracts DisciplineState). */
export interface DisciplineCase {
  workflowId: string;
  agencyCode: string;
  sop: { id: string; version: string };
  allowedDecisions: AllowedDecision[];
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

/** The discipline decisions taken through the shared decision form: the SK, citing the one drafted on the page. */
export const DISCIPLINE_FORMS: DecisionFormRegistry = {
  record_decree: {
    title: ['Catat SK hukuman disiplin', 'Record the discipline decree'],
    evidenceKind: 'sk_hukdis',
    fields: ['decreeNumber', 'decreeDate', 'effectiveDate'],
    citesDecree: true,
  },
};

/** The HR view of a discipline case: the official, the sanction, its timers, the appeal window and the register changes. */
export function DisciplineBody({ d, session, reload }: { d: DisciplineCase; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const drafted = useDecreeDraft(d.workflowId, undefined, d.decided !== null);
  const choice = (c: Choice) =>
    `${c.sanction} (${c.level})${c.pelaksanaPost ? ` → ${c.pelaksanaPost.title} (${c.pelaksanaPost.postCode})` : ''}`;
  return (
    <>
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
      {/* The SK of the sanction follows the PPK's decide_sanction. */}
      {d.decided && <CaseDecree caseId={d.workflowId} session={session} />}
      <AllowedDecisionForms
        allowed={d.allowedDecisions}
        registry={DISCIPLINE_FORMS}
        ctx={{
          caseId: d.workflowId,
          decisionsPath: `/v1/discipline-cases/${enc(d.workflowId)}/decisions`,
          agencyCode: d.agencyCode,
          sop: d.sop,
          session,
          onDone: reload,
          decree: drafted,
        }}
      />
      <DisciplineActions d={d} session={session} reload={reload} />
    </>
  );
}

type Level = (typeof SANCTION_LEVELS)[number];

/**
 * The decisions the console takes on a discipline case: the PPK's level and sanction (the sanction
 * list follows the level, from the domain's own table) and HR's restoration after the timer.
 */
function DisciplineActions({ d, session, reload }: { d: DisciplineCase; session: Session; reload: () => void }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<Level>('light');
  const [sanction, setSanction] = useState<string>(SANCTIONS.light[0]);
  const [reason, setReason] = useState('');
  const [post, setPost] = useState({ postCode: '', title: '', unitCode: '' });
  const [decree, setDecree] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const may = (x: string) => d.allowedDecisions.some((a) => a.decision === x && a.roles.includes(session.role));
  const decide = (body: Record<string, unknown>) => api('POST', `/v1/discipline-cases/${enc(d.workflowId)}/decisions`, body);
  const common = { caseId: d.workflowId, session, sop: d.sop, onDone: reload };
  const toPelaksana = sanction === 'pembebasan_jabatan_pelaksana_12_bulan';
  return (
    <>
      {may('decide_sanction') && (
        <ActionForm
          {...common}
          title={t('Tetapkan tingkat dan jenis hukuman', 'Decide the level and the sanction')}
          decision="decide_sanction"
          lines={[
            { label: t('Tingkat', 'Level'), value: level },
            { label: t('Hukuman', 'Sanction'), value: sanction },
          ]}
          submitLabel={t('Tetapkan', 'Decide')}
          onSubmit={() => decide({ decision: 'decide_sanction', level, sanction, reason, ...(toPelaksana ? { pelaksanaPost: post } : {}) })}
          testId="decide-sanction"
        >
          <SelectField
            label={t('Tingkat hukuman', 'Level')}
            value={level}
            onChange={(v) => {
              setLevel(v as Level);
              setSanction(SANCTIONS[v as Level][0]);
            }}
            options={SANCTION_LEVELS.map((l) => ({ value: l, label: l }))}
          />
          <SelectField
            label={t('Jenis hukuman', 'Sanction')}
            value={sanction}
            onChange={setSanction}
            options={SANCTIONS[level].map((x) => ({ value: x, label: x }))}
          />
          {toPelaksana && (
            <>
              <TextField
                label={t('Kode jabatan pelaksana', 'Pelaksana post code')}
                value={post.postCode}
                onChange={(v) => setPost({ ...post, postCode: v })}
                required
              />
              <TextField
                label={t('Nama jabatan pelaksana', 'Pelaksana post title')}
                value={post.title}
                onChange={(v) => setPost({ ...post, title: v })}
                required
              />
              <TextField
                label={t('Kode unit', 'Unit code')}
                value={post.unitCode}
                onChange={(v) => setPost({ ...post, unitCode: v })}
                required
              />
            </>
          )}
          <TextField label={t('Alasan', 'Reason')} value={reason} onChange={setReason} multiline required />
        </ActionForm>
      )}
      {may('record_restoration') && (
        <ActionForm
          {...common}
          title={t('Catat pemulihan', 'Record the restoration')}
          decision="record_restoration"
          lines={[{ label: t('SK pemulihan', 'Restoring decree'), value: decree || '—' }]}
          submitLabel={t('Catat pemulihan', 'Record the restoration')}
          onSubmit={async () => {
            if (!file) throw new Error(t('Pilih berkas bukti terlebih dahulu.', 'Choose the evidence file first.'));
            const evidence = [await uploadEvidence(file, 'sk_pemulihan', d.agencyCode)];
            return decide({ decision: 'record_restoration', evidence, ...(decree ? { restorationDecreeNumber: decree } : {}) });
          }}
          testId="record-restoration"
        >
          <TextField
            label={t('Nomor SK pemulihan (pangkat/jabatan)', 'Restoring decree number (grade/post)')}
            value={decree}
            onChange={setDecree}
          />
          <FileField label={t('Bukti pemulihan', 'Restoration evidence')} onChange={setFile} required />
        </ActionForm>
      )}
    </>
  );
}
