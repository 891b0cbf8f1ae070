import type { Stack } from './api-client';
import { hrOf } from './register-fixtures';

/** The standard of the Kepala Bidang post KABID-2 (administrator). */
export const KABID_STANDARD = [
  { type: 'managerial', name: 'integritas', level: 3 },
  { type: 'managerial', name: 'kerjasama', level: 3 },
  { type: 'technical', name: 'manajemen konstruksi', level: 4 },
];

/** A competency assessment in 2025: 4, 3, 3 against the standard's 3, 3, 4 (JPM 90 %, optimal). */
export const ASSESSMENT_2025 = {
  type: 'competency_assessed',
  payload: {
    assessedOn: '2025-05-20',
    method: 'assessment_center',
    assessor: 'UPT Penilaian Kompetensi',
    levels: { integritas: 4, kerjasama: 3, 'manajemen konstruksi': 3 },
  },
};

async function put(stack: Stack, agencyCode: string, path: string, body: Record<string, unknown>) {
  const res = await stack.call('PUT', path, { actor: hrOf(agencyCode), body });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * An agency's reference data, as registerOfficial's history expects it: the dinas DINAS-PUPR with the
 * bidang DINAS-A inside it, the bidang's head post KABID-2 and the dinas' head post KADIS-PUPR (JPT
 * pratama, level 4 throughout).
 */
export async function registerReference(stack: Stack, agencyCode: string) {
  await put(stack, agencyCode, '/v1/register/units/DINAS-PUPR', {
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    reason: 'Perda SOTK 2021',
  });
  await put(stack, agencyCode, '/v1/register/units/DINAS-A', {
    name: 'Bidang Bina Marga',
    parentCode: 'DINAS-PUPR',
    reason: 'Perda SOTK 2021',
  });
  await put(stack, agencyCode, '/v1/register/posts/KABID-2', {
    title: 'Kepala Bidang Bina Marga',
    postType: 'administrator',
    unitCode: 'DINAS-A',
    competencyStandard: KABID_STANDARD,
    reason: 'Kepbup SKJ 2024',
  });
  await put(stack, agencyCode, '/v1/register/posts/KADIS-PUPR', {
    title: 'Kepala Dinas PUPR',
    postType: 'jpt_pratama',
    unitCode: 'DINAS-PUPR',
    competencyStandard: KABID_STANDARD.map((c) => ({ ...c, level: 4 })),
    reason: 'Kepbup SKJ 2024',
  });
}
