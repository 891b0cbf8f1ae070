import { rootCaseOf } from './case-id';

describe('rootCaseOf', () => {
  it.each([
    ['vacancy:PEMKAB-SLEMAN:KADIS-PUPR', { rootId: 'vacancy:PEMKAB-SLEMAN:KADIS-PUPR', caseType: 'vacancy', agencyCode: 'PEMKAB-SLEMAN' }],
    [
      'open-selection:PEMKAB-A:SELTER-1:assessment:197804122003031001',
      { rootId: 'open-selection:PEMKAB-A:SELTER-1', caseType: 'open-selection', agencyCode: 'PEMKAB-A' },
    ],
    ['move:PEMPROV-X:198203042008011001', { rootId: 'move:PEMPROV-X:198203042008011001', caseType: 'move', agencyCode: 'PEMPROV-X' }],
    [
      'bulk-move:PEMKAB-B:SK-1:member:198203042008011001',
      { rootId: 'bulk-move:PEMKAB-B:SK-1', caseType: 'bulk-move', agencyCode: 'PEMKAB-B' },
    ],
  ])('reads the root case and its agency from %s', (id, ref) => {
    expect(rootCaseOf(id)).toEqual(ref);
  });

  it.each(['v1', 'vacancy:pemkab-a:X', "vacancy:A:x';drop", 'move:A:123', 'selection:A:B', ''])('names no case for %p', (id) => {
    expect(rootCaseOf(id)).toBeNull();
  });
});
