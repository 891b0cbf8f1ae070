import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { decryptHistory } from '@meritflow/audit';
import { dataConverterWith } from '@meritflow/codec';
import { loadTestStackConfig } from '@meritflow/config';
import type { Stack } from './api-client';
import { sourceBundlerOptions } from './workflow-bundle';

/** Where recorded histories are committed; test/workflow-code.spec.ts replays every file in it. */
export const HISTORIES = path.resolve(__dirname, '../../workflows/test/histories');

/**
 * `finish(name, workflowId, runId?)`: waits until the run ends, replays its history against the
 * current workflow code and, with RECORD_HISTORIES=true, saves it as `<name>@<workflow id>.json`. The
 * stack encrypts payloads with a key of this run only, so recordings are saved decrypted: CI replays
 * them without a key (decoding passes plain payloads through).
 */
export function historyRecorder(stack: Stack) {
  const record = loadTestStackConfig().RECORD_HISTORIES;
  return async function finish(name: string, workflowId: string, runId?: string) {
    const handle = (await stack.temporalClient()).workflow.getHandle(workflowId, runId);
    await handle.result();
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory(
      {
        workflowsPath: require.resolve('@meritflow/workflows'),
        bundlerOptions: sourceBundlerOptions,
        dataConverter: dataConverterWith(stack.payloadCodec()),
      },
      history,
      workflowId,
    );
    if (record) {
      mkdirSync(HISTORIES, { recursive: true });
      // The workflow id goes into the file name: a parent derives its children's ids from it, so replay needs it.
      const plain = await decryptHistory(history, stack.payloadCodec());
      writeFileSync(path.join(HISTORIES, `${name}@${workflowId.replaceAll(':', '~')}.json`), historyToJSON(plain));
    }
    return history;
  };
}
