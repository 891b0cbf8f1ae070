import { Injectable } from '@nestjs/common';
import { DomainError, evaluateDelegation, evaluateDelegationRevocation, isNational, reachesAgency, type Actor } from '@meritflow/domain';
import { DelegationRepository, EvidenceRepository, type Delegation } from '@meritflow/persistence';
import { assertEvidenceExists } from '../common/evidence-refs';
import { OutOfScope } from '../common/out-of-scope';
import type { CreateDelegationDto } from './dto/auth.dto';

/** Plt/Plh delegations: the rules are the domain's (evaluateDelegation, evaluateDelegationRevocation). */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  async create(actor: Actor, dto: CreateDelegationDto): Promise<Delegation> {
    const verdict = evaluateDelegation(actor, dto, new Date());
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
    // The decree is the delegating agency's own document.
    await assertEvidenceExists(this.evidence, dto.legalBasis, 'legalBasis', [actor.agency!]);
    return this.delegations.create({
      agencyCode: actor.agency!,
      delegatorId: actor.id,
      delegatorName: actor.name ?? null,
      role: actor.role as 'ppk' | 'committee_chair',
      delegateId: dto.delegateId,
      delegateName: dto.delegateName,
      kind: dto.kind,
      validFrom: new Date(dto.validFrom).toISOString(),
      validUntil: new Date(dto.validUntil).toISOString(),
      legalBasis: dto.legalBasis,
      reason: dto.reason,
    });
  }

  list(actor: Actor, q: { person?: string; active?: boolean; limit: number; offset: number }): Promise<Delegation[]> {
    return this.delegations.list({
      agency: isNational(actor) ? '*' : actor.agency!,
      personId: q.person,
      activeAt: q.active ? new Date().toISOString() : undefined,
      limit: q.limit,
      offset: q.offset,
    });
  }

  /** Another agency's delegation does not exist for the caller. */
  async get(actor: Actor, id: string): Promise<Delegation> {
    const d = await this.delegations.get(id);
    if (!d) throw new DomainError('CASE_NOT_FOUND', { caseId: `delegation ${id}` });
    if (!reachesAgency(actor, d.agencyCode))
      throw new OutOfScope('CASE_NOT_FOUND', { caseId: `delegation ${id}` }, 'DELEGATION_OUT_OF_SCOPE', { agencyCode: d.agencyCode });
    return d;
  }

  async revoke(actor: Actor, id: string, reason: string): Promise<Delegation> {
    const d = await this.get(actor, id);
    const verdict = evaluateDelegationRevocation(actor, d);
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
    if (!(await this.delegations.revoke(id, { id: actor.id, role: actor.role }, reason))) {
      throw new DomainError('ALREADY_DECIDED', { what: `revocation of delegation ${id}` });
    }
    return (await this.delegations.get(id))!;
  }
}
