import { Injectable } from '@nestjs/common';
import { computeCompliance, DomainError, parsePeriod, type ComplianceReport } from '@meritflow/domain';
import { ComplianceRepository } from '@meritflow/persistence';

/** One agency's merit-system indicators for a period, from the ledger. */
@Injectable()
export class ComplianceService {
  constructor(private readonly compliance: ComplianceRepository) {}

  async report(agencyCode: string, fromText: string, toText: string, now = new Date()): Promise<ComplianceReport> {
    const period = parsePeriod(fromText, toText, true);
    if (!period.ok) throw new DomainError('VALIDATION_FAILED', { fields: period.issues });
    const from = period.from!;
    const to = period.to!;
    const facts = await this.compliance.facts(agencyCode, from, to);
    return computeCompliance({ agencyCode, from: from.toISOString(), to: to.toISOString(), ...facts }, now);
  }
}
