import { randomBytes } from 'node:crypto';
import { PPK, vacancyPath, vacancyProposal } from '../../test/support/api-client';
import { committee, openSelection, uploadEvidence } from '../../test/support/selection-fixtures';
import { checkLedger, decisionsOf, Findings, until, type DrillContext } from './common';

const key = () => `drill-${randomBytes(6).toString('hex')}`;

/** Duplicate starts and double-submitted decisions (same Idempotency-Key), one after another and at once: one effect each. */
export async function idempotencyDrill(ctx: DrillContext): Promise<Findings> {
  const f = new Findings('idempotency');
  const { stack, db } = ctx;
  const roots: string[] = [];

  // Duplicate start, one after the other.
  const p = vacancyProposal();
  const first = await stack.call('POST', '/v1/vacancies', { body: p });
  const second = await stack.call('POST', '/v1/vacancies', { body: p });
  const id = first.body.workflowId as string;
  roots.push(id);
  f.check(first.status === 201 && second.status === 409, 'a repeated start: 201, then 409', {
    first: first.status,
    second: second.status,
    code: second.body?.code,
  });
  await until(async () => (await decisionsOf(db, id)).length >= 1, 30_000, 'the proposal');

  // Duplicate start, 8 at once.
  const q = vacancyProposal();
  const burst = await Promise.all(Array.from({ length: 8 }, () => stack.call('POST', '/v1/vacancies', { body: q })));
  const qid = `vacancy:${q.agencyCode}:${q.positionCode}`;
  roots.push(qid);
  const statuses = burst.map((b) => b.status).sort();
  f.check(
    statuses.filter((s) => s === 201).length === 1 && statuses.filter((s) => s === 409).length === 7,
    '8 simultaneous identical starts: one 201, seven 409',
    statuses,
  );
  await until(async () => (await decisionsOf(db, qid)).length >= 1, 30_000, 'the proposal');

  // Double-submitted decision, one after the other, same key.
  const k1 = key();
  const d1 = await stack.call('POST', `${vacancyPath(p)}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
    headers: { 'idempotency-key': k1 },
  });
  const d2 = await stack.call('POST', `${vacancyPath(p)}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
    headers: { 'idempotency-key': k1 },
  });
  f.check(
    d1.status === 200 && d2.status === 200 && JSON.stringify(d1.body) === JSON.stringify(d2.body),
    'the same decision and key twice: the same 200 answer twice',
    { first: d1.status, second: d2.status },
  );
  // The same decision again without the key is a new request, and the workflow refuses it.
  const d3 = await stack.call('POST', `${vacancyPath(p)}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  f.check(d3.status === 409, 'the same decision again without a key: 409', { status: d3.status, code: d3.body?.code });

  // Double-submitted decision, 8 at once, same key.
  const k2 = key();
  const many = await Promise.all(
    Array.from({ length: 8 }, () =>
      stack.call('POST', `${vacancyPath(q)}/decisions`, {
        actor: PPK,
        body: { decision: 'approve', fillingMethod: 'open_selection' },
        headers: { 'idempotency-key': k2 },
      }),
    ),
  );
  const bodies = new Set(many.map((m) => JSON.stringify(m.body)));
  f.check(
    many.every((m) => m.status === 200) && bodies.size === 1,
    '8 simultaneous submissions with one key: eight identical 200 answers',
    many.map((m) => m.status),
  );

  // A selection: duplicate start, and a double-submitted decision carrying evidence.
  const sel = await openSelection(stack);
  roots.push(sel.id, sel.vacancyId);
  const selectionCode = sel.id.split(':')[2];
  const again = await stack.call('POST', '/v1/selections', {
    body: {
      agencyCode: sel.agencyCode,
      selectionCode,
      title: 'Seleksi Terbuka JPT Pratama 2026',
      vacancyIds: [sel.vacancyId],
      sopVersion: '1.0.0-test.fast',
    },
  });
  f.check(again.status === 409, 'a repeated selection start: 409', { status: again.status, code: again.body?.code });
  const members = committee();
  const evidence = [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)];
  const k3 = key();
  const forms = await Promise.all(
    Array.from({ length: 3 }, () =>
      stack.call('POST', `${sel.path}/decisions`, {
        actor: PPK,
        body: { decision: 'form_committee', members, evidence },
        headers: { 'idempotency-key': k3 },
      }),
    ),
  );
  f.check(
    forms.every((m) => m.status === 200),
    'form_committee submitted 3 times at once with one key: 200 each',
    forms.map((m) => m.status),
  );

  await until(
    async () =>
      (await decisionsOf(db, id)).length >= 2 && (await decisionsOf(db, qid)).length >= 2 && (await decisionsOf(db, sel.id)).length >= 2,
    30_000,
    'the ledger to catch up',
  );
  await new Promise((r) => setTimeout(r, 1000));
  const got = { [id]: await decisionsOf(db, id), [qid]: await decisionsOf(db, qid), [sel.id]: await decisionsOf(db, sel.id) };
  f.check(
    JSON.stringify(got[id]) === JSON.stringify(['1:propose', '2:approve']),
    'ledger of the sequential case: propose, approve',
    got[id],
  );
  f.check(
    JSON.stringify(got[qid]) === JSON.stringify(['1:propose', '2:approve']),
    'ledger of the simultaneous case: propose, approve',
    got[qid],
  );
  f.check(
    JSON.stringify(got[sel.id]) === JSON.stringify(['1:open_selection', '2:form_committee']),
    'ledger of the selection: open_selection, form_committee',
    got[sel.id],
  );
  const runs = Number(
    (await db.query(`SELECT count(DISTINCT run_id)::int AS n FROM decisions WHERE workflow_id = ANY($1)`, [[id, qid, sel.id]])).rows[0].n,
  );
  f.check(runs === 3, 'one workflow run per started case', runs);
  await checkLedger(f, db, roots);
  return f;
}
