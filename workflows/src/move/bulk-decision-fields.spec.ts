import type { BulkDecisionInput } from '@meritflow/contracts';
import { bulkDecisionFieldIssues } from './bulk-decision-fields';

const members = new Map([
  ['199001012015011001', { nip: '199001012015011001', allowed: true }],
  ['199001012015011002', { nip: '199001012015011002', allowed: false }],
  ['199001012015011003', { nip: '199001012015011003', allowed: true }],
]);
const decide = (d: Record<string, unknown>) => ({ actor: { id: 'x', role: 'ppk' }, ...d }) as unknown as BulkDecisionInput;
const rules = (d: Record<string, unknown>, guard?: string) =>
  bulkDecisionFieldIssues(decide(d), members, guard).map((i) => `${i.field}:${i.rule}`);

describe('the field rules of a bulk move decision', () => {
  it.each([
    {
      what: 'the blocked person excluded with a reason',
      d: { decision: 'approve_batch', exclusions: [{ nip: '199001012015011002', reason: 'masa kerja kurang' }] },
      want: [],
    },
    {
      what: 'the blocked person not excluded',
      d: { decision: 'approve_batch', exclusions: [] },
      want: ['exclusions:blockedMustBeExcluded'],
    },
    {
      what: 'an exclusion of someone outside the batch, without a reason',
      d: {
        decision: 'approve_batch',
        exclusions: [
          { nip: '199001012015011002', reason: 'x' },
          { nip: '198001012005011003', reason: ' ' },
        ],
      },
      want: ['exclusions:member', 'exclusions:reason'],
    },
    {
      what: 'everyone excluded',
      d: {
        decision: 'approve_batch',
        exclusions: [
          { nip: '199001012015011001', reason: 'a' },
          { nip: '199001012015011002', reason: 'b' },
          { nip: '199001012015011003', reason: 'c' },
        ],
      },
      want: ['exclusions:empty'],
    },
    {
      what: 'a decree with its number and TMT',
      d: { decision: 'record_decree', decreeNumber: '821.2/30/2027', effectiveDate: '2027-01-02' },
      want: [],
    },
    { what: 'a decree without a number', d: { decision: 'record_decree', effectiveDate: '2027-01-02' }, want: ['decreeNumber:required'] },
    {
      what: 'a decree with a TMT that is no date',
      d: { decision: 'record_decree', decreeNumber: '821.2/30/2027', effectiveDate: '2/1/2027' },
      want: ['effectiveDate:required'],
    },
  ])('$what', ({ d, want }) => {
    expect(rules(d)).toEqual(want);
  });
});
