import { type ComponentProps, type ReactNode } from 'react';
import type { CaseType } from '@meritflow/contracts';
import { getSop, type SopRef } from '@meritflow/domain';
import { api, caseTypeOfId, caseTypes, enc, type CaseTypeInfo, type Session } from './api';
import { formatTime, useI18n } from './i18n';
import { DisciplineBody, type DisciplineCase } from './discipline';
import { BulkBody, MoveBody } from './move';
import { Refusal, Timeline, useLoad } from './ui';
import { TalentReviewBody, type TalentReview } from './talent';
import { statusLabel } from './labels';
import { Stepper } from './stepper';

import type { CaseBase, Selection, Vacancy } from './selection-shared';
import { VacancyBody } from './vacancy';
import { SelectionBody } from './selection';
import { ReportsPanel } from './case-reports';

/** The SOP a case pinned, by its title and version, not its code. */
const sopTitle = (sop: SopRef, lang: 'id' | 'en'): string => {
  try {
    const def = getSop(sop);
    return `${lang === 'id' ? def.title.id : def.title.en}, ${lang === 'id' ? 'versi' : 'version'} ${sop.version}`;
  } catch {
    return `${sop.id} ${sop.version}`;
  }
};

type Move = ComponentProps<typeof MoveBody>['m'];
type BulkMove = ComponentProps<typeof BulkBody>['b'];
type AnyCase = Selection | Vacancy | Move | BulkMove | (CaseBase & DisciplineCase);

const REPORT_READERS = ['hr_officer', 'ppk', 'overseer', 'auditor', 'admin'];

/** One case: its type from the registry, then its state from the API that serves that type. */
export function CaseView({ id, session }: { id: string; session: Session }) {
  const { data: types, error } = useLoad(() => caseTypes(), []);
  const { t } = useI18n();
  if (error && !types) return <Refusal error={error} />;
  if (!types) return <p>{t('Memuat…', 'Loading…')}</p>;
  const type = caseTypeOfId(types, id);
  if (!type) return <p role="alert">{t(`Bukan nomor kasus: ${id}`, `Not a case id: ${id}`)}</p>;
  return <CaseOfType id={id} type={type} session={session} />;
}

type CaseBodyProps = { data: AnyCase; session: Session; reload: () => void };

/**
 * How the console shows each case type: its title and its page body. Keyed by the registry's case
 * types, so a type added to libs/contracts/src/case-types.ts does not compile until it has a view.
 */
const CASE_VIEWS: Record<CaseType, { title(data: AnyCase): string; Body(p: CaseBodyProps): ReactNode }> = {
  vacancy: {
    title: (data) => (data as Vacancy).proposal.title,
    Body: ({ data, session, reload }) => <VacancyBody v={data as Vacancy} session={session} reload={reload} />,
  },
  'open-selection': {
    title: (data) => (data as Selection).title,
    Body: ({ data, session, reload }) => <SelectionBody s={data as Selection} session={session} reload={reload} />,
  },
  move: {
    title: (data) => {
      const m = (data as Move).move;
      return `${m.person.name}: ${m.from.positionCode} → ${m.to.positionCode}`;
    },
    Body: ({ data, session, reload }) => <MoveBody m={data as Move} session={session} reload={reload} />,
  },
  'bulk-move': {
    title: (data) => `SK kolektif ${data.workflowId.split(':')[2] ?? data.workflowId}`,
    Body: ({ data, session, reload }) => <BulkBody b={data as BulkMove} session={session} reload={reload} />,
  },
  discipline: {
    title: (data) => `Kasus disiplin ${(data as DisciplineCase).caseCode}`,
    Body: ({ data, session, reload }) => <DisciplineBody d={data as DisciplineCase} session={session} reload={reload} />,
  },
  'talent-review': {
    title: (data) => {
      const r = data as unknown as TalentReview;
      return `Reviu talenta ${r.agencyCode} ${r.period}`;
    },
    Body: ({ data, session, reload }) => <TalentReviewBody r={data as unknown as TalentReview} session={session} reload={reload} />,
  },
};

function CaseOfType({ id, type, session }: { id: string; type: CaseTypeInfo; session: Session }) {
  const { data, error, reload } = useLoad(() => api<AnyCase>('GET', `/v1/${type.resource}/${enc(id)}`), [id], 3000);
  const { t, lang } = useI18n();
  if (error && !data) return <Refusal error={error} />;
  if (!data) return <p>{t('Memuat…', 'Loading…')}</p>;
  const view = CASE_VIEWS[type.type as CaseType] as (typeof CASE_VIEWS)[CaseType] | undefined;
  const body = view && <view.Body data={data} session={session} reload={reload} />;
  return (
    <article aria-labelledby="case-h">
      <header className="case-head">
        <h1 id="case-h">{view ? view.title(data) : data.workflowId}</h1>
        <p>
          <code>{data.workflowId}</code>
        </p>
        <dl className="facts">
          <dt>{t('Jenis kasus', 'Case type')}</dt>
          <dd data-testid="case-type" data-case-type={type.type}>
            {lang === 'id' ? type.label.id : type.label.en}
          </dd>
          <dt>{t('Tahap', 'Step')}</dt>
          <dd data-testid="case-step" data-step={data.step}>
            {lang === 'id' ? data.stepLabel.id : data.stepLabel.en}
          </dd>
          <dt>{t('Status', 'Status')}</dt>
          <dd data-status={data.status}>{statusLabel(data.status, lang)}</dd>
          <dt>SOP</dt>
          <dd>{sopTitle(data.sop, lang)}</dd>
          {data.deadline && (
            <>
              <dt>{t('Batas waktu tahap', 'Step due by')}</dt>
              <dd>{formatTime(data.deadline.dueAt, lang)}</dd>
            </>
          )}
        </dl>
        <Stepper sop={data.sop} step={data.step} />
      </header>
      {body}
      {REPORT_READERS.includes(session.role) && <ReportsPanel caseId={data.workflowId} session={session} />}
      <Timeline decisions={data.decisions} rootId={data.workflowId} />
    </article>
  );
}
