import { z } from 'zod';
import type { SelectionChainView, SelectionDecisionKind } from '@meritflow/contracts';
import { api, enc, uploadEvidence, type Session } from './api';
import { useI18n } from './i18n';
import { FormChecks, FormFile, FormRadios, FormText, fields, msg, submitWith, useZodForm } from './forms';
import { ActionForm } from './ui';

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
export type ChainDecision = Extract<
  SelectionDecisionKind,
  'governor_propose' | 'minister_forward' | 'propose_nominees' | 'tpa_assess' | 'president_approve' | 'record_keppres' | 'governor_approve'
>;

export const CHAIN_FORMS: Readonly<Record<ChainDecision, ChainFormSpec>> = {
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

/** The names proposed for a post earlier in its chain (the governor's or the proposer's three). */
function proposedNames(s: ChainCase, post: string): string[] {
  const p = (s.chain?.posts as SelectionChainView['posts'] | undefined)?.[post];
  return p?.governorProposal?.nominees ?? p?.nomination?.nominees ?? [];
}

const chainSchema = (names: Names) =>
  z.object({ three: z.array(z.string()), nip: z.string(), decreeNumber: z.string(), file: fields.file() }).superRefine((v, ctx) => {
    if (names === 'three-of-shortlist' && v.three.length === 0)
      ctx.addIssue({ code: 'custom', path: ['three'], message: msg('Pilih nama yang diusulkan', 'Choose the names proposed') });
    if (names === 'one-of-nominees' && !v.nip)
      ctx.addIssue({ code: 'custom', path: ['nip'], message: msg('Pilih yang diangkat', 'Choose who is appointed') });
    if (names === 'one-of-nominees' && v.decreeNumber.trim() === '')
      ctx.addIssue({ code: 'custom', path: ['decreeNumber'], message: msg('Wajib diisi', 'Required') });
  });

export function ChainForm(props: {
  s: ChainCase;
  post: string;
  decision: ChainDecision;
  spec: ChainFormSpec;
  session: Session;
  reload: () => void;
}) {
  const { s, post, decision, spec } = props;
  const { t, lang } = useI18n();
  const shortlist = (s.shortlist?.[post] ?? []).map((c) => c.nip);
  const nominees = proposedNames(s, post);
  const form = useZodForm(chainSchema(spec.names), { three: shortlist.slice(0, 3), nip: nominees[0] ?? '', decreeNumber: '', file: null });
  const [three, nip, decreeNumber, file] = form.watch(['three', 'nip', 'decreeNumber', 'file']);
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
      disabled={!form.formState.isValid}
      onSubmit={submitWith(form, lang, async (v) => {
        const evidence = [await uploadEvidence(v.file!, spec.evidenceKind, s.agencyCode)];
        return api('POST', `/v1/selections/${enc(s.workflowId)}/decisions`, {
          decision,
          postCode: post,
          // Kept in the shortlist's rank order, whatever order they were ticked in.
          ...(spec.names === 'three-of-shortlist' ? { nominees: shortlist.filter((x) => v.three.includes(x)) } : {}),
          ...(spec.names === 'one-of-nominees' ? { nip: v.nip, decreeNumber: v.decreeNumber.trim() } : {}),
          evidence,
        });
      })}
      testId={decision === 'record_keppres' ? `keppres-${post}` : `decide-${decision}`}
    >
      {spec.names === 'three-of-shortlist' && (
        <FormChecks
          form={form}
          name="three"
          idPrefix={`${decision}-${post}`}
          max={3}
          label={t('Tiga nama dari daftar pendek, urut peringkat', 'Three names from the shortlist, in rank order')}
          options={shortlist.map((n) => ({ value: n, label: nameOf(n) }))}
        />
      )}
      {spec.names === 'one-of-nominees' && (
        <>
          <FormRadios
            form={form}
            name="nip"
            idPrefix="keppres"
            label={t('Nama yang diusulkan', 'The names proposed')}
            options={nominees.map((n) => ({ value: n, label: nameOf(n) }))}
          />
          <FormText form={form} name="decreeNumber" label={t('Nomor Keppres', 'Keppres number')} />
        </>
      )}
      <FormFile form={form} name="file" label={`${t('Dokumen', 'Document')}: ${t(...spec.title)} (PDF)`} />
    </ActionForm>
  );
}
