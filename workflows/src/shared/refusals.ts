import { ApplicationFailure } from '@temporalio/workflow';
import type { DecisionVerdict, ErrorCode, ErrorParams } from '@meritflow/domain';

/** Raises a domain refusal from an update validator; the API maps its type back to the code. */
export function refuse(code: ErrorCode, params: ErrorParams, message = code): never {
  throw ApplicationFailure.create({ type: code, message, details: [params], nonRetryable: true });
}

export function refuseUnless(verdict: DecisionVerdict): asserts verdict is Extract<DecisionVerdict, { ok: true }> {
  if (!verdict.ok) refuse(verdict.code, verdict.params);
}

/** Raises the refusal of a domain rule's verdict, if it is one. */
export function refuseIfNot(verdict: { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams }): void {
  if (!verdict.ok) refuse(verdict.code, verdict.params);
}
