import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as workflows from '@meritflow/workflows';
import { SEARCH_ATTRIBUTES_PATCH } from '@meritflow/contracts';
import { sourceBundlerOptions } from './support/workflow-bundle';
import { patchIdsOf } from './support/committed-histories';

const FIXTURES = path.resolve(__dirname, 'fixtures');
const HISTORIES = path.resolve(__dirname, '../workflows/test/histories');

Runtime.install({ logger: new DefaultLogger('WARN') });

const histories = () =>
  readdirSync(HISTORIES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      // name@workflow~id.json: replay under the recorded workflow id, from which parents derive child ids.
      const [name, id] = f.replace(/\.json$/, '').split('@');
      return {
        name,
        workflowId: id ? id.replaceAll('~', ':') : name,
        history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, f), 'utf8'))),
      };
    });

describe('workflow code', () => {
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('@meritflow/workflows'),
      logger: new DefaultLogger('WARN'),
      ...sourceBundlerOptions,
    });
  }, 120_000);

  it('bundles for the deterministic sandbox', () => {
    expect(bundle.code).toContain('vacancyWorkflow');
  });

  it('leaves the SOP schema (zod) out of the sandbox: shipped SOPs are validated once at start, not per workflow', () => {
    expect(bundle.code).not.toMatch(/node_modules\/zod\//);
    expect(bundle.code).not.toContain('validateShippedSops');
  });

  it('refuses to bundle a workflow that imports node:fs', async () => {
    const errors: string[] = [];
    const logger = new DefaultLogger('ERROR', (entry) => void errors.push(entry.message));
    await expect(bundleWorkflowCode({ workflowsPath: path.join(FIXTURES, 'forbidden-import.workflow.ts'), logger })).rejects.toThrow(
      /Webpack finished with errors/,
    );
    expect(errors.join('\n')).toMatch(/node:fs|'fs'/);
  }, 120_000);

  it('has a recorded history of every workflow type the worker registers', () => {
    const recorded = new Set(histories().map((h) => h.history.events![0].workflowExecutionStartedEventAttributes!.workflowType!.name));
    // Every exported workflow function is a workflow type: a new one without a committed history fails here.
    const types = Object.keys(workflows).filter((k) => typeof (workflows as Record<string, unknown>)[k] === 'function');
    expect(types.length).toBeGreaterThanOrEqual(8);
    expect(types.filter((t) => !recorded.has(t))).toEqual([]);
  });

  it.each(histories())(
    'replays the recorded history $name against the current code',
    async ({ workflowId, history }) => {
      await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, workflowId)).resolves.toBeUndefined();
    },
    60_000,
  );

  it('keeps recordings from both sides of the search-attributes patch for every root case type', () => {
    const patched = (h: ReturnType<typeof histories>[number]) => patchIdsOf(h.history).includes(SEARCH_ATTRIBUTES_PATCH);
    const roots = ['vacancy-approved-closed', 'vacancy-expired', 'open-selection', 'move-mutation-intra', 'bulk-move'];
    const all = histories().filter((h) => roots.includes(h.name));
    // Before the patch: no marker and no upsert; since: the marker, then the upserts.
    expect([...new Set(all.filter((h) => !patched(h)).map((h) => h.name))].sort()).toEqual([...roots].sort());
    expect([...new Set(all.filter(patched).map((h) => h.name))].sort()).toEqual([...roots].sort());
    for (const h of all.filter(patched)) {
      expect(
        h.history.events!.some((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.MeritflowStep),
      ).toBe(true);
    }
  });

  it('fails replay with a determinism error when shipped workflow code changes', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: path.join(FIXTURES, 'changed-vacancy.workflow.ts'),
      logger: new DefaultLogger('WARN'),
      ...sourceBundlerOptions,
    });
    const shipped = histories().find((h) => h.name === 'vacancy-approved-closed')!;
    await expect(Worker.runReplayHistory({ workflowBundle: changed }, shipped.history, shipped.workflowId)).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  }, 120_000);
});
