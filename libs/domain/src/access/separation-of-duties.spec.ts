import { assignDuty, checkActorDuties, checkDuty, type DutyRegistry } from './separation-of-duties';

describe('separation of duties', () => {
  const registry = (): DutyRegistry => {
    const r: DutyRegistry = {};
    assignDuty(r, 'hr-1', 'initiator');
    assignDuty(r, 'member-1', 'committee');
    assignDuty(r, 'ppk-1', 'ppk');
    assignDuty(r, '197501152000011001', 'candidate');
    return r;
  };

  it.each([
    ['the initiator as PPK', 'hr-1', 'ppk', 'distinct_people'],
    ['the initiator on the committee', 'hr-1', 'committee', 'distinct_people'],
    ['a committee member as PPK', 'member-1', 'ppk', 'distinct_people'],
    ['the PPK on the committee', 'ppk-1', 'committee', 'distinct_people'],
    ['a candidate in any role', '197501152000011001', null, 'candidate_never_acts'],
    ['a committee member registered as a candidate', 'member-1', 'candidate', 'candidate_never_acts'],
  ] as const)('refuses %s', (_, id, duty, rule) => {
    expect(checkDuty(registry(), id, duty)).toMatchObject({ ok: false, code: 'SEPARATION_OF_DUTIES', params: { actorId: id, rule } });
  });

  it.each([
    ['the PPK again as PPK', 'ppk-1', 'ppk'],
    ['a member again on the committee', 'member-1', 'committee'],
    ['an outsider as PPK', 'other', 'ppk'],
    ['the initiator acting without a duty (HR work)', 'hr-1', null],
    ['a new candidate', '198001012005011002', 'candidate'],
  ] as const)('allows %s', (_, id, duty) => {
    expect(checkDuty(registry(), id, duty)).toEqual({ ok: true });
  });

  it('checks the official a delegate acts for as well as the delegate', () => {
    const asPlt = { id: 'plt-1', role: 'ppk' as const, actingFor: { id: 'member-1', role: 'ppk' as const, delegationId: 'd' } };
    expect(checkActorDuties(registry(), asPlt)).toMatchObject({ ok: false, params: { actorId: 'member-1' } });
    expect(checkActorDuties(registry(), { ...asPlt, actingFor: { ...asPlt.actingFor, id: 'ppk-1' } })).toEqual({ ok: true });
    expect(checkActorDuties(registry(), { id: 'hr-1', role: 'committee_chair' })).toMatchObject({
      ok: false,
      params: { duty: 'committee' },
    });
  });

  it('assigns each duty once', () => {
    const r: DutyRegistry = {};
    assignDuty(r, 'x', 'ppk');
    assignDuty(r, 'x', 'ppk');
    expect(r).toEqual({ x: ['ppk'] });
  });
});
