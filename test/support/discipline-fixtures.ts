import { wibDate, type Actor } from '@meritflow/domain';
import { uniqueCode, type Stack } from './api-client';
import { hrOf, newAgency, registerOfficial } from './register-fixtures';

/** The test-only discipline SOP whose appeal window closes after 2 s. */
export const FAST_DISCIPLINE_SOP = '1.0.0-test.fast';

/** An official of a new agency, IV/b in an administrator post, and a discipline case opened about them. */
export async function openDisciplineCase(
  stack: Stack,
  o: { sopVersion?: string; events?: { type: string; payload: Record<string, unknown> }[] } = {},
) {
  const agency = newAgency();
  const { nip, res } = await registerOfficial(stack, { agencyCode: agency, ...(o.events ? { events: o.events } : {}) });
  expect(res.status).toBe(201);
  const hr = hrOf(agency);
  const opened = await stack.call('POST', '/v1/discipline-cases', {
    actor: hr,
    body: {
      agencyCode: agency,
      caseCode: uniqueCode('HD'),
      nip,
      allegation: 'Tidak masuk kerja tanpa alasan sah selama 12 hari kerja',
      reportedOn: wibDate(new Date()),
      reason: 'Laporan atasan langsung',
      sopVersion: o.sopVersion ?? FAST_DISCIPLINE_SOP,
    },
  });
  expect(opened.status).toBe(201);
  const id: string = opened.body.workflowId;
  const path = `/v1/discipline-cases/${id}`;
  const decide = (actor: Actor, body: Record<string, unknown>) => stack.call('POST', `${path}/decisions`, { actor, body });
  return { agency, nip, hr, id, path, decide };
}
