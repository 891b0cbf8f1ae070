import { Stack, HR, PPK, eventually, vacancyPath, vacancyProposal } from '../support/api-client';

const stack = new Stack();
afterAll(() => stack.close());

type Case = [label: string, overrides: Record<string, unknown>, status: number, field: string];

const proposalCases: Case[] = [
  ['an unknown field', { salary: 1 }, 400, 'salary'],
  ['a lower-case agency code', { agencyCode: 'pemkab sleman' }, 400, 'agencyCode'],
  ['a position code with a colon', { positionCode: 'A:B' }, 400, 'positionCode'],
  ['an unknown position class', { positionClass: 'eselon_2' }, 400, 'positionClass'],
  ['a grade that does not exist', { gradeMin: 'V/a' }, 400, 'gradeMin'],
  ['a grade range upside down', { gradeMin: 'IV/c', gradeMax: 'III/a' }, 400, 'gradeMax'],
  ['no competencies', { requiredCompetencies: [] }, 400, 'requiredCompetencies'],
  [
    'a competency level of 6',
    { requiredCompetencies: [{ type: 'managerial', name: 'integritas', level: 6 }] },
    400,
    'requiredCompetencies.0.level',
  ],
  [
    'a competency with an extra field',
    { requiredCompetencies: [{ type: 'managerial', name: 'integritas', level: 3, x: 1 }] },
    400,
    'requiredCompetencies.0.x',
  ],
  [
    'a competency listed twice',
    {
      requiredCompetencies: [
        { type: 'managerial', name: 'Integritas', level: 3 },
        { type: 'managerial', name: 'integritas', level: 4 },
      ],
    },
    400,
    'requiredCompetencies.1.name',
  ],
  ['an unknown filling method', { requestedFillingMethod: 'lelang' }, 400, 'requestedFillingMethod'],
  [
    'open selection for a pengawas post',
    { positionClass: 'pengawas', gradeMin: 'III/b', gradeMax: 'III/d' },
    400,
    'requestedFillingMethod',
  ],
  ['a title that is a number', { title: 42 }, 400, 'title'],
  ['a title with a control character (log injection)', { title: 'Kepala Dinas\r\n[ERROR] forged log line' }, 400, 'title'],
  ['a reason of 5000 characters', { reason: 'x'.repeat(5000) }, 400, 'reason'],
  ['an evidence hash that is not SHA-256', { evidence: [{ kind: 'nota_dinas', sha256: 'abc' }] }, 400, 'evidence.0.sha256'],
  ['an SOP version that does not exist', { sopVersion: '9.9.9' }, 400, 'sopVersion'],
];

describe('bad input to the vacancy API', () => {
  it.each(proposalCases)('refuses a proposal with %s, naming the field and starting nothing', async (_label, overrides, status, field) => {
    const proposal = vacancyProposal(overrides);
    const res = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(res.status).toBe(status);
    const named = JSON.stringify(res.body.details);
    if (res.body.code === 'SOP_VERSION_UNKNOWN') {
      expect(res.body.message).toContain('9.9.9');
    } else {
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(res.body.field).toBe(res.body.details.fields[0].field);
      // Said with the field's label, never its API name.
      if (/[.A-Z]/.test(field)) expect(`${res.body.messages.en} ${res.body.messages.id}`).not.toContain(field);
    }
    expect(named).not.toMatch(/\.(ts|js):\d+|stack/i); // no stack trace
    const ok = typeof proposal.agencyCode === 'string' && typeof proposal.positionCode === 'string';
    if (ok && /^[A-Z0-9-]+$/.test(proposal.agencyCode) && /^[A-Z0-9-]+$/.test(proposal.positionCode)) {
      const workflowId = `vacancy:${proposal.agencyCode}:${proposal.positionCode}`;
      expect(await stack.workflowExists(workflowId)).toBe(false);
      expect(await stack.ledgerRows(workflowId)).toHaveLength(0);
    }
  });

  it('refuses a body that is not JSON', async () => {
    const res = await stack.call('POST', '/v1/vacancies', { rawBody: '{"agencyCode": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body' }] } });
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal({ reason: 'x'.repeat(400_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('requires a signed-in user (401) whose token names known roles (401 naming the claim)', async () => {
    const none = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal(), actor: null });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const badRole = await stack.call('POST', '/v1/vacancies', { body: vacancyProposal(), actor: { id: 'u1', role: 'bupati' as never } });
    expect(badRole.status).toBe(401);
    expect(badRole.body.details.reason).toMatch(/^claim roles/);
  });

  it('lets only HR propose', async () => {
    const proposal = vacancyProposal();
    const res = await stack.call('POST', '/v1/vacancies', { body: proposal, actor: PPK });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'ACCESS_DENIED', details: { role: 'ppk', roles: ['hr_officer'] } });
    expect(await stack.workflowExists(`vacancy:${proposal.agencyCode}:${proposal.positionCode}`)).toBe(false);
  });

  it('refuses malformed case ids, unknown decisions and bad list filters with the field named', async () => {
    const badId = await stack.call('GET', "/v1/vacancies/vacancy:x';drop table decisions;--");
    expect(badId.status).toBe(400);
    expect(badId.body.details.fields[0].field).toBe('id');

    const proposal = vacancyProposal();
    const path = vacancyPath(proposal);
    const unknownDecision = await stack.call('POST', `${path}/decisions`, { actor: PPK, body: { decision: 'approve_all' } });
    expect(unknownDecision.status).toBe(400);
    expect(unknownDecision.body.details.fields[0].field).toBe('decision');

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['status=lost', 'status'],
      ['agencyCode=%00', 'agencyCode'],
      ['foo=bar', 'foo'],
    ]) {
      const res = await stack.call('GET', `/v1/vacancies?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('answers 404 for a decision on a vacancy that does not exist, and starts nothing', async () => {
    const proposal = vacancyProposal();
    const res = await stack.call('POST', `${vacancyPath(proposal)}/decisions`, { actor: PPK, body: { decision: 'reject', reason: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CASE_NOT_FOUND');
    expect(await stack.workflowExists(`vacancy:${proposal.agencyCode}:${proposal.positionCode}`)).toBe(false);
  });

  it('stores SQL and JSON metacharacters in free text verbatim', async () => {
    const reason = `Robert'); DROP TABLE decisions;-- {"$ne":null} \\ "quoted" <script>`;
    const proposal = vacancyProposal({ reason });
    const res = await stack.call('POST', '/v1/vacancies', { body: proposal, actor: HR });
    expect(res.status).toBe(201);
    const rows = await eventually(async () => {
      const r = await stack.ledgerRows(res.body.workflowId);
      return r.length > 0 ? r : undefined;
    });
    expect((rows[0] as unknown as { reason: string }).reason).toBe(reason);
  });
});
