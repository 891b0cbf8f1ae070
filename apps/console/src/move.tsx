import type { BulkMoveState, MoveState } from '@meritflow/contracts';
import { enc, type Session } from './api';
import { CaseDecree, useDecreeDraft } from './case-decree';
import { AllowedDecisionForms, type DecisionFormRegistry } from './decision-forms';
import { formatDate, formatTime, useI18n } from './i18n';
import type { DecisionRow } from './ui';
import { performanceAxisLabel, potentialAxisLabel } from './labels';
import { mobilityRuleLabel, moveKindLabel, postClassLabel, scopeLabel } from './labels';

/** The move SOPs' decisions (mutation, rotation, talent promotion), keyed by decision code. */
export const MOVE_FORMS: DecisionFormRegistry = {
  tpk_advise: { title: ['Catat pertimbangan TPK', 'Record the TPK advice'], evidenceKind: 'ba_tpk', fields: ['competencyFit'] },
  talent_committee_review: {
    title: ['Catat pembahasan Komite Talenta', 'Record the talent committee review'],
    evidenceKind: 'ba_komite_talenta',
  },
  release: { title: ['Setujui melepas pegawai', 'Release the official'], evidenceKind: 'surat_lolos_butuh' },
  refuse_release: { title: ['Tolak melepas pegawai', 'Refuse to release the official'], evidenceKind: 'surat_penolakan' },
  record_pertek: { title: ['Catat pertimbangan teknis BKN', 'Record the BKN pertek'], evidenceKind: 'pertek_bkn' },
  approve: { title: ['Setujui pemindahan', 'Approve the move'] },
  record_governor_decision: { title: ['Catat keputusan Gubernur', 'Record the governor’s decision'], evidenceKind: 'keputusan_gubernur' },
  record_minister_decision: { title: ['Catat keputusan Mendagri', 'Record the Minister’s decision'], evidenceKind: 'keputusan_mendagri' },
  reject: { title: ['Tolak pemindahan', 'Reject the move'] },
  override: {
    title: ['Kesampingkan aturan dengan dasar hukum', 'Lift a rule on a legal basis'],
    evidenceKind: 'dasar_hukum',
    fields: ['overrideRules'],
  },
  record_decree: {
    title: ['Catat SK pemindahan', 'Record the decree'],
    evidenceKind: 'sk_mutasi',
    fields: ['decreeNumber', 'effectiveDate'],
    citesDecree: true,
  },
  report_submitted: { title: ['Catat laporan kepada Mendagri', 'Record the report to the Minister'], evidenceKind: 'laporan_mendagri' },
  withdraw: { title: ['Tarik usulan', 'Withdraw the proposal'] },
};

/** The collective decree's decisions. */
export const BULK_FORMS: DecisionFormRegistry = {
  approve_batch: { title: ['Setujui SK kolektif', 'Approve the batch'], fields: ['exclusions'] },
  reject_batch: { title: ['Tolak SK kolektif', 'Reject the batch'] },
  record_decree: {
    title: ['Catat SK kolektif', 'Record the collective decree'],
    evidenceKind: 'sk_kolektif',
    fields: ['decreeNumber', 'effectiveDate'],
    citesDecree: true,
  },
};

type Reload = () => void;
type MoveCase = MoveState & { decisions: DecisionRow[] };
type BulkCase = BulkMoveState & { decisions: DecisionRow[] };

/** A move: who goes where, the 9-box for a talent promotion, the rule checks, and the decisions allowed next. */
export function MoveBody({ m, session, reload }: { m: MoveCase; session: Session; reload: Reload }) {
  const { t, lang } = useI18n();
  const place = (p: { positionCode: string; positionClass: string; agencyCode: string; regionCode: string }) =>
    `${p.positionCode} (${postClassLabel(p.positionClass, lang)}), ${p.agencyCode}, ${p.regionCode}`;
  const failed = (m.evaluation?.verdicts ?? []).filter((v) => !v.passed && !v.overridden);
  // The SK follows the approval (or the governor's / Minister's decision): the step that records it, or a recorded decree.
  const appointed = m.decree !== null || m.allowedDecisions.some((a) => a.decision === 'record_decree');
  const drafted = useDecreeDraft(m.workflowId, undefined, appointed);
  return (
    <>
      <section aria-labelledby="move-h" className="card">
        <h2 id="move-h">{t('Pemindahan pegawai', 'The move')}</h2>
        <dl className="facts">
          <dt>{t('Pegawai', 'Official')}</dt>
          <dd data-testid="move-person">
            {m.move.person.name ?? '—'} <span className="nip">{m.move.person.nip}</span>
          </dd>
          <dt>{t('Jenis / cakupan', 'Kind / scope')}</dt>
          <dd>
            {moveKindLabel(m.move.kind, lang)} · {scopeLabel(m.move.scope, lang)}
          </dd>
          <dt>{t('Dari', 'From')}</dt>
          <dd>{place(m.move.from)}</dd>
          <dt>{t('Ke', 'To')}</dt>
          <dd>{place(m.move.to)}</dd>
          {m.intendedEffectiveDate && (
            <>
              <dt>{t('Rencana TMT', 'Intended effective date')}</dt>
              <dd>{formatDate(m.intendedEffectiveDate, lang)}</dd>
            </>
          )}
          {m.decree && (
            <>
              <dt>{t('Nomor SK / TMT', 'Decree / effective date')}</dt>
              <dd data-testid="move-decree">
                {m.decree.number} / {formatDate(m.decree.effectiveDate, lang)}
              </dd>
            </>
          )}
        </dl>
        {m.talent && <TalentPlacement m={m} />}
        {m.evaluation && (
          <>
            <h3>
              {t('Pemeriksaan aturan mobilitas', 'Mobility rule check')} ({formatTime(m.evaluation.evaluatedAt, lang)})
            </h3>
            <ul data-testid="move-verdicts">
              {m.evaluation.verdicts.map((v) => (
                <li key={v.rule} className={v.passed || v.overridden ? undefined : 'bad'}>
                  <strong>{mobilityRuleLabel(v.rule, lang)}</strong>:{' '}
                  {v.passed ? t('lolos', 'passed') : v.overridden ? t('dikesampingkan', 'lifted') : t('tidak lolos', 'failed')} —{' '}
                  {lang === 'id' ? v.message.id : v.message.en}
                </li>
              ))}
            </ul>
          </>
        )}
        {m.overrides.length > 0 && (
          <>
            <h3>{t('Aturan yang dikesampingkan', 'Rules lifted')}</h3>
            <ul>
              {m.overrides.map((o, i) => (
                <li key={i}>
                  {o.rules.map((r) => mobilityRuleLabel(r, lang)).join(', ')} — {o.reason} ({o.by})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {appointed && <CaseDecree caseId={m.workflowId} session={session} />}
      <AllowedDecisionForms
        allowed={m.allowedDecisions}
        registry={MOVE_FORMS}
        ctx={{
          caseId: m.workflowId,
          decisionsPath: `/v1/moves/${enc(m.workflowId)}/decisions`,
          agencyCode: m.move.to.agencyCode,
          sop: m.sop,
          session,
          onDone: reload,
          failedRules: failed.map((v) => ({ rule: v.rule, label: mobilityRuleLabel(v.rule, lang) })),
          needsCompetencyFit: m.move.kind === 'rotation',
          decree: drafted,
        }}
      />
    </>
  );
}

const TALENT_INPUTS: Record<string, readonly [string, string]> = {
  performanceMain: ['Kinerja utama', 'Performance, main'],
  performanceSupporting: ['Kinerja pendukung', 'Performance, supporting'],
  competency: ['Kompetensi', 'Competency'],
  potential: ['Potensi', 'Potential'],
  qualification: ['Kualifikasi', 'Qualification'],
  integrity: ['Integritas', 'Integrity'],
};

function TalentPlacement({ m }: { m: MoveCase }) {
  const { t, lang } = useI18n();
  const talent = m.talent!;
  const merit = m.evaluation?.facts.agencyMerit;
  return (
    <>
      <h3>{t('Penempatan talenta (kotak sembilan)', 'Talent placement (9-box)')}</h3>
      <p data-testid="nine-box" data-box={talent.placement.box}>
        {t('Kotak', 'Box')} {talent.placement.box} · {t('kinerja', 'performance')}{' '}
        {performanceAxisLabel(talent.placement.performance, lang)} · {t('potensial', 'potential')}{' '}
        {potentialAxisLabel(talent.placement.potential, lang)}
        {merit && ` · ${t('kategori merit instansi', 'agency merit category')} ${merit.category}`}
      </p>
      <dl className="facts" data-testid="talent-inputs">
        {Object.entries(talent.inputs).map(([k, v]) => (
          <div key={k} className="pair">
            <dt>{TALENT_INPUTS[k] ? t(...TALENT_INPUTS[k]) : k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** A bulk move: each person's check and exclusion, the decree and its annex, and the decisions allowed next. */
export function BulkBody({ b, session, reload }: { b: BulkCase; session: Session; reload: Reload }) {
  const { t, lang } = useI18n();
  const agencyCode = b.workflowId.split(':')[1] ?? '';
  const appointed = b.decree !== null || b.allowedDecisions.some((a) => a.decision === 'record_decree');
  const drafted = useDecreeDraft(b.workflowId, undefined, appointed);
  return (
    <>
      <section aria-labelledby="bulk-h" className="card">
        <h2 id="bulk-h">{t('Pegawai dalam SK kolektif', 'People in the collective decree')}</h2>
        {b.decree && (
          <p data-testid="bulk-decree">
            {t('Nomor SK', 'Decree')} {b.decree.number} · TMT {formatDate(b.decree.effectiveDate, lang)}
          </p>
        )}
        <ul className="cards" data-testid="bulk-members">
          {b.members.map((m) => (
            <li key={m.nip} className="card-row" data-member={m.nip}>
              <strong>{m.name}</strong> <span className="nip">{m.nip}</span>
              <div>
                {m.from} → {m.to}
              </div>
              <div className={m.allowed === false ? 'bad' : undefined}>
                {t('Pemeriksaan aturan', 'Rule check')}:{' '}
                {m.allowed === null ? t('sedang diperiksa', 'being checked') : m.allowed ? t('lolos', 'passed') : t('terhalang', 'blocked')}
                {m.blocking.length > 0 && ` — ${m.blocking.map((v) => (lang === 'id' ? v.message.id : v.message.en)).join('; ')}`}
              </div>
              {m.excluded && (
                <div>
                  {t('Dikecualikan', 'Excluded')}: {m.excluded.reason}
                </div>
              )}
            </li>
          ))}
        </ul>
        {b.annex.length > 0 && (
          <>
            <h3>{t('Lampiran SK', 'Decree annex')}</h3>
            <ol data-testid="bulk-annex">
              {b.annex.map((a) => (
                <li key={a.nip}>
                  {a.name} <span className="nip">{a.nip}</span>: {a.from} → {a.to}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      {appointed && <CaseDecree caseId={b.workflowId} session={session} />}
      <AllowedDecisionForms
        allowed={b.allowedDecisions}
        registry={BULK_FORMS}
        ctx={{
          caseId: b.workflowId,
          decisionsPath: `/v1/bulk-moves/${enc(b.workflowId)}/decisions`,
          agencyCode,
          sop: b.sop,
          session,
          onDone: reload,
          members: b.members.filter((m) => !m.excluded).map((m) => ({ nip: m.nip, name: m.name })),
          decree: drafted,
        }}
      />
    </>
  );
}
