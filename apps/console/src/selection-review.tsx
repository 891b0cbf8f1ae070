import { z } from 'zod';
import type { CommitteeReviewState } from '@meritflow/contracts';
import { api, enc, type Session } from './api';
import { formatTime, useI18n } from './i18n';
import { FormChecks, FormFile, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm, Refusal, useLoad } from './ui';

import type { Member, Candidate, Post, Selection } from './selection-shared';
import { evidenceOf } from './selection-shared';

export function AssessmentForms({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const { t } = useI18n();
  const open = s.pendingTasks.filter((p) => p.decision === 'record_assessment' && p.subject);
  if (open.length === 0) return <p>{t('Tidak ada asesmen yang menunggu.', 'No assessment waiting.')}</p>;
  return (
    <>
      {open.map((p) => {
        const c = s.candidates.find((x) => x.nip === p.subject)!;
        const post = s.posts.find((x) => x.positionCode === c?.postCode);
        return (
          <AssessOne
            key={p.subject}
            s={s}
            nip={p.subject!}
            name={c?.name ?? p.subject!}
            competencies={post?.requiredCompetencies ?? []}
            session={session}
            reload={reload}
          />
        );
      })}
    </>
  );
}

function AssessOne({
  s,
  nip,
  name,
  competencies,
  session,
  reload,
}: {
  s: Selection;
  nip: string;
  name: string;
  competencies: Post['requiredCompetencies'];
  session: Session;
  reload: () => void;
}) {
  const { t, lang } = useI18n();
  const form = useZodForm(assessSchema, { levels: competencies.map((c) => String(c.level)), file: null });
  const [levels, file] = form.watch(['levels', 'file']);
  return (
    <ActionForm
      caseId={`${s.workflowId}:assessment:${nip}`}
      session={session}
      sop={s.sop}
      onDone={reload}
      title={`${t('Asesmen kompetensi', 'Competency assessment')}: ${name} (${nip})`}
      decision="record_assessment"
      lines={[
        {
          label: t('Level tercapai', 'Levels achieved'),
          value: competencies.map((c, i) => `${c.name} ${levels[i] || '?'}/${c.level}`).join(', '),
        },
        {
          label: t('Bukti', 'Evidence'),
          value: file ? `laporan_asesor: ${file.name}` : t('laporan asesor (wajib)', "assessor's report (required)"),
        },
      ]}
      submitLabel={t(`Catat asesmen ${name}`, `Record ${name}'s assessment`)}
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, async (v) =>
        api('POST', `/v1/selections/${enc(s.workflowId)}/assessments/${nip}/decisions`, {
          decision: 'record_assessment',
          achieved: Object.fromEntries(competencies.map((c, i) => [c.name, Number(v.levels[i])])),
          evidence: await evidenceOf(v.file, 'laporan_asesor', s.agencyCode, t),
        }),
      )}
      testId={`assess-${nip}`}
    >
      <div className="row">
        {competencies.map((c, i) => (
          <FormText
            key={c.name}
            form={form}
            name={`levels.${i}`}
            label={`${c.name} (${t('level dipersyaratkan', 'level required')} ${c.level}) ${nip}`}
            inputMode="numeric"
          />
        ))}
      </div>
      <FormFile form={form} name="file" label={`${t('Laporan asesor (PDF)', "Assessor's report (PDF)")} ${nip}`} />
    </ActionForm>
  );
}

/** Levels achieved are whole levels 0–5 (PermenPANRB 38/2017 defines 1–5; 0: not shown). */
const assessSchema = z.object({
  levels: z.array(
    z
      .string()
      .trim()
      .regex(/^[0-5]$/, msg('Level 0–5', 'Level 0–5')),
  ),
  file: fields.file(),
});

type Review = CommitteeReviewState;

/** Quorum per candidate as the API counts it: every member not conflicted, the undeclared named as pending. */
export function quorumRows(r: Pick<Review, 'progress'>) {
  return r.progress.map((p) => ({
    nip: p.nip,
    scored: p.scored,
    eligible: p.eligibleMembers,
    quorum: p.quorum,
    met: p.quorumMet,
    pending: p.pending.map((m) => m.name),
  }));
}

/** Committee review: declare conflicts, score the candidates one may score; sealed until every eligible member scored. */
export function ReviewPanel({ s, session, reload }: { s: Selection; session: Session; reload: () => void }) {
  const { t, lang } = useI18n();
  const me = session.actor.id;
  const {
    data: r,
    error,
    reload: reloadReview,
  } = useLoad(() => api<Review>('GET', `/v1/selections/${enc(s.workflowId)}/committee-review`), [s.workflowId], 3000);
  const post = (body: Record<string, unknown>) => api('POST', `/v1/selections/${enc(s.workflowId)}/committee-review/decisions`, body);
  const done = () => {
    void reloadReview();
    reload();
  };
  if (error && !r) return <Refusal error={error} />;
  if (!r) return <p>{t('Memuat penilaian…', 'Loading the review…')}</p>;
  const candidates = s.candidates.filter((c) => r.progress.some((p) => p.nip === c.nip));
  const myPending = r.pending.find((p) => p.memberId === me);
  const mayScore = myPending?.task === 'score' ? myPending.nips : [];
  const declared = r.declarations.some((d) => d.memberId === me);
  const common = { caseId: `${s.workflowId}:committee-review`, session, sop: s.sop, onDone: done };
  return (
    <section aria-labelledby="review-h">
      <h2 id="review-h">{t('Penilaian panitia', 'Committee review')}</h2>
      <p className={r.sealed ? 'badge' : 'badge ok'} data-testid="review-sealed" data-sealed={String(r.sealed)}>
        {r.sealed
          ? t(
              'Nilai tersegel: Anda hanya melihat nilai Anda sendiri sampai semua anggota yang berhak menilai selesai atau tenggat lewat.',
              'Scores are sealed: you see only your own until every eligible member has scored or the deadline passes.',
            )
          : t('Segel dibuka: semua nilai terlihat.', 'Unsealed: every score is visible.')}
      </p>
      {r.deadline && (
        <p>
          {t('Tenggat penilaian', 'Scoring due by')}: {formatTime(r.deadline.dueAt, lang)}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="quorum">
          <caption>{t('Kuorum per pelamar', 'Quorum per candidate')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Pelamar', 'Candidate')}</th>
              <th scope="col">{t('Penilaian', 'Scoring')}</th>
              <th scope="col">{t('Belum menilai', 'Not scored yet')}</th>
            </tr>
          </thead>
          <tbody>
            {quorumRows(r).map((q) => (
              <tr key={q.nip} data-nip={q.nip} data-met={String(q.met)}>
                <td>
                  {s.candidates.find((c) => c.nip === q.nip)?.name} <span className="nip">{q.nip}</span>
                </td>
                <td>
                  {t(
                    `${q.scored} dari ${q.eligible} sudah menilai, kuorum ${q.quorum}`,
                    `${q.scored} of ${q.eligible} scored, quorum ${q.quorum}`,
                  )}
                  {q.met && <span className="badge ok">{t('kuorum tercapai', 'quorum met')}</span>}
                </td>
                <td>{q.pending.length === 0 ? '—' : q.pending.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.votes && r.votes.length > 0 && (
        <div className="table-wrap">
          <table data-testid="votes">
            <caption>{r.sealed ? t('Nilai Anda', 'Your scores') : t('Semua nilai', 'All scores')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Anggota', 'Member')}</th>
                <th scope="col">{t('Pelamar', 'Candidate')}</th>
                <th scope="col">{t('Makalah', 'Paper')}</th>
                <th scope="col">{t('Wawancara', 'Interview')}</th>
              </tr>
            </thead>
            <tbody>
              {r.votes.map((v, i) => (
                <tr key={i}>
                  <td>{v.memberId}</td>
                  <td>{v.nip}</td>
                  <td>{v.paper}</td>
                  <td>{v.interview}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!declared && myPending?.task === 'declare_interests' && <DeclareForm candidates={candidates} common={common} post={post} />}
      {mayScore.length > 0 && <ScoreSheet key={mayScore.join(',')} s={s} nips={mayScore} common={common} post={post} />}
      {declared && mayScore.length === 0 && (
        <p role="status">{t('Anda sudah menyelesaikan penilaian Anda.', 'You have finished your part of the review.')}</p>
      )}
    </section>
  );
}

type ReviewCommon = { caseId: string; session: Session; sop: { id: string; version: string }; onDone: () => void };
type PostDecision = (body: Record<string, unknown>) => Promise<unknown>;

const declareSchema = z.object({ conflicted: z.array(z.string()) });

function DeclareForm({ candidates, common, post }: { candidates: Candidate[]; common: ReviewCommon; post: PostDecision }) {
  const { t, lang } = useI18n();
  const form = useZodForm(declareSchema, { conflicted: [] });
  const conflicted = form.watch('conflicted');
  return (
    <ActionForm
      {...common}
      title={t('Nyatakan konflik kepentingan', 'Declare conflicts of interest')}
      decision="declare_interests"
      lines={[
        {
          label: t('Pernyataan', 'Declarations'),
          value: candidates
            .map((c) => `${c.name}: ${conflicted.includes(c.nip) ? t('berkonflik', 'conflicted') : t('tidak berkonflik', 'no conflict')}`)
            .join('; '),
        },
      ]}
      submitLabel={t('Kirim pernyataan', 'Send the declaration')}
      onSubmit={submitWith(form, lang, (v) =>
        post({
          decision: 'declare_interests',
          declarations: candidates.map((c) => ({ nip: c.nip, conflicted: v.conflicted.includes(c.nip) })),
        }),
      )}
      testId="declare-interests"
    >
      <FormChecks
        form={form}
        name="conflicted"
        idPrefix="coi"
        label={t('Centang pelamar yang memiliki hubungan kepentingan dengan Anda', 'Tick candidates you have a conflict of interest with')}
        options={candidates.map((c) => ({ value: c.nip, label: `${t('Konflik dengan', 'Conflict with')} ${c.name} (${c.nip})` }))}
      />
    </ActionForm>
  );
}

const scoreSchema = z.object({ scores: z.array(z.object({ paper: fields.score(), interview: fields.score() })) });

function ScoreSheet({ s, nips, common, post }: { s: Selection; nips: string[]; common: ReviewCommon; post: PostDecision }) {
  const { t, lang } = useI18n();
  const form = useZodForm(scoreSchema, { scores: nips.map(() => ({ paper: '', interview: '' })) });
  const scores = form.watch('scores');
  return (
    <ActionForm
      {...common}
      title={t('Lembar nilai', 'Score sheet')}
      decision="score"
      lines={[
        {
          label: t('Nilai', 'Scores'),
          value: nips
            .map(
              (n, i) =>
                `${s.candidates.find((c) => c.nip === n)?.name ?? n}: ${t('makalah', 'paper')} ${scores[i]?.paper || '?'}, ${t('wawancara', 'interview')} ${scores[i]?.interview || '?'}`,
            )
            .join('; '),
        },
        {
          label: t('Kerahasiaan', 'Secrecy'),
          value: t('tersegel sampai semua anggota yang berhak selesai menilai', 'sealed until every eligible member has scored'),
        },
      ]}
      submitLabel={t('Kirim nilai', 'Send the scores')}
      onSubmit={submitWith(form, lang, (v) =>
        post({
          decision: 'score',
          scores: nips.map((nip, i) => ({ nip, paper: Number(v.scores[i].paper), interview: Number(v.scores[i].interview) })),
        }),
      )}
      testId="score-sheet"
    >
      <p className="hint">
        {t('Hanya pelamar yang boleh Anda nilai (tanpa konflik) yang tampil.', 'Only candidates you may score (no conflict) are listed.')}
      </p>
      {nips.map((nip, i) => (
        <div className="row" key={nip}>
          <FormText form={form} name={`scores.${i}.paper`} label={`${t('Nilai makalah', 'Paper score')} ${nip}`} inputMode="numeric" />
          <FormText
            form={form}
            name={`scores.${i}.interview`}
            label={`${t('Nilai wawancara', 'Interview score')} ${nip}`}
            inputMode="numeric"
          />
        </div>
      ))}
    </ActionForm>
  );
}
