import { chained, committedCase, rowOf } from '../../../test/support/committed-histories';
import { fieldMismatch, parsePgTextArray, verifyChainRows } from './chain-check';
import { timelineFromHistory } from './timeline-from-history';

const kase = committedCase('vacancy-approved-closed');
const rows = () => chained(timelineFromHistory(kase.history).map((r) => rowOf(r)));
const root = kase.workflowId;

describe('parsePgTextArray', () => {
  it.each<[string, (string | null)[]]>([
    ['{}', []],
    ['{a,b}', ['a', 'b']],
    ['{NULL,"NULL",""}', [null, 'NULL', '']],
    ['{"a,b","say \\"hi\\"","back\\\\slash"}', ['a,b', 'say "hi"', 'back\\slash']],
    ['{"{\\"k\\": 1}",2026-01-01T00:00:00.123456Z}', ['{"k": 1}', '2026-01-01T00:00:00.123456Z']],
  ])('reads %s as PostgreSQL wrote it', (literal, expected) => {
    expect(parsePgTextArray(literal)).toEqual(expected);
  });

  it('refuses what is not an array literal', () => {
    expect(() => parsePgTextArray('a,b')).toThrow('not an array literal');
  });
});

describe('verifyChainRows (offline, from an export)', () => {
  it('finds an intact chain intact and names its head', () => {
    const chain = rows();
    const check = verifyChainRows(root, chain);
    expect(check).toMatchObject({
      ok: true,
      rowsChecked: chain.length,
      problem: null,
      head: { chainSeq: chain.length, rowHash: chain.at(-1)!.rowHash },
    });
  });

  it('finds a column edited after export (the reason), naming the field', () => {
    const chain = rows();
    chain[1] = { ...chain[1], reason: 'diubah sesudah ekspor' };
    expect(verifyChainRows(root, chain).problem).toMatchObject({ chainSeq: 2, kind: 'field_altered', field: 'reason' });
  });

  it('finds a payload edited after export even though jsonb key order may differ', () => {
    const chain = rows();
    expect(fieldMismatch({ ...chain[0], payload: JSON.parse(JSON.stringify(chain[0].payload)) }, chain[0].canonical as string)).toBeNull();
    chain[0] = { ...chain[0], payload: { ...chain[0].payload, injected: true } };
    expect(verifyChainRows(root, chain).problem).toMatchObject({ chainSeq: 1, kind: 'field_altered', field: 'payload' });
  });

  it('finds the canonical text edited to match an edited column: the hash no longer covers it', () => {
    const chain = rows();
    const canonical = (chain[1].canonical as string).replace(chain[1].actorId, '199001012020011001');
    chain[1] = { ...chain[1], actorId: '199001012020011001', canonical };
    expect(verifyChainRows(root, chain).problem).toMatchObject({ chainSeq: 2, kind: 'content_altered' });
  });

  it('finds a row removed from the middle', () => {
    const chain = rows();
    chain.splice(1, 1);
    expect(verifyChainRows(root, chain).problem).toMatchObject({ chainSeq: 3, kind: 'sequence_gap' });
  });

  it('finds rows swapped and renumbered: the link breaks', () => {
    const chain = rows();
    const [a, b] = [chain[0], chain[1]];
    chain[0] = { ...b, chainSeq: 1 };
    chain[1] = { ...a, chainSeq: 2 };
    expect(verifyChainRows(root, chain).problem).toMatchObject({ chainSeq: 1, kind: 'link_broken' });
  });

  it('finds a row without its canonical text', () => {
    const chain = rows();
    chain[2] = { ...chain[2], canonical: undefined };
    expect(verifyChainRows(root, chain).problem).toMatchObject({ chainSeq: 3, kind: 'canonical_missing' });
  });
});
