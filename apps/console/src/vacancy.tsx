import type { AllowedDecision } from '@meritflow/domain';
import { enc, type Session } from './api';
import { AllowedDecisionForms, type DecisionFormRegistry } from './decision-forms';
import { useI18n } from './i18n';
import { fillingMethodLabel, positionClassLabel } from './labels';
import type { Vacancy } from './selection-shared';

/** The vacancy SOP's decisions, keyed by decision code: the forms follow the decisions the case allows the role. */
export const VACANCY_FORMS: DecisionFormRegistry = {
  approve: { title: ['Setujui lowongan', 'Approve the vacancy'], fields: ['fillingMethod'] },
  reject: { title: ['Tolak lowongan', 'Reject the vacancy'] },
  withdraw: { title: ['Tarik usulan lowongan', 'Withdraw the vacancy proposal'] },
};

/** A vacancy proposal: the PPK approves it with the filling method, or rejects it; HR may withdraw it. */
export function VacancyBody({ v, session, reload }: { v: Vacancy; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  return (
    <>
      <section aria-labelledby="prop-h">
        <h2 id="prop-h">{t('Usulan', 'Proposal')}</h2>
        <p>
          {v.proposal.organisationalUnit} · {positionClassLabel(v.proposal.positionClass, lang)} · {v.proposal.gradeMin}–
          {v.proposal.gradeMax} · {t('cara pengisian diminta', 'filling requested')}:{' '}
          {fillingMethodLabel(v.proposal.requestedFillingMethod, lang)}
          {v.approvedFillingMethod && ` · ${t('disetujui', 'approved')}: ${fillingMethodLabel(v.approvedFillingMethod, lang)}`}
        </p>
      </section>
      <AllowedDecisionForms
        allowed={v.allowedDecisions as unknown as AllowedDecision[]}
        registry={VACANCY_FORMS}
        ctx={{
          caseId: v.workflowId,
          decisionsPath: `/v1/vacancies/${enc(v.workflowId)}/decisions`,
          agencyCode: v.proposal.agencyCode,
          sop: v.sop,
          session,
          onDone: reload,
          fillingMethod: v.proposal.requestedFillingMethod,
        }}
      />
    </>
  );
}
