import { useState } from 'react';
import { api, enc, type Session } from './api';
import { useI18n } from './i18n';
import { ActionForm, SelectField, TextField } from './ui';

import type { Vacancy } from './selection-shared';

/** A vacancy proposal: the PPK approves it with the filling method, or rejects it; HR may withdraw it. */
export function VacancyBody({ v, session, reload }: { v: Vacancy; session: Session; reload: () => void }) {
  const { t } = useI18n();
  const [method, setMethod] = useState(v.proposal.requestedFillingMethod);
  const [reason, setReason] = useState('');
  const may = (d: string) => v.allowedDecisions.some((a) => a.decision === d && a.roles.includes(session.role));
  const decide = (body: Record<string, unknown>) => api('POST', `/v1/vacancies/${enc(v.workflowId)}/decisions`, body);
  return (
    <>
      <section aria-labelledby="prop-h">
        <h2 id="prop-h">{t('Usulan', 'Proposal')}</h2>
        <p>
          {v.proposal.organisationalUnit} · {v.proposal.positionClass} · {v.proposal.gradeMin}–{v.proposal.gradeMax} ·{' '}
          {t('cara pengisian diminta', 'filling requested')}: {v.proposal.requestedFillingMethod}
          {v.approvedFillingMethod && ` · ${t('disetujui', 'approved')}: ${v.approvedFillingMethod}`}
        </p>
      </section>
      {may('approve') && (
        <ActionForm
          title={t('Setujui lowongan', 'Approve the vacancy')}
          decision="approve"
          caseId={v.workflowId}
          session={session}
          sop={v.sop}
          lines={[{ label: t('Cara pengisian', 'Filling method'), value: method }]}
          submitLabel={t('Setujui', 'Approve')}
          onSubmit={() => decide({ decision: 'approve', fillingMethod: method })}
          onDone={reload}
          testId="approve-vacancy"
        >
          <SelectField
            label={t('Cara pengisian yang disetujui', 'Filling method approved')}
            value={method}
            onChange={setMethod}
            options={['open_selection', 'talent_pool', 'mutation_rotation'].map((m) => ({ value: m, label: m }))}
          />
        </ActionForm>
      )}
      {may('reject') && (
        <ActionForm
          title={t('Tolak lowongan', 'Reject the vacancy')}
          decision="reject"
          caseId={v.workflowId}
          session={session}
          sop={v.sop}
          lines={[{ label: t('Alasan', 'Reason'), value: reason || '—' }]}
          submitLabel={t('Tolak', 'Reject')}
          onSubmit={() => decide({ decision: 'reject', reason })}
          onDone={reload}
        >
          <TextField label={t('Alasan penolakan', 'Reason for rejecting')} value={reason} onChange={setReason} multiline required />
        </ActionForm>
      )}
    </>
  );
}
