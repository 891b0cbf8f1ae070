import type { ReactNode } from 'react';
import { z } from 'zod';
import { getOpenSelectionSop, getSop } from '@meritflow/domain';
import type { SelectionDecisionKind } from '@meritflow/contracts';
import { api, enc, type Session } from './api';
import { useDecisionConfirm } from './confirm';
import { FormFile, FormText, fields, submitWith, useZodForm } from './forms';
import { useI18n } from './i18n';
import { ActionForm } from './ui';
import type { Allowed, Common, Decide, Selection } from './selection-shared';
import { evidenceOf } from './selection-shared';
import { AnnounceForm, CommitteeForm } from './selection-open';
import { RegisterForm, ScreenOne } from './selection-register';
import { AssessmentForms, ReviewPanel } from './selection-review';
import { AppointmentForms, PickOne, RecommendOne } from './selection-decide';
import { AnswerObjectionOne, RescoreOne } from './selection-objection';
import { CHAIN_FORMS, ChainForm } from './selection-chain';

// The open selection's decision forms, keyed by decision code. Which forms show follows the case's
// allowed decisions for the signed-in role (and, where the case names the person, that person), not
// role-and-step conditions. The map is total over SELECTION_DECISION_KINDS: a new decision in the
// contract fails the console's type check until it has a form here.

/** What every selection form receives. */
export interface SelectionFormProps {
  s: Selection;
  session: Session;
  reload: () => void;
  allowed: Allowed;
  common: Common;
  decide: Decide;
  /** The post or candidate a per-subject form decides on (a pending task's subject). */
  subject?: string;
}

type SelectionForm = (p: SelectionFormProps) => ReactNode;

type Pair = readonly [id: string, en: string];

/** A decision that needs only what its SOP transition requires (reason, document). */
const plain =
  (spec: { title: Pair; evidenceKind?: string; fileLabel?: Pair; when?: (s: Selection) => boolean }): SelectionForm =>
  (p) =>
    !spec.when || spec.when(p.s) ? <RequirementsForm {...p} spec={spec} /> : null;

/** One form per pending task of this decision that names a subject (a candidate or a post). */
const perSubject =
  (Form: SelectionForm): SelectionForm =>
  (p) => (
    <>
      {p.s.pendingTasks
        .filter((task) => task.decision === p.allowed.decision && task.subject)
        .filter((task) => !task.actorId || task.actorId === p.session.actor.id)
        .map((task) => (
          <Form key={task.subject} {...p} subject={task.subject} />
        ))}
    </>
  );

const chain = (decision: keyof typeof CHAIN_FORMS): SelectionForm =>
  perSubject((p) => (
    <ChainForm s={p.s} post={p.subject!} decision={decision} spec={CHAIN_FORMS[decision]} session={p.session} reload={p.reload} />
  ));

export const SELECTION_FORMS: Readonly<Record<SelectionDecisionKind, SelectionForm>> = {
  form_committee: (p) => <CommitteeForm s={p.s} common={p.common} decide={p.decide} />,
  announce: (p) => <AnnounceForm s={p.s} common={p.common} decide={p.decide} />,
  register_candidates: (p) => <RegisterForm s={p.s} common={p.common} decide={p.decide} />,
  proceed: plain({ title: ['Lanjutkan dengan pelamar yang ada', 'Proceed with the applicants there are'] }),
  cancel_selection: plain({ title: ['Batalkan seleksi', 'Cancel the selection'] }),
  screen_candidate: perSubject((p) => {
    const c = p.s.candidates.find((x) => x.nip === p.subject);
    return c ? <ScreenOne c={c} agencyCode={p.s.agencyCode} common={p.common} decide={p.decide} /> : null;
  }),
  close_screening: plain({
    title: ['Tutup seleksi administrasi', 'Close screening'],
    evidenceKind: 'ba_seleksi_administrasi',
    fileLabel: ['Berita acara seleksi administrasi (PDF)', 'Screening minutes (PDF)'],
    // Closing waits for every registered candidate's screening (the workflow refuses it before).
    when: (s) => !s.candidates.some((c) => c.status === 'registered'),
  }),
  sign_ranking: plain({
    title: ['Tandatangani berita acara peringkat', 'Sign the ranking'],
    evidenceKind: 'ba_pemeringkatan',
    fileLabel: ['Berita acara pemeringkatan (PDF)', 'Ranking minutes (PDF)'],
    // After an upheld objection the chair re-enters the scores first (rescore_candidate).
    when: (s) => !s.pendingTasks.some((t) => t.decision === 'rescore_candidate'),
  }),
  recommend: perSubject((p) => <RecommendOne s={p.s} post={p.subject!} common={p.common} decide={p.decide} />),
  proceed_without_recommendation: plain({
    title: ['Lanjut tanpa rekomendasi', 'Proceed without recommendation'],
    evidenceKind: 'surat_tanpa_rekomendasi',
    fileLabel: ['Dasar lanjut tanpa rekomendasi (PDF)', 'Basis for proceeding without a recommendation (PDF)'],
  }),
  pick: perSubject((p) => <PickOne s={p.s} post={p.subject!} common={p.common} decide={p.decide} />),
  governor_propose: chain('governor_propose'),
  minister_forward: chain('minister_forward'),
  tpa_assess: chain('tpa_assess'),
  record_keppres: chain('record_keppres'),
  governor_approve: chain('governor_approve'),
  propose_nominees: chain('propose_nominees'),
  president_approve: chain('president_approve'),
  file_objection: plain({
    title: ['Ajukan sanggahan', 'File an objection'],
    evidenceKind: 'sanggahan',
    fileLabel: ['Surat sanggahan (PDF)', 'Objection letter (PDF)'],
  }),
  answer_objection: perSubject((p) => <AnswerObjectionOne s={p.s} nip={p.subject!} common={p.common} decide={p.decide} />),
  rescore_candidate: perSubject((p) => <RescoreOne s={p.s} nip={p.subject!} common={p.common} decide={p.decide} />),
};

const isSelectionDecision = (d: string): d is SelectionDecisionKind => d in SELECTION_FORMS;

/** The decisions the case allows the session next, once each, in the SOP's order. */
export function mySelectionDecisions(s: Selection, session: Session): Allowed[] {
  const isChair = s.committee.some((m) => m.isChair && m.id === session.actor.id);
  const seen = new Set<string>();
  return s.allowedDecisions.filter((a) => {
    if (seen.has(a.decision) || !a.roles.includes(session.role)) return false;
    // The chair's decisions are the chair's of this committee, not of anyone holding the role.
    if (session.role === 'committee_chair' && !isChair) return false;
    // A task the case names to one person (the chair) is theirs alone.
    const named = s.pendingTasks.filter((t) => t.decision === a.decision && t.actorId);
    if (named.length > 0 && !named.some((t) => t.actorId === session.actor.id)) return false;
    seen.add(a.decision);
    return true;
  });
}

/** The selection's own decision forms for the session: one registry entry per allowed decision. */
export function SelectionDecisionForms({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const decide: Decide = (body) => api('POST', `/v1/selections/${enc(s.workflowId)}/decisions`, body);
  const common: Common = { caseId: s.workflowId, session, sop: s.sop, onDone: reload };
  return (
    <>
      {mySelectionDecisions(s, session)
        .filter((a) => isSelectionDecision(a.decision))
        .map((a) => {
          const Form = SELECTION_FORMS[a.decision as SelectionDecisionKind];
          return <Form key={a.decision} s={s} session={session} reload={reload} allowed={a} common={common} decide={decide} />;
        })}
    </>
  );
}

// The child cases' forms (assessment, committee review, appointment): their decisions are the child
// SOPs', shown for a pending task of that decision when the child SOP lets the session's role take it.
const CHILD_FORMS: Readonly<Record<string, (p: { s: Selection; session: Session; reload: () => void }) => ReactNode>> = {
  record_assessment: AssessmentForms,
  score: ReviewPanel,
  declare_interests: ReviewPanel,
  record_decree: AppointmentForms,
};

const childRoles = (s: Selection, decision: string): string[] => {
  const refs = Object.values(getOpenSelectionSop(s.sop).settings.children);
  return refs.flatMap((r) =>
    getSop(r).steps.flatMap((st) => st.transitions.filter((t) => t.decision === decision).flatMap((t) => t.roles as readonly string[])),
  );
};

export function SelectionChildForms({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const shown = new Set<unknown>();
  return (
    <>
      {s.pendingTasks.map((task) => {
        const Form = CHILD_FORMS[task.decision];
        if (!Form || shown.has(Form) || !childRoles(s, task.decision).includes(session.role)) return null;
        shown.add(Form);
        return <Form key={task.decision} s={s} session={session} reload={reload} />;
      })}
    </>
  );
}

/**
 * A decision that carries what its SOP transition requires: a reason and/or a document. Destructive
 * decisions (the domain's registry) ask for confirmation before they are sent.
 */
function RequirementsForm(p: SelectionFormProps & { spec: { title: Pair; evidenceKind?: string; fileLabel?: Pair } }) {
  const { t, lang } = useI18n();
  const { allowed, spec } = p;
  const needsReason = allowed.requires.includes('reason');
  const needsEvidence = allowed.requires.includes('evidence') || spec.evidenceKind !== undefined;
  const schema = z.object({
    reason: needsReason ? fields.required() : z.string(),
    file: fields.file(!needsEvidence),
  });
  const form = useZodForm(schema, { reason: '', file: null });
  const title = t(...spec.title);
  const reason = form.watch('reason');
  const file = form.watch('file');
  const kind = spec.evidenceKind ?? allowed.decision;
  const lines = [
    ...(needsReason ? [{ label: t('Alasan', 'Reason'), value: reason || '—' }] : []),
    ...(needsEvidence
      ? [{ label: t('Bukti', 'Evidence'), value: file ? `${kind}: ${file.name}` : `${kind} (${t('wajib', 'required')})` }]
      : []),
  ];
  const { ensure, dialog } = useDecisionConfirm(allowed.decision, title, lines);
  const send = submitWith(form, lang, async (v) => {
    await ensure();
    return p.decide({
      decision: allowed.decision,
      ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      ...(needsEvidence ? { evidence: await evidenceOf(v.file, kind, p.s.agencyCode, t) } : {}),
    });
  });
  return (
    <ActionForm
      {...p.common}
      title={title}
      decision={allowed.decision}
      lines={lines}
      submitLabel={title}
      disabled={!form.formState.isValid}
      onSubmit={send}
      testId={`decide-${allowed.decision}`}
    >
      {needsReason && <FormText form={form} name="reason" label={t('Alasan', 'Reason')} multiline />}
      {needsEvidence && (
        <FormFile form={form} name="file" label={spec.fileLabel ? t(...spec.fileLabel) : `${t('Dokumen', 'Document')}: ${title} (PDF)`} />
      )}
      {dialog}
    </ActionForm>
  );
}
