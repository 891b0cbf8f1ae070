import { decreeCitationVerdict, type CitedEvidence, type DraftedDecree } from './decree-citation';

const DRAFT: DraftedDecree = {
  decreeNumber: '800/12/BKPSDM/2026',
  sha256: 'a'.repeat(64),
  uri: 'evidence:11111111-1111-4111-8111-111111111111',
};
const SCAN: CitedEvidence = { uri: 'evidence:22222222-2222-4222-8222-222222222222', sha256: 'b'.repeat(64) };
const CITES: CitedEvidence = { uri: DRAFT.uri, sha256: DRAFT.sha256 };

describe('decreeCitationVerdict', () => {
  it.each<[string, string, DraftedDecree | null, CitedEvidence[] | undefined, boolean]>([
    ['record_decree citing the draft', 'record_decree', DRAFT, [SCAN, CITES], true],
    ['record_decree citing the draft in capitals', 'record_decree', DRAFT, [{ sha256: DRAFT.sha256.toUpperCase() }], true],
    ['record_decree citing only a scan of another file', 'record_decree', DRAFT, [SCAN], false],
    ['record_decree citing nothing', 'record_decree', DRAFT, undefined, false],
    ['record_decree citing the draft uri with other bytes', 'record_decree', DRAFT, [{ uri: DRAFT.uri, sha256: 'c'.repeat(64) }], false],
    ['record_keppres while a draft exists, not cited', 'record_keppres', DRAFT, [SCAN], false],
    ['record_decree with no draft: a signed scan will do', 'record_decree', null, [SCAN], true],
    ['record_decree with no draft and no evidence (the SOP judges that)', 'record_decree', null, undefined, true],
    ['a decision that records no decree', 'record_inauguration', DRAFT, undefined, true],
    ['the appointing decision itself', 'pick', DRAFT, [], true],
  ])('%s', (_, decision, draft, evidence, ok) => {
    expect(decreeCitationVerdict(decision, draft, evidence).ok).toBe(ok);
  });

  it('names the rule, the field and the draft to cite when refusing', () => {
    expect(decreeCitationVerdict('record_decree', DRAFT, [SCAN])).toEqual({
      ok: false,
      code: 'DECREE_DRAFT_NOT_CITED',
      params: { decision: 'record_decree', field: 'evidence', decreeNumber: DRAFT.decreeNumber, uri: DRAFT.uri, sha256: DRAFT.sha256 },
    });
  });
});
