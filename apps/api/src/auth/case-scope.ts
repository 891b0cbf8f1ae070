import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ALL_AGENCIES, DomainError, type Actor } from '../../../../libs/domain/src';
import { moveStateQuery } from '../../../../workflows/src/contracts';
import { WorkflowGateway } from '../temporal/workflow-gateway';

/** `type:AGENCY:key` — every case id names the agency that owns the case (see workflows/src/contracts). */
const CASE_ID = /^(vacancy|open-selection|move|bulk-move):([A-Z0-9][A-Z0-9._-]{0,63}):/;

/** A refusal that must look exactly like "no such case" to the caller, but is a security event. */
export class ScopeDenied extends DomainError {
  constructor(caseId: string) {
    super('CASE_NOT_FOUND', { caseId });
  }
}

const AGENCY_CODE = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export const isNational = (actor: Actor): boolean => actor.agency === ALL_AGENCIES;

/** The agency an actor's lists are limited to: undefined for national bodies (every agency). */
export const listScope = (actor: Actor, requested?: string): string | undefined => (isNational(actor) ? requested : actor.agency);

/**
 * Agencies are scoped: an officer of agency A cannot see or touch agency B's cases, and is answered
 * 404 as if the case did not exist. A case belongs to the agency in its id; a move between agencies
 * also to the agency the person leaves (its PPK releases them).
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
    if (typeof body.vacancyId === 'string') ids.add(body.vacancyId);
    for (const id of ids) {
      const m = CASE_ID.exec(id);
      if (m && !(await this.mayReach(actor, m[1], m[2], id))) throw new ScopeDenied(id.split(':').slice(0, 3).join(':'));
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
      if (typeof code === 'string' && AGENCY_CODE.test(code) && code !== actor.agency) {
        throw new DomainError('ACCESS_DENIED', { role: actor.role, action: `act for agency ${code} (${field})`, roles: [], agency: actor.agency });
      }
    }
  }

  private async mayReach(actor: Actor, type: string, owner: string, id: string): Promise<boolean> {
    if (owner === actor.agency) return true;
    if (type !== 'move') return false;
    const caseId = id.split(':').slice(0, 3).join(':');
    try {
      const state = await this.workflows.query(caseId, moveStateQuery);
      return state.move?.from?.agencyCode === actor.agency;
    } catch {
      return false;
    }
  }
}
