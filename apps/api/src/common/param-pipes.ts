import type { PipeTransform } from '@nestjs/common';
import { BUSINESS_CODE_PATTERN, CANDIDATE_CODE_PATTERN, DomainError, parseNip } from '@meritflow/domain';
import { CASE_ID_SHAPES, CASE_TYPES, isRootCaseId } from '@meritflow/contracts';

/** A path parameter that must match `pattern`; a mismatch is a 400 naming the parameter. */
export class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly test: (value: string) => boolean,
    private readonly shape: { id: string; en: string },
  ) {}

  transform(value: string): string {
    if (!this.test(value)) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: this.field,
            rule: 'matches',
            message: { id: `harus berbentuk ${this.shape.id}`, en: `must look like ${this.shape.en}` },
          },
        ],
      });
    }
    return value;
  }
}

const { vacancy, 'open-selection': selection } = CASE_TYPES;
export const VacancyIdPipe = new PatternPipe('id', (v) => vacancy.idPattern.test(v), vacancy.idShape);
export const SelectionIdPipe = new PatternPipe('id', (v) => selection.idPattern.test(v), selection.idShape);
export const NipPipe = new PatternPipe('nip', (v) => parseNip(v).ok, { id: 'NIP 18 digit yang sah', en: 'a valid 18-digit NIP' });
/** A candidate: an 18-digit NIP, or a candidate code (K-01, …) in a blind selection. */
export const CandidateRefPipe = new PatternPipe('nip', (v) => CANDIDATE_CODE_PATTERN.test(v) || parseNip(v).ok, {
  id: 'NIP 18 digit yang sah atau kode calon (K-01)',
  en: 'a valid 18-digit NIP or a candidate code (K-01)',
});
export const PostCodePipe = new PatternPipe('postCode', (v) => BUSINESS_CODE_PATTERN.test(v), {
  id: 'kode jabatan',
  en: 'a position code',
});
/** The root id of a case of any registered type. */
export const CaseIdPipe = new PatternPipe('caseId', isRootCaseId, CASE_ID_SHAPES);
