import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import type { CaseHistory } from './history.types';

export interface ReplayOutcome {
  workflowId: string;
  runId: string;
  ok: boolean;
  /** e.g. DeterminismViolationError when the current code no longer produces the recorded commands. */
  error?: { name: string; message: string };
}

export interface ReplayOptions {
  /** How long one history may take before it is given up as hung. */
  timeoutMs?: number;
  /** Opens encrypted histories: the payload codec with the keys the histories name. */
  codec?: PayloadCodec;
}

/**
 * Replay decrypts what the history holds; what it encodes (the commands the code issues again) is
 * compared with the history by kind and id, never by payload, and then dropped. So it is not
 * encrypted again, and a codec with keys that only decrypt (the offline audit's) suffices.
 */
export const replayDataConverter = (codec: PayloadCodec | undefined): DataConverter | undefined =>
  codec && { payloadCodecs: [{ encode: async (payloads) => payloads, decode: (payloads) => codec.decode(payloads) }] };

const DEFAULT_TIMEOUT_MS = 120_000;

const ok = (h: CaseHistory): ReplayOutcome => ({ workflowId: h.workflowId, runId: h.runId, ok: true });

const failed = (h: CaseHistory, err: unknown): ReplayOutcome => {
  const e = err instanceof Error ? err : new Error(String(err));
  return { workflowId: h.workflowId, runId: h.runId, ok: false, error: { name: e.name, message: e.message } };
};

class InvalidHistoryError extends Error {
  override name = 'InvalidHistoryError';
}

class ReplayTimeoutError extends Error {
  override name = 'ReplayTimeoutError';
}

/** The SDK waits forever on a history that does not start with the run's start event; refuse it first. */
function structuralProblem(h: CaseHistory): Error | null {
  const first = h.history.events?.[0];
  if (!first?.workflowExecutionStartedEventAttributes) {
    return new InvalidHistoryError('the history does not begin with WorkflowExecutionStarted');
  }
  return null;
}

function withTimeout<T>(p: Promise<T>, ms: number, h: CaseHistory): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReplayTimeoutError(`replay of ${h.workflowId} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Replays every run of a case against the given workflow code (a determinism check): the current
 * code must issue exactly the commands the history recorded. Needs no Temporal server. Each history
 * gets its own outcome, in the order given.
 */
export async function replayCase(
  histories: readonly CaseHistory[],
  workflowBundle: WorkflowBundle,
  options: ReplayOptions = {},
): Promise<ReplayOutcome[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dataConverter = replayDataConverter(options.codec);
  const outcomes = new Map<CaseHistory, ReplayOutcome>();
  for (const h of histories) {
    const problem = structuralProblem(h);
    if (problem) outcomes.set(h, failed(h, problem));
  }
  const replayable = histories.filter((h) => !outcomes.has(h));

  // One replay worker for the whole case; it yields one result per history, in order.
  const batch = Worker.runReplayHistories(
    { workflowBundle, dataConverter },
    replayable.map((h) => ({ workflowId: h.workflowId, history: h.history })),
  );
  let done = 0;
  let hung = false;
  try {
    while (done < replayable.length) {
      const h = replayable[done];
      const next = await withTimeout(batch.next(), timeoutMs, h);
      if (next.done) break;
      outcomes.set(h, next.value.error ? failed(h, next.value.error) : ok(h));
      done++;
    }
  } catch (err) {
    hung = err instanceof ReplayTimeoutError;
    if (hung) outcomes.set(replayable[done], failed(replayable[done], err));
    // Otherwise the history could not be replayed at all and ended the batch; it is retried alone below.
  }
  // Shuts the replay worker down; a hung one is left behind rather than waited for.
  const closing = batch.return?.(undefined)?.catch(() => undefined);
  if (!hung) await closing;

  for (const h of replayable.filter((r) => !outcomes.has(r))) {
    try {
      await withTimeout(Worker.runReplayHistory({ workflowBundle, dataConverter }, h.history, h.workflowId), timeoutMs, h);
      outcomes.set(h, ok(h));
    } catch (err) {
      outcomes.set(h, failed(h, err));
    }
  }
  return histories.map((h) => outcomes.get(h)!);
}
