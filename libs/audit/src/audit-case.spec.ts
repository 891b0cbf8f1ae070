import * as path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
import { chained, committedCase, committedHistoryJson, rowOf } from '../../../test/support/committed-histories';
import { sourceBundlerOptions } from '../../../test/support/workflow-bundle';
import { auditCase } from './audit-case';
import { formatAuditReport } from './audit-report';
import { buildCaseExport, caseExportFileName, parseCaseExport } from './case-export';
import type { CaseHistory } from './history.types';
import { replayCase } from './replay-case';
import { timelineFromHistory } from './timeline-from-history';
import { currentWorkflowBundle } from './workflow-bundle';

// The workflow code is passed in (here the sources): libs/audit does not depend on it.
const WORKFLOWS = require.resolve('@meritflow/workflows');
const CHANGED_WORKFLOW = path.resolve(__dirname, '../../../test/fixtures/changed-vacancy.workflow.ts');

const approvedClosed = committedCase('vacancy-approved-closed');
const expired = committedCase('vacancy-expired');
const ledgerOf = (...cases: CaseHistory[]) => cases.flatMap((c) => timelineFromHistory(c.history).map((r) => rowOf(r)));

describe('auditCase (offline, no Temporal server)', () => {
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    bundle = await currentWorkflowBundle(WORKFLOWS, sourceBundlerOptions);
  }, 120_000);

  it('bundles the workflow code once per process', async () => {
    await expect(currentWorkflowBundle(WORKFLOWS)).resolves.toBe(bundle);
  });

  it('finds a recorded case consistent when its ledger rows match and the current code replays it', async () => {
    const audit = await auditCase({ histories: [approvedClosed, expired], ledger: ledgerOf(approvedClosed, expired), bundle });
    expect(audit.replay).toEqual([
      { workflowId: approvedClosed.workflowId, runId: approvedClosed.runId, ok: true },
      { workflowId: expired.workflowId, runId: expired.runId, ok: true },
    ]);
    expect(audit.comparison).toMatchObject({ matches: 5, missing: [], extra: [], altered: [] });
    expect(audit.verdict).toBe('consistent');
  }, 60_000);

  it('finds a case inconsistent when a ledger row is missing, and names the decision', async () => {
    const ledger = ledgerOf(approvedClosed).filter((r) => r.decision !== 'approve');
    const audit = await auditCase({ histories: [approvedClosed], ledger, bundle });
    expect(audit.comparison.missing.map((d) => d.decision)).toEqual(['approve']);
    expect(audit.verdict).toBe('inconsistent');
    const report = formatAuditReport({ caseId: approvedClosed.workflowId, histories: [approvedClosed], ledgerRows: ledger.length, audit });
    expect(report).toMatch(/Tidak ada di buku besar \/ Missing from the ledger: 1\n.*#2 approve/);
    expect(report).toContain('TIDAK KONSISTEN');
  }, 60_000);

  it('reports a DeterminismViolationError when the workflow code no longer produces the recorded commands', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: CHANGED_WORKFLOW,
      logger: new DefaultLogger('WARN'),
      ...sourceBundlerOptions,
    });
    const audit = await auditCase({ histories: [approvedClosed], ledger: ledgerOf(approvedClosed), bundle: changed });
    expect(audit.replay).toEqual([
      {
        workflowId: approvedClosed.workflowId,
        runId: approvedClosed.runId,
        ok: false,
        error: { name: 'DeterminismViolationError', message: expect.any(String) },
      },
    ]);
    expect(audit.comparison.matches).toBe(3);
    expect(audit.verdict).toBe('inconsistent');
  }, 120_000);

  it('gives every history its own verdict when some cannot be replayed at all', async () => {
    const json = committedHistoryJson('vacancy-approved-closed');
    const withGap = historyFromJSON({ events: json.events.filter((e) => !e.activityTaskScheduledEventAttributes) });
    const headless = historyFromJSON({ events: json.events.slice(1) });
    const outcomes = await replayCase(
      [
        approvedClosed,
        { ...approvedClosed, workflowId: 'with-gap', history: withGap },
        { ...approvedClosed, workflowId: 'headless', history: headless },
        expired,
      ],
      bundle,
      { timeoutMs: 20_000 },
    );
    expect(outcomes.map((o) => [o.workflowId, o.ok, o.error?.name])).toEqual([
      [approvedClosed.workflowId, true, undefined],
      ['with-gap', false, 'ReplayError'],
      ['headless', false, 'InvalidHistoryError'],
      [expired.workflowId, true, undefined],
    ]);
    expect(outcomes[1].error?.message).toMatch(/out of order/);
  }, 60_000);
});

describe('case export', () => {
  it('survives a trip through JSON and audits the same as the live case', async () => {
    const exported = buildCaseExport({
      caseId: approvedClosed.workflowId,
      exportedAt: new Date('2026-11-23T01:02:03.000Z'),
      root: { workflowId: approvedClosed.workflowId, runId: approvedClosed.runId },
      histories: [approvedClosed],
      ledger: chained(ledgerOf(approvedClosed)).map((r) => ({
        ...r,
        decidedAt: new Date(r.decidedAt),
        recordedAt: new Date(r.recordedAt),
      })),
    });
    expect(exported).toMatchObject({
      format: 'meritflow-case-export',
      version: 2,
      exportedAt: '2026-11-23T01:02:03.000Z',
      caseId: approvedClosed.workflowId,
    });
    expect(exported.histories[0]).toMatchObject({
      workflowId: approvedClosed.workflowId,
      runId: approvedClosed.runId,
      workflowType: 'vacancyWorkflow',
      source: 'temporal',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(typeof exported.ledger[0].decidedAt).toBe('string');

    const back = parseCaseExport(JSON.parse(JSON.stringify(exported)));
    expect(back.ledger).toEqual(exported.ledger);
    expect(timelineFromHistory(back.histories[0].history)).toEqual(timelineFromHistory(approvedClosed.history));
    const audit = await auditCase({ histories: back.histories, ledger: back.ledger, bundle: await currentWorkflowBundle(WORKFLOWS) });
    expect(audit.verdict).toBe('consistent');
  }, 120_000);

  it('names the file after the case without the colons of its id', () => {
    expect(caseExportFileName('open-selection:PEMKAB-SLEMAN:SELTER-2026')).toBe(
      'meritflow-case-open-selection_PEMKAB-SLEMAN_SELTER-2026.json',
    );
  });

  it.each<[string, (e: Record<string, unknown>) => unknown, string]>([
    ['another format', (e) => ({ ...e, format: 'something-else' }), 'format'],
    ['a newer version', (e) => ({ ...e, version: 3 }), 'version'],
    [
      'a version-2 row without its chain',
      (e) => ({ ...e, ledger: [{ ...(e.ledger as object[])[0], canonical: undefined }] }),
      'ledger.0.canonical',
    ],
    [
      'a ledger row without a decision',
      (e) => ({ ...e, ledger: [{ ...(e.ledger as object[])[0], decision: undefined }] }),
      'ledger.0.decision',
    ],
    [
      'a history without events',
      (e) => ({ ...e, histories: [{ ...(e.histories as object[])[0], history: {} }] }),
      'histories.0.history.events',
    ],
  ])('refuses %s, naming the field', (_, edit, field) => {
    const exported = buildCaseExport({
      caseId: approvedClosed.workflowId,
      exportedAt: new Date(),
      root: { workflowId: approvedClosed.workflowId, runId: approvedClosed.runId },
      histories: [approvedClosed],
      ledger: chained(ledgerOf(approvedClosed)),
    });
    const json = JSON.parse(JSON.stringify(exported)) as Record<string, unknown>;
    expect(() => parseCaseExport(edit(json))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', params: { fields: [expect.objectContaining({ field })] } }),
    );
  });
});
