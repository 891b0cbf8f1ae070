import {
  checkAnswerObjection,
  checkFileObjection,
  checkRescore,
  checkResign,
  objectionsSettled,
  upheldNips,
  type ObjectionRecord,
} from './objection';
import { getOpenSelectionSop, selectSop } from '../sop/sop-registry';
import { evaluateDecision } from '../sop/sop-engine';

const NIP = '197501012000031001';
const OTHER = '197601012001032002';
const open = (nip: string): ObjectionRecord => ({
  nip,
  filedAt: '2026-12-01T00:00:00.000Z',
  reason: 'nilai wawancara keliru',
  answer: null,
});
const answered = (nip: string): ObjectionRecord => ({
  ...open(nip),
  answer: { upheld: false, reason: 'sesuai', by: 'k', answeredAt: 'x' },
});

describe('objection rules (sanggah)', () => {
  const ctx = (status: string, objections: ObjectionRecord[] = []) => ({
    selectionId: 'open-selection:A:B',
    candidate: { nip: NIP, status },
    objections,
  });

  it('lets a ranked candidate object to their own result once', () => {
    expect(checkFileObjection(NIP, ctx('ranked'))).toEqual({ ok: true });
    expect(checkFileObjection(NIP, ctx('no_quorum'))).toEqual({ ok: true });
    const again = checkFileObjection(NIP, ctx('ranked', [open(NIP)]));
    expect(again).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      params: { fields: [{ field: 'decision', rule: 'objection.once' }] },
    });
  });

  it('answers anyone who is not a published candidate as if the selection did not exist', () => {
    expect(checkFileObjection(OTHER, { ...ctx('ranked'), candidate: undefined })).toEqual({
      ok: false,
      code: 'CASE_NOT_FOUND',
      params: { caseId: 'open-selection:A:B' },
    });
    expect(checkFileObjection(NIP, ctx('screened_out'))).toMatchObject({ ok: false, code: 'CASE_NOT_FOUND' });
  });

  it('answers only a filed, unanswered objection, upheld or rejected', () => {
    expect(checkAnswerObjection({ nip: NIP, upheld: true }, [open(NIP)])).toEqual({ ok: true });
    expect(checkAnswerObjection({ nip: OTHER, upheld: true }, [open(NIP)])).toMatchObject({
      ok: false,
      params: { fields: [{ field: 'nip', rule: 'objection.exists' }] },
    });
    expect(checkAnswerObjection({ nip: NIP, upheld: false }, [answered(NIP)])).toMatchObject({
      ok: false,
      params: { fields: [{ field: 'nip', rule: 'objection.unanswered' }] },
    });
    expect(checkAnswerObjection({ nip: NIP }, [open(NIP)])).toMatchObject({ ok: false, params: { fields: [{ field: 'upheld' }] } });
  });

  it('holds the shortlist while the window is open or an objection is unanswered', () => {
    expect(objectionsSettled(false, [])).toBe(false);
    expect(objectionsSettled(true, [open(NIP)])).toBe(false);
    expect(objectionsSettled(true, [answered(NIP), open(OTHER)])).toBe(false);
    expect(objectionsSettled(true, [answered(NIP)])).toBe(true);
    expect(objectionsSettled(true, [])).toBe(true);
  });
});

describe('reopened scoring after an upheld objection', () => {
  const upheld = (nip: string): ObjectionRecord => ({ ...open(nip), answer: { upheld: true, reason: 'benar', by: 'k', answeredAt: 'x' } });

  it('rescores only candidates whose objection was upheld, with scores of 0–100', () => {
    const objections = [upheld(NIP), answered(OTHER)];
    expect(upheldNips(objections)).toEqual([NIP]);
    expect(checkRescore({ nip: NIP, paper: 80, interview: 0 }, objections)).toEqual({ ok: true });
    expect(checkRescore({ nip: OTHER, paper: 80, interview: 80 }, objections)).toMatchObject({
      ok: false,
      params: { fields: [{ field: 'nip', rule: 'objection.upheld' }] },
    });
    expect(checkRescore({ nip: NIP, paper: 101, interview: 80 }, objections)).toMatchObject({
      ok: false,
      params: { fields: [{ field: 'paper' }] },
    });
    expect(checkRescore({ nip: NIP, paper: 80 }, objections)).toMatchObject({ ok: false, params: { fields: [{ field: 'interview' }] } });
  });

  it('re-signs the ranking only once every upheld candidate is rescored', () => {
    const objections = [upheld(NIP), upheld(OTHER)];
    expect(checkResign(objections, [NIP])).toMatchObject({ ok: false, params: { fields: [{ rule: 'objection.rescored' }] } });
    expect(checkResign(objections, [NIP, OTHER])).toEqual({ ok: true });
    expect(checkResign([answered(NIP)], [])).toEqual({ ok: true });
  });
});

describe('open selection 1.1.0 (objection stage)', () => {
  const sop = getOpenSelectionSop({ id: 'open-selection', version: '1.1.0' });
  const candidate = { id: NIP, role: 'candidate' as const };
  const chair = { id: 'k', role: 'committee_chair' as const };

  it('publishes after the signed ranking and reaches the overseer only through the objection review', () => {
    const signed = evaluateDecision(sop, 'ranking', {
      decision: 'sign_ranking',
      actor: chair,
      evidence: [{ kind: 'x', uri: 'evidence:1' }],
    } as never);
    expect(signed).toMatchObject({ ok: true, to: { id: 'objection_window' } });
    const window = sop.steps.find((s) => s.id === 'objection_window')!;
    expect(window.deadline).toMatchObject({ after: { workingDays: 3 }, onExpiry: 'handler' });
    expect(window.auto).toEqual([{ decision: 'objection_window_closed', to: 'objection_review' }]);
    expect(sop.steps.find((s) => s.id === 'objection_review')!.auto).toContainEqual({
      decision: 'objections_answered',
      to: 'external_review',
    });
    expect(sop.settings.objectionWindow).toEqual({ workingDays: 3 });
    expect(sop.steps.find((s) => s.id === 'objection_review')!.auto).toContainEqual({ decision: 'scoring_reopened', to: 'rescoring' });
    const resign = evaluateDecision(sop, 'rescoring', {
      decision: 'sign_ranking',
      actor: chair,
      evidence: [{ kind: 'x', uri: 'evidence:1' }],
    } as never);
    expect(resign).toMatchObject({ ok: true, to: { id: 'external_review' } });
  });

  it('takes objections from candidates in the window only, and answers from the chair only', () => {
    const objection = { decision: 'file_objection', actor: candidate, reason: 'r', evidence: [{ kind: 'x', uri: 'evidence:1' }] } as never;
    expect(evaluateDecision(sop, 'objection_window', objection)).toMatchObject({ ok: true });
    expect(evaluateDecision(sop, 'objection_review', objection)).toMatchObject({ ok: false });
    expect(evaluateDecision(sop, 'objection_window', { ...(objection as object), actor: chair } as never)).toMatchObject({ ok: false });
    expect(evaluateDecision(sop, 'objection_review', { decision: 'answer_objection', actor: chair, reason: 'r' } as never)).toMatchObject({
      ok: true,
    });
  });

  it('leaves new cases on 1.0.0 until 1.1.0 takes effect', () => {
    const asOf = new Date('2026-12-06T00:00:00Z');
    expect(selectSop('open-selection', { asOf, allowTestOnly: false }).version).toBe('1.0.0');
    expect(selectSop('open-selection', { asOf: new Date('2027-01-02T00:00:00Z'), allowTestOnly: false }).version).toBe('1.1.0');
  });
});
