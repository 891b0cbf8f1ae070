import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, enc, type Session } from './api';
import { DecreePanel, type DecreeDraft } from './decree';

/** The roles that draft the SK (the API's own list: HR and the PPK); the others read and print it. */
const DRAFTERS: readonly string[] = ['hr_officer', 'ppk'];

const decreeKey = (caseId: string, postCode?: string) => ['decree', caseId, postCode ?? ''] as const;

/**
 * The case's latest drafted SK, or null when none is drafted yet (404 DECREE_NOT_FOUND is the
 * ordinary start). The record_decree form reads it to cite the drafted PDF as its evidence.
 */
export function useDecreeDraft(caseId: string, postCode?: string, enabled = true): DecreeDraft | null {
  const query = postCode ? `?postCode=${encodeURIComponent(postCode)}` : '';
  const q = useQuery<DecreeDraft | null>({
    queryKey: decreeKey(caseId, postCode),
    enabled,
    queryFn: async () => {
      try {
        return await api<DecreeDraft>('GET', `/v1/cases/${enc(caseId)}/decree${query}`);
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'DECREE_NOT_FOUND' || e.code === 'DECREE_NOT_READY')) return null;
        throw e;
      }
    },
  });
  return q.data ?? null;
}

/**
 * The SK panel of a case page, shown once the case holds its appointing decision: HR and the PPK
 * draft it, everyone who reads the case prints or downloads it. A new draft refreshes what the
 * record_decree form cites.
 */
export function CaseDecree({ caseId, postCode, session }: { caseId: string; postCode?: string; session: Session }) {
  const client = useQueryClient();
  return (
    <DecreePanel
      caseId={caseId}
      postCode={postCode}
      canDraft={DRAFTERS.includes(session.role)}
      onDrafted={(d) => client.setQueryData(decreeKey(caseId, postCode), d)}
    />
  );
}
