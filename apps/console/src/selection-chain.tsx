import { useState } from 'react';
import type { SelectionChainView, SelectionDecisionKind } from '@meritflow/contracts';
import { api, enc, uploadEvidence, type Session } from './api';
import { useI18n } from './i18n';
import { ActionForm, FileField, TextField } from './ui';

/** Who picks whom in a chain form: nobody, up to three of the post's ranked shortlist, or one of the names proposed earlier. */
type Names = 'none' | 'three-of-shortlist' | 'one-of-nominees';

/** One outside body's decision on a senior post's chain: the document it cites and the names it carries. */
interface ChainFormSpec {
  title: readonly [id: string, en: string];
  evidenceKind: string;
  names: Names;
}

/**
 * The outside bodies' decisions of the senior posts' chains (madya, regency Sekda, utama), recorded by
 * the secretariat with the body's document. Which forms show follows the case's pending tasks and the
 * decisions its state allows the session's role, not the role or the step.
 */
export const CHAIN_FORMS: Partial<Record<SelectionDecisionKind, ChainFormSpec>> = {
  governor_propose: {
    title: ['Catat usulan tiga nama Gubernur', 'Record the governor’s three names'],
    evidenceKind: 'surat_usulan_gubernur',
    names: 'three-of-shortlist',
  },
  minister_forward: {
    title: ['Catat penerusan Mendagri', 'Record the Minister’s forwarding'],
    evidenceKind: 'surat_mendagri',
    names: 'none',
  },
  propose_nominees: {
    title: ['Catat usulan tiga nama pengusul', 'Record the proposer’s three names'],
    evidenceKind: 'surat_usulan_pengusul',
    names: 'three-of-shortlist',
  },
  tpa_assess: { title: ['Catat hasil penilaian TPA', 'Record the TPA’s assessment'], evidenceKind: 'hasil_sidang_tpa', names: 'none' },
  president_approve: {
    title: ['Catat persetujuan Presiden atas penggantian', 'Record the President’s approval of the replacement'],
    evidenceKind: 'persetujuan_presiden',
    names: 'none',
  },
  record_keppres: { title: ['Catat Keppres', 'Record the Keppres'], evidenceKind: 'keppres', names: 'one-of-nominees' },
  governor_approve: {
    title: ['Catat persetujuan Gubernur', 'Record the governor’s approval'],
    evidenceKind: 'persetujuan_gubernur',
    names: 'none',
  },
};

/** What the chain forms read of the selection. */
export interface ChainCase {
  workflowId: string;
  agencyCode: string;
  sop: { id: string; version: string };
  allowedDecisions: { decision: string; roles: string[] }[];
  pendingTasks: { decision: string; subject?: string }[];
  candidates: { nip: string; name: string }[];
  shortlist: Record<string, { nip: string; rank: number }[]> | null;
  chain?: Partial<SelectionChainView> | { name: string; posts: Record<string, unknown> };
}

/** The chain forms of every post waiting on an outside body that the session's role records. */
export function ChainForms({ s, session, reload }: { s: ChainCase; session: Session; reload: () => void }) {
  const mayRecord = (d: string) => s.allowedDecisions.some((a) => a.decision === d && a.roles.includes(session.role));
  return (
    <>
      {s.pendingTasks.map((task) => {
        const spec = CHAIN_FORMS[task.decision as SelectionDecisionKind];
        if (!spec || !task.subject || !mayRecord(task.decision)) return null;
        return (
          <ChainForm
            key={`${task.decision}-${task.subject}`}
            s={s}
            post={task.subject}
            decision={task.decision}
            spec={spec}
            session={session}
            reload={reload}
          />
        );
      })}
    </>
  );
}

/** The names proposed for a post earlier in its chain (the governor's or the proposer's three). */
function proposedNames(s: ChainCase, post: string): string[] {
  const p = (s.chain?.posts as SelectionChainView['posts'] | undefined)?.[post];
  return p?.governorProposal?.nominees ?? p?.nomination?.nominees ?? [];
}

function ChainForm(props: { s: ChainCase; post: string; decision: string; spec: ChainFormSpec; session: Session; reload: () => void }) {
  const { s, post, decision, spec } = props;
  const { t } = useI18n();
  const shortlist = (s.shortlist?.[post] ?? []).map((c) => c.nip);
  const nominees = proposedNames(s, post);
  const [three, setThree] = useState<string[]>(shortlist.slice(0, 3));
  const [nip, setNip] = useState(nominees[0] ?? '');
  const [decreeNumber, setDecreeNumber] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const nameOf = (n: string) => `${s.candidates.find((c) => c.nip === n)?.name ?? n} (${n})`;
  const title = `${t(...spec.title)} ${post}`;
  const lines = [];
  if (spec.names === 'three-of-shortlist')
    lines.push({ label: t('Diusulkan (urut)', 'Proposed (in order)'), value: three.map(nameOf).join(', ') || '—' });
  if (spec.names === 'one-of-nominees') {
    lines.push({ label: t('Diangkat', 'Appointed'), value: nip ? nameOf(nip) : '—' });
    lines.push({ label: t('Nomor Keppres', 'Keppres number'), value: decreeNumber || '—' });
  }
  lines.push({ label: t('Bukti', 'Evidence'), value: file ? file.name : t('dokumen (wajib)', 'document (required)') });
  const missing =
    !file ||
    (spec.names === 'three-of-shortlist' && three.length === 0) ||
    (spec.names === 'one-of-nominees' && (!nip || decreeNumber.trim() === ''));
  return (
    <ActionForm
      caseId={s.workflowId}
      session={props.session}
      sop={s.sop}
      onDone={props.reload}
      title={title}
      decision={decision}
      lines={lines}
      submitLabel={t(...spec.title)}
      disabled={missing}
      onSubmit={async () => {
        if (!file) throw new Error(t('Pilih berkas bukti terlebih dahulu.', 'Choose the evidence file first.'));
        const evidence = [await uploadEvidence(file, spec.evidenceKind, s.agencyCode)];
        return api('POST', `/v1/selections/${enc(s.workflowId)}/decisions`, {
          decision,
          postCode: post,
          ...(spec.names === 'three-of-shortlist' ? { nominees: three } : {}),
          ...(spec.names === 'one-of-nominees' ? { nip, decreeNumber: decreeNumber.trim() } : {}),
          evidence,
        });
      }}
      testId={decision === 'record_keppres' ? `keppres-${post}` : `decide-${decision}`}
    >
      {spec.names === 'three-of-shortlist' && (
        <fieldset>
          <legend>{t('Tiga nama dari daftar pendek, urut peringkat', 'Three names from the shortlist, in rank order')}</legend>
          {shortlist.map((n) => (
            <div className="check" key={n}>
              <input
                type="checkbox"
                id={`${decision}-${post}-${n}`}
                checked={three.includes(n)}
                disabled={!three.includes(n) && three.length >= 3}
                onChange={(e) =>
                  setThree(e.target.checked ? shortlist.filter((x) => x === n || three.includes(x)) : three.filter((x) => x !== n))
                }
              />
              <label htmlFor={`${decision}-${post}-${n}`}>{nameOf(n)}</label>
            </div>
          ))}
        </fieldset>
      )}
      {spec.names === 'one-of-nominees' && (
        <>
          <fieldset>
            <legend>{t('Nama yang diusulkan', 'The names proposed')}</legend>
            {nominees.map((n) => (
              <div className="check" key={n}>
                <input type="radio" name={`keppres-${post}`} id={`keppres-${n}`} checked={nip === n} onChange={() => setNip(n)} />
                <label htmlFor={`keppres-${n}`}>{nameOf(n)}</label>
              </div>
            ))}
          </fieldset>
          <TextField label={t('Nomor Keppres', 'Keppres number')} value={decreeNumber} onChange={setDecreeNumber} required />
        </>
      )}
      <FileField label={`${t('Dokumen', 'Document')}: ${t(...spec.title)} (PDF)`} onChange={setFile} required />
    </ActionForm>
  );
}
