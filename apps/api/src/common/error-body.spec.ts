import { DomainError, type FieldIssue } from '@meritflow/domain';
import { errorBody, fieldLabel, humanIssue } from './error-body';

const issue = (field: string, rule: string, en: string, id = `${field} tidak valid`): FieldIssue => ({ field, rule, message: { id, en } });

describe('errorBody', () => {
  it.each([
    ['candidates.0.profile.nip', { id: 'NIP', en: 'NIP' }],
    ['registrationClosesOn', { id: 'Tanggal penutupan pendaftaran', en: 'Registration closing date' }],
    ['reason', { id: 'Alasan', en: 'Reason' }],
    ['somethingNew', { id: 'Isian', en: 'A field' }],
  ])('labels the field %s without its API name', (path, label) => {
    expect(fieldLabel(path)).toEqual(label);
  });

  it.each([
    [
      issue('candidates.0.profile.nip', 'isNotEmpty', 'candidates.0.profile.nip should not be empty'),
      'NIP: wajib diisi',
      'NIP: is required',
    ],
    [issue('pageSize', 'max', 'pageSize must not be greater than 100'), 'Jumlah per halaman: terlalu besar', 'Page size: is too large'],
    [
      issue('vacancyIds', 'arrayUnique', "All vacancyIds's elements must be unique"),
      'Lowongan: tidak boleh berisi nama yang sama dua kali',
      'Vacancies: must not name anyone twice',
    ],
    [
      issue('recommended', 'shortlist', 'choose from the shortlist: 1, 2', 'pilih dari tiga besar: 1, 2'),
      'Nama yang direkomendasikan: pilih dari tiga besar: 1, 2',
      'Recommended names: choose from the shortlist: 1, 2',
    ],
    [
      issue(
        'caseId',
        'matches',
        'must look like vacancy:<AGENCY-CODE>:<POSITION-CODE>',
        'harus berbentuk vacancy:<KODE-INSTANSI>:<KODE-JABATAN>',
      ),
      'Kasus: harus berbentuk vacancy:<KODE-INSTANSI>:<KODE-JABATAN>',
      'Case: must look like vacancy:<AGENCY-CODE>:<POSITION-CODE>',
    ],
    [
      issue('asOf', 'custom', 'asOf must be a real date', 'asOf harus tanggal yang sah'),
      'Tanggal acuan: harus tanggal yang sah',
      'Reference date: must be a real date',
    ],
  ])('says %j with a label and the rule, not the field name', (given, id, en) => {
    expect(humanIssue(given).message).toEqual({ id, en });
    expect(humanIssue(given).field).toBe(given.field);
  });

  it('gives bad input the first field path and a message naming no API field', () => {
    const body = errorBody(
      new DomainError('VALIDATION_FAILED', {
        fields: [
          issue('registrationClosesOn', 'isRealDate', 'registrationClosesOn must be a real date'),
          issue('sort', 'isIn', 'sort must be one of'),
        ],
      }),
    );
    expect(body.field).toBe('registrationClosesOn');
    expect(body.messages.en).toBe(
      'Invalid input: Registration closing date: must be a real date (YYYY-MM-DD); Sort order: is not one of the allowed choices',
    );
    expect(body.messages.id).not.toMatch(/registrationClosesOn|sort\b/);
    expect(body.details.fields?.map((f) => f.field)).toEqual(['registrationClosesOn', 'sort']);
  });

  it('names the missing fields of an incomplete decision by label, and the first in field', () => {
    const body = errorBody(new DomainError('DECISION_INCOMPLETE', { decision: 'reject', missing: ['reason', 'evidence'] }));
    expect(body.field).toBe('reason');
    expect(body.messages.en).toBe('Decision "reject" requires: reason, supporting document');
    expect(body.messages.id).toBe('Keputusan "reject" memerlukan isian: alasan, bukti dokumen');
  });

  it('has no field for a refusal about no field', () => {
    expect(errorBody(new DomainError('CASE_NOT_FOUND', { caseId: 'vacancy:A:B' })).field).toBeNull();
  });
});
