import { BULK_MOVE_MAX_PEOPLE, BULK_MOVE_PAGE_MAX, bulkMoveWorkflowId } from '@meritflow/contracts';
import { parseNip } from '@meritflow/domain';

// A bulk move larger than one request (issue 19): the proposal carries the first page with
// `open: true`, the other pages go to /members in order, the last marked `last`. Pure helpers, so the
// paging the form does is the paging its spec checks.

export { BULK_MOVE_MAX_PEOPLE, BULK_MOVE_PAGE_MAX };

/** The list cut into pages of at most `size` (the API's 200), in order; an empty list is no page. */
export function splitIntoPages<T>(items: readonly T[], size: number = BULK_MOVE_PAGE_MAX): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size ${size}`);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

/** One request of a batch: where it goes, what it carries, and the rows it holds (first row's index). */
export interface PageRequest<M> {
  index: number;
  path: string;
  body: Record<string, unknown>;
  /** Index in the whole list of this page's first person. */
  offset: number;
  size: number;
  /** The proposal starts the case (201); a page adds to it (200). */
  starts: boolean;
}

/**
 * The requests that open a batch of `moves`: one proposal when it fits in a page (as before paging),
 * else the proposal with the first page and `open: true`, then one request per page, the last marked.
 * `recorded` pages of an open batch are already in (a send resumed after a refused page): when the
 * people left after removing refused rows fit in those pages, one empty page marked last closes the list.
 */
export function pageRequests<M>(
  batch: { agencyCode: string; batchCode: string; title: string; reason?: string },
  moves: readonly M[],
  size: number = BULK_MOVE_PAGE_MAX,
  recorded = 0,
): PageRequest<M>[] {
  const pages = splitIntoPages(moves, size);
  const id = bulkMoveWorkflowId(batch.agencyCode, batch.batchCode);
  const members = `/v1/bulk-moves/${encodeURIComponent(id)}/members`;
  if (recorded > 0 && pages.length <= recorded)
    return [
      ...pages.map((page, index) => ({ index, offset: index * size, size: page.length, starts: index === 0, path: '', body: {} })),
      { index: recorded, offset: moves.length, size: 0, starts: false, path: members, body: { moves: [], last: true } },
    ];
  return pages.map((page, index) => {
    const offset = index * size;
    if (index === 0)
      return {
        index,
        offset,
        size: page.length,
        starts: true,
        path: '/v1/bulk-moves',
        body: { ...batch, moves: page, ...(pages.length > 1 ? { open: true } : {}) },
      };
    return {
      index,
      offset,
      size: page.length,
      starts: false,
      path: members,
      body: { moves: page, last: index === pages.length - 1 },
    };
  });
}

/**
 * The row of the whole list a refusal of one page names: the API names the field within the page's
 * own list (`moves.3.person.nip`), so page 2's fourth person is row 200 + 3. Null for a refusal about
 * the page as a whole (`moves`, or no field).
 */
export function rowOfField(field: string | null | undefined, offset: number): number | null {
  const m = /^(?:body\.)?moves\.(\d+)(?:\.|$)/.exec(field ?? '');
  return m ? offset + Number(m[1]) : null;
}

/** A stable 53-bit string hash (cyrb53): no crypto needed, only "same page, same key". */
function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The Idempotency-Key of a page: the same page of the same batch sent again (after a lost answer) is
 * recorded once and answered as the first time; a page corrected after a refusal is a new request and
 * so gets a new key (the API refuses a key reused for another body, 422 IDEMPOTENCY_CONFLICT).
 */
export function pageKey(request: Pick<PageRequest<unknown>, 'index' | 'path' | 'body'>): string {
  const text = `${request.path}\n${JSON.stringify(request.body)}`;
  return `bulk-page-${request.index + 1}-${hash53(text)}-${hash53(text, 7)}`;
}

/** One line of a pasted list: the official's NIP and the code of the post they enter. */
export interface ListedMove {
  line: number;
  nip: string;
  positionCode: string;
}

const CODE = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;

/**
 * Reads a list pasted from a spreadsheet: one official a line, "NIP<tab or ; or ,>post entered code".
 * Blank lines are skipped; each bad line is named with its number and the domain's own NIP message.
 */
export function parseMemberList(text: string): {
  moves: ListedMove[];
  issues: { line: number; message: { id: string; en: string } }[];
} {
  const moves: ListedMove[] = [];
  const issues: { line: number; message: { id: string; en: string } }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const [nipText = '', codeText = '', ...rest] = raw.split(/[\t;,]/).map((c) => c.trim());
    if (rest.some((c) => c !== '') || codeText === '') {
      issues.push({
        line,
        message: {
          id: 'tulis NIP dan kode jabatan tujuan, dipisah tab atau titik koma',
          en: 'give the NIP and the post code, tab- or semicolon-separated',
        },
      });
      return;
    }
    const nip = parseNip(nipText.replace(/\s+/g, ''));
    if (!nip.ok) {
      issues.push({
        line,
        message: { id: nip.issues.map((x) => x.message.id).join('; '), en: nip.issues.map((x) => x.message.en).join('; ') },
      });
      return;
    }
    const positionCode = codeText.toUpperCase();
    if (!CODE.test(positionCode)) {
      issues.push({
        line,
        message: { id: 'kode jabatan: huruf besar, angka, . _ -', en: 'post code: capital letters, digits, . _ -' },
      });
      return;
    }
    const digits = nipText.replace(/\s+/g, '');
    if (seen.has(digits)) {
      issues.push({ line, message: { id: 'pegawai yang sama disebut dua kali', en: 'the same person is listed twice' } });
      return;
    }
    seen.add(digits);
    moves.push({ line, nip: digits, positionCode });
  });
  return { moves, issues };
}
