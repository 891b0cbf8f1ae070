import { CASE_SEARCH_ATTRIBUTES } from '@meritflow/contracts';
import { PPK, Stack, eventually, vacancyPath, vacancyProposal } from '../support/api-client';

/** What operators scrape and probe: /metrics on the API and the worker, liveness and readiness, and visibility listing. */
const stack = new Stack();
const origin = stack.state.apiUrl.replace(/\/api$/, '');
const workerUrl = stack.state.workerHttpUrl!;
afterAll(() => stack.close());

/** The value of one series in a Prometheus text page, or undefined when absent. */
function sample(page: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of page.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').pop());
  }
  return undefined;
}

const text = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

describe('metrics', () => {
  it('serves the API metrics in the Prometheus format: requests by route pattern, archive lag, process', async () => {
    const proposal = vacancyProposal();
    expect((await stack.call('POST', '/v1/vacancies', { body: proposal })).status).toBe(201);
    expect((await stack.call('GET', vacancyPath(proposal))).status).toBe(200);
    const page = await text(`${origin}/metrics`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/plain; version=0\.0\.4/);
    // The pattern, not the path: one series however many cases there are.
    expect(
      sample(page.body, 'meritflow_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/vacancies/:id', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(page.body).not.toContain(proposal.positionCode);
    expect(sample(page.body, 'meritflow_archive_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(page.body, 'meritflow_archive_pending_runs')).toBeGreaterThanOrEqual(0);
    expect(sample(page.body, 'process_resident_memory_bytes', { service: 'meritflow-api' })).toBeGreaterThan(0);
  });

  it("serves the worker's metrics with the Temporal SDK's worker metrics and the ledger's lag", async () => {
    const proposal = vacancyProposal();
    expect((await stack.call('POST', '/v1/vacancies', { body: proposal })).status).toBe(201);
    await eventually(async () => (await stack.ledgerRows(`vacancy:${proposal.agencyCode}:${proposal.positionCode}`)).length === 1);
    const page = await text(`${workerUrl}/metrics`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(page.body, 'meritflow_ledger_record_lag_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(page.body, 'meritflow_ledger_writes_total', { result: 'inserted' })).toBeGreaterThanOrEqual(1);
    expect(sample(page.body, 'meritflow_archive_lag_seconds')).toBeGreaterThanOrEqual(0);
    // From the SDK's own exporter (Core): task slots and pollers of this worker's task queue.
    expect(sample(page.body, 'temporal_worker_task_slots_available', { worker_type: 'ActivityWorker' })).toBeGreaterThan(0);
    expect(page.body).toMatch(/^temporal_num_pollers\{/m);
  });
});

describe('liveness and readiness', () => {
  it('answers both on the API and on the worker while PostgreSQL and Temporal are reachable', async () => {
    for (const url of [
      `${stack.state.apiUrl}/health/live`,
      `${stack.state.apiUrl}/health/ready`,
      `${workerUrl}/health/live`,
      `${workerUrl}/health/ready`,
    ]) {
      const res = await text(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
    const ready = JSON.parse((await text(`${stack.state.apiUrl}/health/ready`)).body);
    expect(ready.details).toMatchObject({ lifecycle: { status: 'up' }, postgres: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('keeps /metrics out of the OpenAPI document and the API prefix', async () => {
    const doc = (await stack.call('GET', '/docs-json', { actor: null })).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/health/live', '/api/health/ready']));
    expect(Object.keys(doc.paths).filter((p) => p.includes('metrics'))).toEqual([]);
    expect((await text(`${stack.state.apiUrl}/metrics`)).status).toBe(404);
  });
});

describe('search attributes on the dev server', () => {
  it('lists a case by type, agency, step and status, and follows it to its next step', async () => {
    const proposal = vacancyProposal();
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const client = await stack.temporalClient();
    const { caseType, agency, step, status } = CASE_SEARCH_ATTRIBUTES;
    const listed = async (stepId: string, statusId: string) => {
      const ids: string[] = [];
      const query = `${caseType.name} = 'vacancy' AND ${agency.name} = '${proposal.agencyCode}' AND ${step.name} = '${stepId}' AND ${status.name} = '${statusId}'`;
      for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.length ? ids : undefined;
    };
    expect(await eventually(() => listed('awaiting_ppk_decision', 'proposed'), 30_000, 'the proposal listed')).toEqual([
      created.body.workflowId,
    ]);
    const approved = await stack.call('POST', `${vacancyPath(proposal)}/decisions`, {
      actor: PPK,
      body: { decision: 'approve', fillingMethod: 'open_selection' },
    });
    expect(approved.status).toBe(200);
    expect(await eventually(() => listed('approved', 'approved'), 30_000, 'the approval listed')).toEqual([created.body.workflowId]);
    const described = await client.workflow.getHandle(created.body.workflowId).describe();
    expect(described.typedSearchAttributes.get(CASE_SEARCH_ATTRIBUTES.step)).toBe('approved');
  });
});
