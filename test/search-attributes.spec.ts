import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CASE_SEARCH_ATTRIBUTE_REGISTRATIONS, CASE_SEARCH_ATTRIBUTES } from '@meritflow/contracts';

/** The search attributes the workflows upsert are the ones every server registers; a new one fails here until it is. */
describe('search attribute registry', () => {
  it('registers on the real server (cluster mode and docker/) exactly the attributes the workflows keep', () => {
    const script = readFileSync(path.resolve(__dirname, '../docker/temporal/create-namespace.sh'), 'utf8');
    const list = /SEARCH_ATTRIBUTES="\$\{MERITFLOW_SEARCH_ATTRIBUTES:-([^}]*)\}"/.exec(script)?.[1];
    expect(list?.split(' ').sort()).toEqual(
      Object.values(CASE_SEARCH_ATTRIBUTES)
        .map((k) => k.name)
        .sort(),
    );
  });

  it('registers every one as a Keyword (exact match, indexed on every visibility store)', () => {
    expect(CASE_SEARCH_ATTRIBUTE_REGISTRATIONS).toEqual(
      Object.values(CASE_SEARCH_ATTRIBUTES).map((k) => ({ name: k.name, type: 'Keyword' })),
    );
    expect(Object.values(CASE_SEARCH_ATTRIBUTES).every((k) => k.type === 'KEYWORD')).toBe(true);
  });
});
