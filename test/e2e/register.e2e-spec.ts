import type { Actor } from '@meritflow/domain';
import { Stack } from '../support/api-client';
import { administratorHistory, hrOf, makeNip, newAgency, registerOfficial } from '../support/register-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const fields = (body: { details?: { fields?: { field: string; rule: string }[] } }) =>
  (body.details?.fields ?? []).map((f) => `${f.field}:${f.rule}`);
const eventCount = async (agencyCode: string, nip: string) =>
  Number(
    (await (await stack.db()).query(`SELECT count(*) AS n FROM register_events WHERE agency_code = $1 AND nip = $2`, [agencyCode, nip]))
      .rows[0].n,
  );

describe('the ASN register', () => {
  it('registers an official with their history and derives the profile from the events', async () => {
    const agencyCode = newAgency();
    const { nip, res } = await registerOfficial(stack, { agencyCode, name: 'Budi Santoso' });
    expect(res.status).toBe(201);
    const profile = await stack.call('GET', `/v1/register/people/${nip}`, { actor: hrOf(agencyCode) });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      nip,
      name: 'Budi Santoso',
      employmentType: 'pns',
      rank: { golongan: 'IV/b', tmt: '2022-04-01' },
      position: { postType: 'administrator', from: '2021-01-04', to: null },
    });
    expect(profile.body.positionHistory).toHaveLength(2);
    expect(profile.body.positionHistory[0]).toMatchObject({ postType: 'pengawas', to: '2021-01-04' });
    const events = await stack.call('GET', `/v1/register/people/${nip}/events`, { actor: hrOf(agencyCode) });
    expect(events.body.events).toHaveLength(9);
    expect(events.body.events[0]).toMatchObject({
      type: 'person_registered',
      actor: { role: 'hr_officer' },
      reason: 'Impor data awal dari SIASN',
    });
  });

  it('shows a profile as of an earlier date: the grade and post then in force', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const then = await stack.call('GET', `/v1/register/people/${nip}?asOf=2020-06-30`, { actor: hrOf(agencyCode) });
    expect(then.status).toBe(200);
    expect(then.body.rank.golongan).toBe('IV/a');
    expect(then.body.position).toMatchObject({ postType: 'pengawas', from: '2012-01-02' });
    expect(then.body.performance).toEqual([]);
  });

  it('corrects a mistake with a retraction and a new event, never an edit, and can show the record as it was known before', async () => {
    const agencyCode = newAgency();
    const { nip, res } = await registerOfficial(stack, { agencyCode });
    const rating = res.body.events.find(
      (e: { type: string; payload: { year?: number } }) => e.type === 'performance_rated' && e.payload.year === 2025,
    );
    const fix = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: hrOf(agencyCode),
      body: {
        reason: 'Predikat 2025 salah ketik; sesuai SKP yang ditandatangani',
        events: [
          { type: 'events_retracted', payload: { eventIds: [rating.id] } },
          { type: 'performance_rated', payload: { year: 2025, predicate: 'butuh_perbaikan' } },
        ],
      },
    });
    expect(fix.status).toBe(201);
    expect(fix.body.profile.performance).toEqual([
      { year: 2024, predicate: 'sangat_baik' },
      { year: 2025, predicate: 'butuh_perbaikan' },
    ]);
    const before = await stack.call('GET', `/v1/register/people/${nip}?version=${rating.id}`, { actor: hrOf(agencyCode) });
    expect(before.body.performance.find((p: { year: number }) => p.year === 2025).predicate).toBe('baik');
    const update = (await stack.db()).query(`UPDATE register_events SET reason = 'x' WHERE id = $1`, [rating.id]);
    await expect(update).rejects.toThrow(/append-only/);
  });

  it('refuses a rank that does not follow, a date that does not exist and a sanction of the wrong level, naming each, and stores none of the batch', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const before = await eventCount(agencyCode, nip);
    const res = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: hrOf(agencyCode),
      body: {
        reason: 'Pemutakhiran',
        events: [
          { type: 'performance_rated', payload: { year: 2023, predicate: 'baik' } },
          { type: 'rank_changed', payload: { golongan: 'IV/d', tmt: '2026-04-01', decreeNumber: 'SK-9', kind: 'regular' } },
          {
            type: 'position_assigned',
            payload: { postCode: 'X', title: 'Kepala', postType: 'administrator', unitCode: 'U', from: '2025-02-30', decreeNumber: 'SK' },
          },
          {
            type: 'sanction_recorded',
            payload: { level: 'light', sanction: 'penurunan_jabatan_12_bulan', imposedOn: '2024-01-05', decreeNumber: 'SK-H' },
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fields(res.body)).toEqual(['events.1.golongan:rank.sequence', 'events.2.from:date', 'events.3.sanction:sanction.level']);
    expect(await eventCount(agencyCode, nip)).toBe(before);
  });

  it('validates an NI PPPK by its own layout: digits 13–14 are a code, not a month', async () => {
    const agencyCode = newAgency();
    const nip = makeNip({ kind: 'pppk', birth: '1990-02-14', tmt: '2023' }).slice(0, 12) + '77' + '1001';
    const body = { nip, name: 'Rina PPPK', birthDate: '1990-02-14', sex: 'male', unitCode: 'DINAS-A', reason: 'Pengangkatan PPPK 2023' };
    const asPns = await stack.call('POST', '/v1/register/people', { actor: hrOf(agencyCode), body: { ...body, employmentType: 'pns' } });
    expect(asPns.status).toBe(400);
    expect(fields(asPns.body)).toContain('nip:nip.appointmentMonth');
    const asPppk = await stack.call('POST', '/v1/register/people', { actor: hrOf(agencyCode), body: { ...body, employmentType: 'pppk' } });
    expect(asPppk.status).toBe(201);
    expect(asPppk.body.profile).toMatchObject({ employmentType: 'pppk', rank: null });
  });

  it('answers another agency’s official exactly like one who does not exist', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const other = hrOf(newAgency());
    const foreign = await stack.call('GET', `/v1/register/people/${nip}`, { actor: other });
    const missing = await stack.call('GET', `/v1/register/people/${makeNip({ birth: '1961-01-01' })}`, { actor: other });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'PERSON_NOT_FOUND']);
    expect([missing.status, missing.body.code]).toEqual([404, 'PERSON_NOT_FOUND']);
    const write = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: other,
      body: { reason: 'x y z', events: [{ type: 'performance_rated', payload: { year: 2025, predicate: 'kurang' } }] },
    });
    expect([write.status, write.body.code]).toEqual([404, 'PERSON_NOT_FOUND']);
  });

  it('keeps the register from committee members, and lets an auditor read the agency they name', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const member: Actor & { agency: string } = { id: 'pansel-9', role: 'committee_member', agency: agencyCode };
    expect((await stack.call('GET', `/v1/register/people/${nip}`, { actor: member })).status).toBe(403);
    const auditor = { id: 'auditor-1', role: 'auditor' as const };
    expect((await stack.call('GET', `/v1/register/people/${nip}?agencyCode=${agencyCode}`, { actor: auditor })).status).toBe(200);
    const unnamed = await stack.call('GET', `/v1/register/people/${nip}`, { actor: auditor });
    expect([unnamed.status, fields(unnamed.body)]).toEqual([400, ['agencyCode:required']]);
  });

  it('refuses to register a NIP twice and requires evidence for an externally sourced official', async () => {
    const agencyCode = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode });
    const again = await registerOfficial(stack, { agencyCode, nip });
    expect([again.res.status, again.res.body.code]).toEqual([409, 'PERSON_ALREADY_REGISTERED']);
    const external = await registerOfficial(stack, {
      agencyCode,
      source: 'external',
      homeAgencyCode: 'PEMKAB-LAIN',
      events: administratorHistory(),
    });
    expect([external.res.status, fields(external.res.body)]).toEqual([400, ['evidence:register.externalEvidence']]);
  });

  it('finds officials by name, NIP prefix, unit, grade and post type, a page at a time', async () => {
    const agencyCode = newAgency();
    await registerOfficial(stack, { agencyCode, name: 'Ahmad Fauzi', unitCode: 'DINAS-B' });
    await registerOfficial(stack, { agencyCode, name: 'Dewi Lestari', events: administratorHistory({ golongan: 'IV/b' }) });
    const { nip } = await registerOfficial(stack, { agencyCode, name: 'Ahmad Rizal', birthDate: '1980-01-31' });
    const hr = hrOf(agencyCode);
    const byName = await stack.call('GET', '/v1/register/people?q=ahmad', { actor: hr });
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual(['Ahmad Fauzi', 'Ahmad Rizal']);
    const byNip = await stack.call('GET', `/v1/register/people?q=${nip.slice(0, 8)}`, { actor: hr });
    expect(byNip.body.items.map((p: { nip: string }) => p.nip)).toEqual([nip]);
    const byUnit = await stack.call('GET', '/v1/register/people?unitCode=DINAS-B', { actor: hr });
    expect(byUnit.body.items.map((p: { name: string }) => p.name)).toEqual(['Ahmad Fauzi']);
    const paged = await stack.call('GET', '/v1/register/people?golongan=IV/b&postType=administrator&pageSize=2&page=2', { actor: hr });
    expect([paged.body.total, paged.body.items.length]).toEqual([3, 1]);
  });

  it('ends an official’s service on its TMT: active before it, ended from it, listed by status, and nothing dated after it', async () => {
    const agencyCode = newAgency();
    const hr = hrOf(agencyCode);
    const { nip } = await registerOfficial(stack, { agencyCode, name: 'Sri Pensiun' });
    const { nip: serving } = await registerOfficial(stack, { agencyCode, name: 'Sri Aktif' });
    const end = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: hr,
      body: {
        reason: 'Pensiun batas usia',
        events: [{ type: 'service_ended', payload: { endedOn: '2026-02-01', reason: 'retirement', decreeNumber: 'SK-PENSIUN-1' } }],
      },
    });
    expect(end.status).toBe(201);
    expect(end.body.events[0]).toMatchObject({ type: 'service_ended', effectiveDate: '2026-02-01', actor: { role: 'hr_officer' } });
    expect(end.body.profile).toMatchObject({
      serviceStatus: 'ended',
      serviceEnded: { endedOn: '2026-02-01', reason: 'retirement', decreeNumber: 'SK-PENSIUN-1' },
      position: null,
    });
    const before = await stack.call('GET', `/v1/register/people/${nip}?asOf=2026-01-31`, { actor: hr });
    expect(before.body).toMatchObject({ serviceStatus: 'active', serviceEnded: null, position: { postType: 'administrator' } });

    const ended = await stack.call('GET', '/v1/register/people?q=sri&serviceStatus=ended', { actor: hr });
    expect(ended.body.items.map((p: { nip: string; serviceEndedOn: string }) => [p.nip, p.serviceEndedOn])).toEqual([[nip, '2026-02-01']]);
    const active = await stack.call('GET', '/v1/register/people?q=sri&serviceStatus=active', { actor: hr });
    expect(active.body.items.map((p: { nip: string; serviceStatus: string }) => [p.nip, p.serviceStatus])).toEqual([[serving, 'active']]);
    const badStatus = await stack.call('GET', '/v1/register/people?serviceStatus=retired', { actor: hr });
    expect(badStatus.status).toBe(400);

    const count = await eventCount(agencyCode, nip);
    const after = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: hr,
      body: {
        reason: 'Kenaikan pangkat',
        events: [{ type: 'rank_changed', payload: { golongan: 'IV/c', tmt: '2026-04-01', decreeNumber: 'SK-KP-9', kind: 'regular' } }],
      },
    });
    expect([after.status, fields(after.body)]).toEqual([400, ['events.0.type:service.ended']]);
    const twice = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: hr,
      body: {
        reason: 'Meninggal dunia',
        events: [{ type: 'service_ended', payload: { endedOn: '2026-03-01', reason: 'death', decreeNumber: 'SK-2' } }],
      },
    });
    expect([twice.status, fields(twice.body)]).toEqual([400, ['events.0.type:service.alreadyEnded']]);
    const badReason = await stack.call('POST', `/v1/register/people/${serving}/events`, {
      actor: hr,
      body: {
        reason: 'Berhenti',
        events: [{ type: 'service_ended', payload: { endedOn: '2020-01-01', reason: 'fired', decreeNumber: 'SK-3' } }],
      },
    });
    expect([badReason.status, fields(badReason.body)]).toEqual([400, ['events.0.reason:isIn', 'events.0.endedOn:service.factsAfterEnd']]);
    expect(await eventCount(agencyCode, nip)).toBe(count);
    expect(await eventCount(agencyCode, serving)).toBe(9);

    // A mistaken end is retracted like any fact; the official is serving again.
    const undo = await stack.call('POST', `/v1/register/people/${nip}/events`, {
      actor: hr,
      body: { reason: 'SK pensiun dibatalkan', events: [{ type: 'events_retracted', payload: { eventIds: [end.body.events[0].id] } }] },
    });
    expect(undo.status).toBe(201);
    expect(undo.body.profile).toMatchObject({ serviceStatus: 'active', position: { postType: 'administrator' } });
    const again = await stack.call('GET', '/v1/register/people?q=sri&serviceStatus=ended', { actor: hr });
    expect(again.body.total).toBe(0);
  });
});
