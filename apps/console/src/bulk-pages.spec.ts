/// <reference types="jest" />
import { BULK_MOVE_PAGE_MAX, pageKey, pageRequests, parseMemberList, rowOfField, splitIntoPages } from './bulk-pages';

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i }));
const batch = { agencyCode: 'PEMKAB-SLEMAN', batchCode: 'SK-ROT-1', title: 'Rotasi' };
const NIP = '198203042008011001';

describe('splitting a bulk move into the API’s pages', () => {
  it('keeps the API’s page size of 200', () => {
    expect(BULK_MOVE_PAGE_MAX).toBe(200);
  });

  it.each([
    [0, []],
    [1, [1]],
    [200, [200]],
    [201, [200, 1]],
    [400, [200, 200]],
    [401, [200, 200, 1]],
    [2000, Array(10).fill(200)],
  ])('cuts %i people into pages of %j', (n, sizes) => {
    const pages = splitIntoPages(people(n));
    expect(pages.map((p) => p.length)).toEqual(sizes);
    expect(pages.flat().map((p) => p.n)).toEqual(people(n).map((p) => p.n));
  });

  it.each([0, -1, 1.5])('refuses a page size of %p', (size) => {
    expect(() => splitIntoPages(people(3), size)).toThrow(RangeError);
  });
});

describe('the requests that open a batch', () => {
  it.each([
    [1, ['/v1/bulk-moves'], [undefined]],
    [200, ['/v1/bulk-moves'], [undefined]],
    [201, ['/v1/bulk-moves', '/v1/bulk-moves/bulk-move%3APEMKAB-SLEMAN%3ASK-ROT-1/members'], [true, true]],
    [
      450,
      [
        '/v1/bulk-moves',
        '/v1/bulk-moves/bulk-move%3APEMKAB-SLEMAN%3ASK-ROT-1/members',
        '/v1/bulk-moves/bulk-move%3APEMKAB-SLEMAN%3ASK-ROT-1/members',
      ],
      [true, false, true],
    ],
  ])('for %i people: %j (open, then last on the final page)', (n, paths, flags) => {
    const reqs = pageRequests(batch, people(n));
    expect(reqs.map((r) => r.path)).toEqual(paths);
    // The proposal says `open` only when more pages follow; each later page says whether it is the last.
    expect(reqs.map((r, i) => (i === 0 ? r.body.open : r.body.last))).toEqual(flags);
    expect(reqs.map((r) => r.offset)).toEqual(reqs.map((_, i) => i * 200));
    expect(reqs.reduce((sum, r) => sum + (r.body.moves as unknown[]).length, 0)).toBe(n);
    expect(reqs[0].body).toMatchObject(batch);
    expect(reqs.map((r) => r.starts)).toEqual(reqs.map((_, i) => i === 0));
  });
});

describe('resuming an open batch after a refused page', () => {
  it('sends the pages not yet recorded, the last marked', () => {
    const reqs = pageRequests(batch, people(450), 200, 1).slice(1);
    expect(reqs.map((r) => [r.index, r.offset, r.size, r.body.last])).toEqual([
      [1, 200, 200, false],
      [2, 400, 50, true],
    ]);
  });

  it.each([200, 150])('closes the list with an empty last page when the %i people left fit in the recorded page', (n) => {
    const reqs = pageRequests(batch, people(n), 200, 1);
    const rest = reqs.slice(1);
    expect(rest).toHaveLength(1);
    expect(rest[0].path).toBe('/v1/bulk-moves/bulk-move%3APEMKAB-SLEMAN%3ASK-ROT-1/members');
    expect(rest[0].body).toEqual({ moves: [], last: true });
  });
});

describe('the row a page’s refusal names', () => {
  it.each([
    ['moves.3.person.nip', 0, 3],
    ['moves.3.person.nip', 200, 203],
    ['body.moves.0.to.positionCode', 400, 400],
    ['moves.12', 200, 212],
    ['moves', 200, null],
    ['title', 0, null],
    [null, 0, null],
  ] as const)('%s on the page starting at row %i is row %p', (field, offset, row) => {
    expect(rowOfField(field, offset)).toBe(row);
  });
});

describe('the Idempotency-Key of a page', () => {
  const [first, second] = pageRequests(batch, people(201));

  it('is the same for the same page sent again', () => {
    expect(pageKey(second)).toBe(pageKey(pageRequests(batch, people(201))[1]));
  });

  it('differs for another page, a corrected page, or another batch', () => {
    const corrected = { ...second, body: { ...second.body, moves: [{ n: 999 }] } };
    const other = pageRequests({ ...batch, batchCode: 'SK-ROT-2' }, people(201))[1];
    const keys = [pageKey(first), pageKey(second), pageKey(corrected), pageKey(other)];
    expect(new Set(keys).size).toBe(4);
  });

  it('has the shape the API accepts', () => {
    expect(pageKey(second)).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  });
});

describe('a list pasted from a spreadsheet', () => {
  it.each([
    [`${NIP}\tKABID-A`, 'KABID-A'],
    [`${NIP};kabid-b`, 'KABID-B'],
    [` ${NIP} , KASI-C `, 'KASI-C'],
  ])('reads %j', (line, code) => {
    expect(parseMemberList(line)).toEqual({ moves: [{ line: 1, nip: NIP, positionCode: code }], issues: [] });
  });

  it.each([
    ['12345;KABID-A', /18 digit/],
    [`${NIP}`, /kode jabatan tujuan/],
    [`${NIP};KABID A`, /kode jabatan/],
    [`${NIP};KABID-A;X`, /kode jabatan tujuan/],
  ])('names the bad line %j with its reason', (line, reason) => {
    const { moves, issues } = parseMemberList(`\n${line}`);
    expect(moves).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0].line).toBe(2);
    expect(issues[0].message.id).toMatch(reason);
    expect(issues[0].message.en.length).toBeGreaterThan(3);
  });

  it('refuses the same official twice, naming the second line', () => {
    const { moves, issues } = parseMemberList(`${NIP};A\n${NIP};B`);
    expect(moves.map((m) => m.line)).toEqual([1]);
    expect(issues.map((i) => i.line)).toEqual([2]);
  });
});
