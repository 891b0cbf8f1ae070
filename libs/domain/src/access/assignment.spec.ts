import {
  assessmentActors,
  evaluateAssessorAssignment,
  evaluateCommitteeSeat,
  evaluateDelegationRevocation,
  evaluateMoveSide,
} from './assignment';
import { checkAssessor, checkNominatorNotNominated } from './separation-of-duties';

const committee = [
  { id: 'ketua', name: 'Ketua', affiliation: 'external' as const, isChair: true },
  { id: 'anggota', name: 'Anggota', affiliation: 'internal' as const, isChair: false },
];
const between = { from: { agencyCode: 'PEMKOT-ASAL' }, to: { agencyCode: 'PEMKAB-TUJUAN' } };

describe('per-case assignment rules', () => {
  it.each([
    ['the chair on the chair seat', { id: 'ketua', role: 'committee_chair' as const }, true],
    ['a member on a member seat', { id: 'anggota', role: 'committee_member' as const }, true],
    ['a member claiming the chair role', { id: 'anggota', role: 'committee_chair' as const }, false],
    ['someone without a seat', { id: 'lain', role: 'committee_member' as const }, false],
    [
      'a Plt acting for the chair',
      { id: 'plt', role: 'committee_chair' as const, actingFor: { id: 'ketua', role: 'committee_chair' as const, delegationId: 'd' } },
      true,
    ],
    ['HR (no seat needed)', { id: 'hr', role: 'hr_officer' as const }, true],
  ])('committee seat: %s', (_, actor, ok) => {
    expect(evaluateCommitteeSeat(committee, actor, 'S').ok).toBe(ok);
  });

  it('lets any seat act before the committee is formed', () => {
    expect(evaluateCommitteeSeat([], { id: 'x', role: 'committee_member' }, 'S').ok).toBe(true);
  });

  it.each([
    [undefined, 'a1', true],
    [[], 'a1', true],
    [['a1'], 'a1', true],
    [['a1'], 'a2', false],
  ])('assessors %p: %s may assess is %p', (ids, id, ok) => {
    expect(evaluateAssessorAssignment(ids, { id, role: 'assessor' }, '1978').ok).toBe(ok);
  });

  it('names the people who can act in an assessment: its assigned assessors and the candidate, or anyone (null)', () => {
    expect(assessmentActors(['asesor-1', 'asesor-2'], '1978')).toEqual(['asesor-1', 'asesor-2', '1978']);
    expect(assessmentActors([], '1978')).toBeNull();
    expect(assessmentActors(undefined, '1978')).toBeNull();
    // Whoever it leaves out is refused by the assignment rule anyway.
    const actors = assessmentActors(['asesor-1'], '1978')!;
    expect(evaluateAssessorAssignment(['asesor-1'], { id: 'asesor-9', role: 'assessor' }, '1978').ok).toBe(actors.includes('asesor-9'));
  });

  it.each([
    ['release', 'PEMKOT-ASAL', true],
    ['release', 'PEMKAB-TUJUAN', false],
    ['approve', 'PEMKAB-TUJUAN', true],
    ['approve', 'PEMKOT-ASAL', false],
    ['record_pertek', '*', true],
    ['release', undefined, true],
  ])('move between agencies: %s by an officer of %p is allowed: %p', (decision, agency, ok) => {
    const v = evaluateMoveSide(between, decision, { id: 'p', role: 'ppk', ...(agency ? { agency } : {}) });
    expect(v.ok).toBe(ok);
    if (!v.ok) expect(v).toMatchObject({ code: 'ACTOR_NOT_ASSIGNED' });
  });

  it('checks no side within one agency', () => {
    expect(
      evaluateMoveSide({ from: { agencyCode: 'A' }, to: { agencyCode: 'A' } }, 'release', { id: 'p', role: 'ppk', agency: 'B' }).ok,
    ).toBe(true);
  });

  it.each([
    ['the delegator', { id: 'ppk', role: 'ppk' as const }, true],
    ['an admin', { id: 'adm', role: 'admin' as const }, true],
    ['the delegate', { id: 'plt', role: 'ppk' as const, actingFor: { id: 'ppk', role: 'ppk' as const, delegationId: 'd' } }, false],
    ['another PPK', { id: 'ppk-2', role: 'ppk' as const }, false],
  ])('revocation by %s', (_, actor, ok) => {
    expect(evaluateDelegationRevocation(actor, { id: 'd', delegatorId: 'ppk' }).ok).toBe(ok);
  });

  it('keeps whoever names a committee off it, and people with a duty from assessing', () => {
    expect(checkNominatorNotNominated({ id: 'ppk', role: 'ppk' }, ['a', 'ppk'], 'committee')).toMatchObject({
      ok: false,
      params: { actorId: 'ppk', holds: ['ppk'] },
    });
    expect(checkNominatorNotNominated({ id: 'ppk', role: 'ppk' }, ['a', 'b'], 'committee')).toEqual({ ok: true });
    expect(checkAssessor({ m: ['committee'] }, 'm')).toMatchObject({ ok: false, params: { duty: 'assessor' } });
    expect(checkAssessor({ m: ['committee'] }, 'x')).toEqual({ ok: true });
  });
});
