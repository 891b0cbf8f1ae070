import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { BUSINESS_CODE_PATTERN, DomainError, isNational, reachesAgency, type Actor } from '@meritflow/domain';
import { caseTypeEntry, rootCaseOf } from '@meritflow/contracts';
import { OutOfScope } from '../common/out-of-scope';
import { WorkflowGateway } from '../temporal/workflow-gateway';

/** A refusal that must look exactly like "no such case" to the caller, but is a security event. */
export class ScopeDenied extends OutOfScope {
  constructor(caseId: string, detail: Record<string, unknown> = {}) {
    super('CASE_NOT_FOUND', { caseId }, 'CASE_OUT_OF_SCOPE', detail);
  }
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Fields that carry one id: `id`, `caseId`, `vacancyId`, `rootWorkflowId`, ... */
const ID_FIELD = /^(id|.+Id)$/;

/**
 * The string values of single-id fields anywhere in a body or query (bounded depth). Lists of ids
 * (`vacancyIds`) are checked by their use case once validation has passed on the list's shape, so
 * that a malformed list is a 400 naming the field.
 */
export function namedIds(value: unknown, depth = 0, inIdField = false): string[] {
  if (depth > 8) return [];
  if (typeof value === 'string') return inIdField ? [value] : [];
  if (Array.isArray(value)) return value.slice(0, 1000).flatMap((v) => namedIds(v, depth + 1, false));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => namedIds(v, depth + 1, ID_FIELD.test(k)));
  }
  return [];
}

/** The agency an actor's lists are limited to: undefined for national bodies (every agency). */
export const listScope = (actor: Actor, requested?: string): string | undefined => (isNational(actor) ? requested : actor.agency);

/**
 * Agencies are scoped: an officer of agency A cannot see or touch agency B's cases, and is answered
 * 404 as if the case did not exist. A case belongs to the agency in its id, and to any agency its
 * case type says its state names (a move's origin agency, whose PPK releases the person).
 */
@Injectable()
export class CaseScope {
  constructor(private readonly workflows: WorkflowGateway) {}

  async assertRequest(actor: Actor, req: Request): Promise<void> {
    if (isNational(actor)) return;
    const ids = new Set<string>();
    for (const v of Object.values(req.params ?? {})) if (typeof v === 'string') ids.add(decode(v));
    for (const seg of req.path.split('/')) ids.add(decode(seg));
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Every id a request names, wherever it names it: path, body fields (`vacancyId`, `vacancyIds`,
    // nested ones) and query parameters. Another agency's id must look exactly like a missing one.
    for (const id of namedIds(body)) ids.add(id);
    for (const id of namedIds(req.query ?? {})) ids.add(id);
    for (const id of ids) {
      const ref = rootCaseOf(id);
      if (ref && !(await this.mayReach(actor, ref.caseType, ref.agencyCode, ref.rootId))) throw new ScopeDenied(ref.rootId);
    }
    // Acting for, or listing, another agency: the request names it, so existence leaks nothing; 403.
    const to = body.to as Record<string, unknown> | undefined;
    const named = [
      ['agencyCode', body.agencyCode],
      ['to.agencyCode', to?.agencyCode],
      ['query.agencyCode', (req.query as Record<string, unknown> | undefined)?.agencyCode],
      ['params.agencyCode', req.method === 'GET' ? undefined : req.params?.agencyCode],
    ] as const;
    for (const [field, code] of named) {
      // A malformed code is left to validation, which names the field.
      if (typeof code === 'string' && BUSINESS_CODE_PATTERN.test(code) && code !== actor.agency) {
        throw new DomainError('ACCESS_DENIED', {
          role: actor.role,
          action: `act for agency ${code} (${field})`,
          roles: [],
          agency: actor.agency,
        });
      }
    }
  }

  private async mayReach(actor: Actor, type: string, owner: string, rootId: string): Promise<boolean> {
    if (reachesAgency(actor, owner)) return true;
    const entry = caseTypeEntry(type);
    if (!entry?.alsoReachedBy) return false;
    try {
      const state = await this.workflows.query(rootId, entry.stateQuery);
      return entry.alsoReachedBy(state).some((agency) => reachesAgency(actor, agency));
    } catch {
      return false;
    }
  }
}
