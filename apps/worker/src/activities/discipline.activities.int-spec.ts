import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { Actor, RegisterEventDraft } from '@meritflow/domain';
import { createDataSource, RegisterRepository } from '@meritflow/persistence';
import { readStackState } from '../../../../test/support/test-stack';
import { DisciplineActivitiesImpl } from './discipline.activities';

const { databaseUrl } = readStackState();
let ds: DataSource;
let register: RegisterRepository;
let activities: DisciplineActivitiesImpl;

beforeAll(async () => {
  ds = createDataSource(databaseUrl, 'discipline-activities-int-spec');
  await ds.initialize();
  register = new RegisterRepository(ds);
  activities = new DisciplineActivitiesImpl(register);
});
afterAll(() => ds.destroy());

const HR: Actor = { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' };
const agency = () => `PEMKAB-${randomBytes(4).toString('hex').toUpperCase()}`;
// Sequence 001–009: a NIP's sequence starts at 001, so 000 would be refused at registration.
const nip = () => `19750412200003100${(randomBytes(1).readUInt8() % 9) + 1}`;

async function official(agencyCode: string, golongan: 'I/a' | 'III/c') {
  const n = nip();
  await register.record(
    agencyCode,
    n,
    [
      {
        type: 'person_registered',
        payload: { employmentType: 'pns', name: 'Budi', birthDate: '1975-04-12', sex: 'male', unitCode: 'DINAS-A', source: 'register' },
      },
      { type: 'rank_changed', payload: { golongan, tmt: '2000-03-01', decreeNumber: 'SK-CPNS', kind: 'initial' } },
    ],
    { actor: HR, reason: 'awal', evidence: [] },
    '2026-12-06',
  );
  return n;
}

const drafts = (golongan: 'III/b'): RegisterEventDraft[] => [
  {
    type: 'sanction_recorded',
    payload: {
      level: 'heavy',
      sanction: 'penurunan_jabatan_12_bulan',
      imposedOn: '2026-12-07',
      endsOn: '2027-12-06',
      decreeNumber: 'SK-HD-1',
    },
  },
  { type: 'rank_changed', payload: { golongan, tmt: '2026-12-07', decreeNumber: 'SK-HD-1', kind: 'demotion' } },
];

describe('discipline activities on the register', () => {
  it('writes a sanction once: a retry of the same effect writes nothing more and answers the same event ids', async () => {
    const a = agency();
    const n = await official(a, 'III/c');
    const input = { agencyCode: a, nip: n, drafts: drafts('III/b'), actor: HR, reason: 'Hukuman disiplin SK-HD-1', evidence: [] };
    const first = await activities.recordDisciplineEffect(input);
    expect([first.eventIds.length, first.skipped]).toEqual([2, 0]);
    const retry = await activities.recordDisciplineEffect(input);
    expect(retry).toEqual({ eventIds: first.eventIds, skipped: 2 });
    const events = await register.events(a, n);
    expect(events.filter((e) => e.type === 'sanction_recorded')).toHaveLength(1);
    expect(events.find((e) => e.type === 'sanction_recorded')).toMatchObject({
      actor: { id: HR.id, role: 'hr_officer' },
      reason: input.reason,
    });
    const subject = await activities.loadDisciplineSubject({ agencyCode: a, nip: n, asOf: '2026-12-08' });
    expect(subject).toMatchObject({ nip: n, golongan: 'III/b' });
  });

  it('passes the register’s refusal on as a non-retryable failure with its code, writing nothing', async () => {
    const a = agency();
    const n = await official(a, 'I/a');
    const bad: RegisterEventDraft[] = [
      { type: 'rank_changed', payload: { golongan: 'I/a', tmt: '2026-12-07', decreeNumber: 'SK-HD-2', kind: 'demotion' } },
    ];
    const err = await activities
      .recordDisciplineEffect({ agencyCode: a, nip: n, drafts: bad, actor: HR, reason: 'x', evidence: [] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect([err.type, err.nonRetryable]).toEqual(['VALIDATION_FAILED', true]);
    expect((await register.events(a, n)).map((e) => e.type)).toEqual(['person_registered', 'rank_changed']);
  });

  it('ends service with a dismissal once: a retry writes nothing more, and the official is active the day before', async () => {
    const a = agency();
    const n = await official(a, 'III/c');
    const dismissal: RegisterEventDraft[] = [
      {
        type: 'sanction_recorded',
        payload: { level: 'heavy', sanction: 'pemberhentian_tidak_dengan_hormat', imposedOn: '2026-12-07', decreeNumber: 'SK-HD-3' },
      },
      { type: 'service_ended', payload: { endedOn: '2026-12-07', reason: 'dismissal_dishonourable', decreeNumber: 'SK-HD-3' } },
    ];
    const input = { agencyCode: a, nip: n, drafts: dismissal, actor: HR, reason: 'Hukuman disiplin SK-HD-3', evidence: [] };
    const first = await activities.recordDisciplineEffect(input);
    expect(await activities.recordDisciplineEffect(input)).toEqual({ eventIds: first.eventIds, skipped: 2 });
    expect((await register.events(a, n)).filter((e) => e.type === 'service_ended')).toHaveLength(1);
    expect((await register.profile(a, n, '2026-12-07')).serviceStatus).toBe('ended');
    expect((await register.profile(a, n, '2026-12-06')).serviceStatus).toBe('active');
  });

  it('knows no official another agency holds', async () => {
    const n = await official(agency(), 'III/c');
    expect(await activities.loadDisciplineSubject({ agencyCode: agency(), nip: n, asOf: '2026-12-08' })).toBeNull();
  });
});
