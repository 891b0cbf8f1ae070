import {
  DEFAULT_COMMITTEE_SETTINGS,
  eligibleScorers,
  hasQuorum,
  quorumFor,
  scoringProgress,
  undeclaredMembers,
  validateCommittee,
  type CommitteeMember,
  type ConflictDeclaration,
} from './committee';

/** A Pansel of `internal` + `external` members; the first external member chairs unless told otherwise. */
const committee = (internal: number, external: number, chairs = 1): CommitteeMember[] => [
  ...Array.from({ length: external }, (_, i) => ({
    id: `ext-${i + 1}`,
    name: `Anggota Eksternal ${i + 1}`,
    affiliation: 'external' as const,
    isChair: i < chairs,
  })),
  ...Array.from({ length: internal }, (_, i) => ({
    id: `int-${i + 1}`,
    name: `Anggota Internal ${i + 1}`,
    affiliation: 'internal' as const,
    isChair: external + i < chairs && i < chairs - external,
  })),
];

const rules = (members: CommitteeMember[]) => validateCommittee(members, DEFAULT_COMMITTEE_SETTINGS).map((i) => i.rule);

describe('validateCommittee (5–9, odd, ≤45% internal, one chair)', () => {
  it('defaults to the domain.md §3 composition', () => {
    expect(DEFAULT_COMMITTEE_SETTINGS).toEqual({
      version: 'committee@2026-01-01',
      minSize: 5,
      maxSize: 9,
      requireOdd: true,
      maxInternalShare: 0.45,
      quorumShare: 0.5,
    });
  });

  it.each([
    { what: '5 members, 2 internal (40%, Blitar practice)', internal: 2, external: 3, failed: [] },
    { what: '7 members, 2 internal (Sulsel 5 + 2)', internal: 2, external: 5, failed: [] },
    { what: '7 members, 3 internal (42.9%)', internal: 3, external: 4, failed: [] },
    { what: '9 members, 4 internal (44.4%)', internal: 4, external: 5, failed: [] },
    { what: '5 members, none internal', internal: 0, external: 5, failed: [] },
    { what: '5 members, 3 internal (60%)', internal: 3, external: 2, failed: ['committee.internalShare'] },
    { what: '9 members, 5 internal (55.6%)', internal: 5, external: 4, failed: ['committee.internalShare'] },
    { what: '4 members (too few and even)', internal: 1, external: 3, failed: ['committee.size', 'committee.odd'] },
    { what: '6 members (even)', internal: 2, external: 4, failed: ['committee.odd'] },
    { what: '3 members (too few)', internal: 1, external: 2, failed: ['committee.size'] },
    { what: '11 members (too many)', internal: 4, external: 7, failed: ['committee.size'] },
    { what: '10 members (too many and even)', internal: 4, external: 6, failed: ['committee.size', 'committee.odd'] },
  ])('$what → failed: $failed', ({ internal, external, failed }) => {
    expect(rules(committee(internal, external))).toEqual(failed);
  });

  it('allows an even committee when the settings do not require an odd one', () => {
    const settings = { ...DEFAULT_COMMITTEE_SETTINGS, version: 'committee@test', requireOdd: false };

    expect(validateCommittee(committee(2, 4), settings)).toEqual([]);
    expect(validateCommittee(committee(1, 3), settings).map((i) => i.rule)).toEqual(['committee.size']);
  });

  it('admits exactly the maximum internal share', () => {
    // 9 of 20 is exactly 45%.
    const settings = { ...DEFAULT_COMMITTEE_SETTINGS, version: 'committee@test', maxSize: 21, requireOdd: false };

    expect(validateCommittee(committee(9, 11), settings)).toEqual([]);
    expect(validateCommittee(committee(10, 10), settings).map((i) => i.rule)).toEqual(['committee.internalShare']);
  });

  it.each([
    { what: 'no chair', chairs: 0 },
    { what: 'two chairs', chairs: 2 },
  ])('refuses a committee with $what', ({ chairs }) => {
    const issues = validateCommittee(committee(2, 3, chairs), DEFAULT_COMMITTEE_SETTINGS);

    expect(issues).toEqual([
      {
        field: 'members',
        rule: 'committee.chair',
        message: {
          id: `panitia seleksi harus memiliki tepat satu ketua, bukan ${chairs}`,
          en: `the selection committee must have exactly one chair, not ${chairs}`,
        },
      },
    ]);
  });

  it('refuses a member listed twice, naming the repeated entry', () => {
    const members = committee(2, 3);
    members[4] = { ...members[4], id: 'ext-2' };

    expect(validateCommittee(members, DEFAULT_COMMITTEE_SETTINGS, 'pansel.members')).toEqual([
      expect.objectContaining({ field: 'pansel.members.4.id', rule: 'committee.uniqueId' }),
    ]);
  });

  it('states the internal share in both languages', () => {
    const [issue] = validateCommittee(committee(3, 2), DEFAULT_COMMITTEE_SETTINGS);

    expect(issue.message).toEqual({
      id: 'anggota internal 3 dari 5 (60%) melebihi batas 45%',
      en: '3 of 5 members are internal (60%), above the 45% limit',
    });
  });
});

describe('eligibleScorers', () => {
  const members = committee(2, 3);
  const NIP_A = '198503152010012003';
  const NIP_B = '197008171995031001';
  const declarations: ConflictDeclaration[] = [
    { memberId: 'int-1', candidateNip: NIP_A, conflicted: true },
    { memberId: 'ext-2', candidateNip: NIP_A, conflicted: false },
    { memberId: 'ext-3', candidateNip: NIP_B, conflicted: true },
  ];

  it.each([
    { candidate: NIP_A, excluded: ['int-1'] },
    { candidate: NIP_B, excluded: ['ext-3'] },
    { candidate: '199001012015031001', excluded: [] },
  ])('drops the members conflicted on $candidate: $excluded', ({ candidate, excluded }) => {
    const ids = eligibleScorers(members, declarations, candidate).map((m) => m.id);

    expect(ids).toEqual(members.map((m) => m.id).filter((id) => !excluded.includes(id)));
  });

  it('lets any conflicted declaration win over a clean one for the same pair', () => {
    const both: ConflictDeclaration[] = [
      { memberId: 'ext-1', candidateNip: NIP_A, conflicted: false },
      { memberId: 'ext-1', candidateNip: NIP_A, conflicted: true },
    ];

    expect(eligibleScorers(members, both, NIP_A).map((m) => m.id)).not.toContain('ext-1');
  });

  it('lists who has not declared on a candidate', () => {
    expect(undeclaredMembers(members, declarations, NIP_A).map((m) => m.id)).toEqual(['ext-1', 'ext-3', 'int-2']);
  });
});

describe('quorumFor (strictly more than half of the eligible scorers)', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [6, 4],
    [7, 4],
    [9, 5],
  ])('needs %i eligible → %i scorers', (eligible, quorum) => {
    expect(quorumFor(eligible, DEFAULT_COMMITTEE_SETTINGS)).toBe(quorum);
  });

  it('is not thrown off by binary error in the share', () => {
    // 100 × 0.29 is 28.999…96 in binary; strictly more than 29 is 30.
    expect(quorumFor(100, { ...DEFAULT_COMMITTEE_SETTINGS, quorumShare: 0.29 })).toBe(30);
  });

  it.each([-1, 2.5, Number.NaN])('refuses an eligible count of %p', (n) => {
    expect(() => quorumFor(n, DEFAULT_COMMITTEE_SETTINGS)).toThrow(RangeError);
  });

  it.each([
    { present: 2, eligible: 4, ok: false },
    { present: 3, eligible: 4, ok: true },
    { present: 3, eligible: 5, ok: true },
    { present: 0, eligible: 0, ok: false },
    { present: 5, eligible: 4, ok: false },
  ])('$present of $eligible present → quorum $ok', ({ present, eligible, ok }) => {
    expect(hasQuorum(present, eligible, DEFAULT_COMMITTEE_SETTINGS)).toBe(ok);
  });
});

describe('scoringProgress (k of n scored, quorum q, who is pending)', () => {
  const members = committee(2, 3); // ext-1..3, int-1..2
  const NIP = '198503152010012003';
  const decl = (memberId: string, conflicted = false): ConflictDeclaration => ({ memberId, candidateNip: NIP, conflicted });

  it.each([
    {
      when: 'one member declared and scored, four have not declared',
      declarations: [decl('ext-1')],
      scored: ['ext-1'],
      expected: { scored: 1, eligibleMembers: 5, quorum: 3, quorumMet: false, pending: ['ext-2', 'ext-3', 'int-1', 'int-2'] },
    },
    {
      when: 'three of five scored',
      declarations: ['ext-1', 'ext-2', 'ext-3', 'int-1', 'int-2'].map((m) => decl(m)),
      scored: ['ext-1', 'ext-2', 'int-1'],
      expected: { scored: 3, eligibleMembers: 5, quorum: 3, quorumMet: true, pending: ['ext-3', 'int-2'] },
    },
    {
      when: 'one member is conflicted and two of the four others scored',
      declarations: [decl('ext-1'), decl('ext-2'), decl('int-1', true)],
      scored: ['ext-1', 'ext-2'],
      expected: { scored: 2, eligibleMembers: 4, quorum: 3, quorumMet: false, pending: ['ext-3', 'int-2'] },
    },
    {
      when: 'nobody has acted yet',
      declarations: [],
      scored: [],
      expected: { scored: 0, eligibleMembers: 5, quorum: 3, quorumMet: false, pending: ['ext-1', 'ext-2', 'ext-3', 'int-1', 'int-2'] },
    },
  ])('counts $when', ({ declarations, scored, expected }) => {
    const progress = scoringProgress(members, declarations, (id) => scored.includes(id), NIP, DEFAULT_COMMITTEE_SETTINGS);

    expect({ ...progress, pending: progress.pending.map((p) => p.id) }).toEqual(expected);
  });

  it('names the pending members and says whose declaration is still due', () => {
    const progress = scoringProgress(members, [decl('ext-1')], () => false, NIP, DEFAULT_COMMITTEE_SETTINGS);

    expect(progress.pending.slice(0, 2)).toEqual([
      { id: 'ext-1', name: 'Anggota Eksternal 1', undeclared: false },
      { id: 'ext-2', name: 'Anggota Eksternal 2', undeclared: true },
    ]);
  });
});
