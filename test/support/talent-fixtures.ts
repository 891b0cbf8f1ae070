import type { Actor } from '@meritflow/domain';
import { eventually, type Stack } from './api-client';
import { administratorHistory, hrOf, newAgency, registerOfficial } from './register-fixtures';
import { registerReference } from './register-reference-fixtures';

export const CHAIR: Actor = { id: 'komite-talenta-ketua', role: 'committee_chair', name: 'Ketua Komite Talenta' };
export const MEMBER: Actor = { id: 'komite-talenta-anggota', role: 'committee_member', name: 'Anggota Komite Talenta' };

const assessment = (levels: Record<string, number>, jpmPercent?: number) => ({
  type: 'competency_assessed',
  payload: {
    assessedOn: '2026-05-20',
    method: 'assessment_center',
    assessor: 'UPT Penilaian Kompetensi',
    levels,
    ...(jpmPercent ? { jpmPercent } : {}),
  },
});
const strong = () => [
  ...administratorHistory(),
  { type: 'performance_rated', payload: { year: 2023, predicate: 'sangat_baik' } },
  assessment({ integritas: 5, kerjasama: 5, 'manajemen konstruksi': 4 }, 95),
];

/**
 * One agency, its reference data with KADIS-PUPR critical, and four officials: Andi (box 9), Budi (a
 * heavy sanction in 2026), Citra (middling, box 6) and Dedi (never assessed).
 */
export async function agencyWithOfficials(stack: Stack) {
  const agency = newAgency();
  await registerReference(stack, agency);
  const critical = await stack.call('PUT', '/v1/register/posts/KADIS-PUPR', {
    actor: hrOf(agency),
    body: {
      title: 'Kepala Dinas PUPR',
      postType: 'jpt_pratama',
      unitCode: 'DINAS-PUPR',
      competencyStandard: [
        { type: 'managerial', name: 'integritas', level: 4 },
        { type: 'managerial', name: 'kerjasama', level: 4 },
        { type: 'technical', name: 'manajemen konstruksi', level: 4 },
      ],
      critical: true,
      reason: 'Jabatan kritikal menurut rencana suksesi 2026',
    },
  });
  if (critical.status !== 200) throw new Error(`critical post: ${critical.status} ${JSON.stringify(critical.body)}`);
  const a = await registerOfficial(stack, { agencyCode: agency, name: 'Andi Talenta', events: strong() });
  const b = await registerOfficial(stack, {
    agencyCode: agency,
    name: 'Budi Berhukuman',
    events: [
      ...strong(),
      {
        type: 'sanction_recorded',
        payload: {
          level: 'heavy',
          sanction: 'penurunan_jabatan_12_bulan',
          imposedOn: '2026-01-05',
          endsOn: '2027-01-04',
          decreeNumber: 'SK-HD-1',
        },
      },
    ],
  });
  const c = await registerOfficial(stack, {
    agencyCode: agency,
    name: 'Citra Menengah',
    events: [...administratorHistory(), assessment({ integritas: 3, kerjasama: 3, 'manajemen konstruksi': 3 })],
  });
  const d = await registerOfficial(stack, { agencyCode: agency, name: 'Dedi Belum Diuji', events: administratorHistory() });
  for (const r of [a, b, c, d]) if (r.res.status !== 201) throw new Error(`official: ${r.res.status} ${JSON.stringify(r.res.body)}`);
  return { agency, a: a.nip, b: b.nip, c: c.nip, d: d.nip };
}

export async function openReview(stack: Stack, agency: string, period = '2026') {
  const res = await stack.call('POST', '/v1/talent-reviews', {
    actor: hrOf(agency),
    body: { period, asOf: '2026-12-01', validFrom: '2027-01-01', validTo: '2027-12-31', reason: 'Reviu talenta tahunan' },
  });
  if (res.status !== 201) throw new Error(`talent review: ${res.status} ${JSON.stringify(res.body)}`);
  const path = `/v1/talent-reviews/${res.body.workflowId}`;
  const state = await eventually(async () => {
    const s = (await stack.call('GET', path, { actor: hrOf(agency) })).body;
    return s.placements && s.recordedCount === s.decisionCount ? s : undefined;
  });
  return { id: res.body.workflowId as string, path, state };
}
