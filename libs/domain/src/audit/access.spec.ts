import { ROLES } from '../roles';
import { evaluateAuditLogAccess, evaluateRequestMethod } from './access';

describe('read-only access', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('refuses %s to an auditor', (method) => {
    const v = evaluateRequestMethod('auditor', method, '/api/v1/vacancies');
    expect(v).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
      params: { role: 'auditor', decision: `${method.toUpperCase()} /api/v1/vacancies` },
    });
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('lets an auditor %s', (method) => {
    expect(evaluateRequestMethod('auditor', method, '/x')).toEqual({ ok: true });
  });

  it.each(ROLES.filter((r) => r !== 'auditor'))('leaves writes by %s to the endpoint', (role) => {
    expect(evaluateRequestMethod(role, 'POST', '/x')).toEqual({ ok: true });
  });

  it('lets only auditors and administrators read the auditor log', () => {
    const readers = ROLES.filter((role) => evaluateAuditLogAccess({ id: 'x', role }).ok);
    expect(readers).toEqual(['auditor', 'admin']);
    expect(evaluateAuditLogAccess({ id: 'x', role: 'system' })).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });
});
