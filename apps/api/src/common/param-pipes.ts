import type { PipeTransform } from '@nestjs/common';
import { BUSINESS_CODE_PATTERN, DomainError, parseNip } from '../../../../libs/domain/src';
import { SELECTION_WORKFLOW_ID_PATTERN, VACANCY_WORKFLOW_ID_PATTERN } from '../../../../workflows/src/contracts';

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
        fields: [{ field: this.field, rule: 'matches', message: { id: `harus berbentuk ${this.shape.id}`, en: `must look like ${this.shape.en}` } }],
      });
    }
    return value;
  }
}

export const VacancyIdPipe = new PatternPipe('id', (v) => VACANCY_WORKFLOW_ID_PATTERN.test(v), {
  id: 'vacancy:<KODE-INSTANSI>:<KODE-JABATAN>',
  en: 'vacancy:<AGENCY-CODE>:<POSITION-CODE>',
});
export const SelectionIdPipe = new PatternPipe('id', (v) => SELECTION_WORKFLOW_ID_PATTERN.test(v), {
  id: 'open-selection:<KODE-INSTANSI>:<KODE-SELEKSI>',
  en: 'open-selection:<AGENCY-CODE>:<SELECTION-CODE>',
});
export const NipPipe = new PatternPipe('nip', (v) => parseNip(v).ok, { id: 'NIP 18 digit yang sah', en: 'a valid 18-digit NIP' });
export const PostCodePipe = new PatternPipe('postCode', (v) => BUSINESS_CODE_PATTERN.test(v), { id: 'kode jabatan', en: 'a position code' });
export const CaseIdPipe = new PatternPipe('caseId', (v) => VACANCY_WORKFLOW_ID_PATTERN.test(v) || SELECTION_WORKFLOW_ID_PATTERN.test(v), {
  id: 'vacancy:<KODE-INSTANSI>:<KODE-JABATAN> atau open-selection:<KODE-INSTANSI>:<KODE-SELEKSI>',
  en: 'vacancy:<AGENCY-CODE>:<POSITION-CODE> or open-selection:<AGENCY-CODE>:<SELECTION-CODE>',
});
