import {
  candidateCode,
  isBlindReader,
  maskCandidates,
  nipOfRef,
  readsBlind,
  type BlindScoringState,
  type CandidateCode,
} from './blind-scoring';

const NIP_A = '198001012005011001';
const NIP_B = '198001012005011002';
const CODES: CandidateCode[] = [
  { code: 'K-01', nip: NIP_A, name: 'Andi Wijaya' },
  { code: 'K-02', nip: NIP_B, name: 'Andi Wijaya Putra' },
];

describe('candidateCode', () => {
  it.each([
    [1, 'K-01'],
    [9, 'K-09'],
    [42, 'K-42'],
    [150, 'K-150'],
  ])('codes the %i-th registered candidate as %s', (order, code) => {
    expect(candidateCode(order)).toBe(code);
  });
});

describe('readsBlind', () => {
  const blind: BlindScoringState = { revealed: false, codes: CODES };
  it.each<[string, BlindScoringState | undefined, boolean]>([
    ['committee_member', blind, true],
    ['committee_chair', blind, true],
    ['assessor', blind, true],
    ['hr_officer', blind, false],
    ['ppk', blind, false],
    ['overseer', blind, false],
    ['auditor', blind, false],
    ['committee_member', { ...blind, revealed: true }, false],
    ['committee_member', undefined, false],
  ])('%s reads blind: %s → %s', (role, state, expected) => {
    expect(readsBlind({ role }, state)).toBe(expected);
  });

  it('reads blind whoever acts for a committee member under a delegation', () => {
    expect(readsBlind({ role: 'hr_officer', actingFor: { role: 'committee_member' } }, blind)).toBe(true);
  });
});

describe('isBlindReader', () => {
  it.each<[{ role: string; actingFor?: { role: string } }, boolean]>([
    [{ role: 'committee_member' }, true],
    [{ role: 'committee_chair' }, true],
    [{ role: 'assessor' }, true],
    [{ role: 'hr_officer' }, false],
    [{ role: 'ppk' }, false],
    [{ role: 'hr_officer', actingFor: { role: 'assessor' } }, true],
    [{ role: 'ppk', actingFor: { role: 'hr_officer' } }, false],
  ])('%j is a blind reader: %s', (reader, expected) => {
    expect(isBlindReader(reader)).toBe(expected);
  });
});

describe('nipOfRef', () => {
  it.each([
    ['K-01', NIP_A],
    ['K-02', NIP_B],
    [NIP_B, NIP_B],
    ['K-03', null],
    ['198001012005011009', null],
  ])('resolves %s to %s', (ref, nip) => {
    expect(nipOfRef(CODES, ref)).toBe(nip);
  });
});

describe('maskCandidates', () => {
  it('replaces NIPs and names in values, keys and longer strings, longer names first', () => {
    const masked = maskCandidates(
      {
        candidates: [
          { nip: NIP_A, name: 'Andi Wijaya' },
          { nip: NIP_B, name: 'Andi Wijaya Putra' },
        ],
        workflowId: `open-selection:X:Y:assessment:${NIP_A}`,
        byNip: { [NIP_B]: 1 },
        reason: `no quorum for ${NIP_A}, ${NIP_B}`,
        score: 88,
        sealed: true,
      },
      CODES,
    );
    expect(masked).toEqual({
      candidates: [
        { nip: 'K-01', name: 'K-01' },
        { nip: 'K-02', name: 'K-02' },
      ],
      workflowId: 'open-selection:X:Y:assessment:K-01',
      byNip: { 'K-02': 1 },
      reason: 'no quorum for K-01, K-02',
      score: 88,
      sealed: true,
    });
    expect(JSON.stringify(masked)).not.toMatch(/Andi|1980010120050110/);
  });

  it('leaves a value without candidates as it was', () => {
    const value = { step: 'ranking', members: [{ id: 'pansel-1', name: 'Dr. Agus Salim' }] };
    expect(maskCandidates(value, CODES)).toEqual(value);
  });
});
