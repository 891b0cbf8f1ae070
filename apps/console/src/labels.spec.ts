/// <reference types="jest" />
import { ALL_SANCTIONS, APPEAL_KINDS, APPEAL_OUTCOMES, getSop, listSops, REGISTER_EVENT_TYPES, SANCTION_LEVELS } from '@meritflow/domain';
import { formatDate, formatTime } from './dates';
import { appealKindLabel, appealOutcomeLabel, registerEventLabel, sanctionLabel, sanctionLevelLabel } from './labels';
import { decisionLabel, DECISIONS, DECISIONS_BY_SOP, roleLabel, statusLabel, STATUSES, stepLabel, stepLabels } from './labels-workflow';
import { sopPath } from './sop-path';

// The console's one label dictionary must cover every code the shipped SOPs can show a user.
const sops = listSops();
const decisions = [
  ...new Set(
    sops.flatMap((s) => [
      s.startDecision.decision,
      ...s.steps.flatMap((st) => [...st.transitions.map((t) => t.decision), ...(st.auto ?? []).map((a) => a.decision)]),
    ]),
  ),
].sort();
const statuses = [...new Set(sops.flatMap((s) => s.steps.map((st) => st.status)))].sort();

describe('the label dictionary', () => {
  it.each(decisions)('labels the decision %s in both languages', (code) => {
    expect(DECISIONS[code]).toBeDefined();
    expect(decisionLabel(code, 'id')).not.toBe(code);
    expect(decisionLabel(code, 'en')).not.toBe(code);
  });

  // An id that repeats across SOPs with another meaning is labelled for the case's SOP.
  it.each([
    ['bulk-move', 'member_added', 'Pegawai ditambahkan ke SK kolektif', 'Official added to the collective decree'],
    ['discipline', 'record_decree', 'Catat SK hukuman disiplin', 'Record the discipline decree'],
    ['mutation-intra', 'record_decree', 'Catat SK pemindahan', 'Record the transfer decree'],
    ['talent-promotion', 'propose', 'Usulkan pemindahan', 'Propose the move'],
    ['appointment', 'record_decree', 'Catat SK pengangkatan', 'Record the appointment decree'],
    ['vacancy', 'propose', 'Usulkan lowongan', 'Propose a vacancy'],
    ['open-selection', 'member_added', 'Anggota panitia ditambahkan', 'Member added'],
  ])('labels %s %s as "%s"', (sopId, code, id, en) => {
    expect(decisionLabel(code, 'id', sopId)).toBe(id);
    expect(decisionLabel(code, 'en', sopId)).toBe(en);
  });

  it.each(Object.keys(DECISIONS_BY_SOP))('the SOP %s of a per-SOP decision label is shipped', (sopId) => {
    expect(sops.some((s) => s.id === sopId)).toBe(true);
  });

  it.each(statuses)('labels the status %s in both languages', (code) => {
    expect(STATUSES[code]).toBeDefined();
    expect(statusLabel(code, 'id')).not.toBe(code);
  });

  it.each(sops.flatMap((s) => s.steps.map((st) => [s.id, s.version, st.id] as const)))(
    "labels the step %s@%s %s with its SOP's own label",
    (sopId, _version, code) => {
      const own = sops.filter((s) => s.id === sopId).flatMap((s) => s.steps.filter((st) => st.id === code));
      expect(stepLabels().has(code)).toBe(true);
      expect(own.map((st) => st.label.id)).toContain(stepLabel(code, 'id', sopId));
      expect(own.map((st) => st.label.en)).toContain(stepLabel(code, 'en', sopId));
    },
  );

  it('tells apart steps that share an id across SOPs', () => {
    expect(stepLabel('approved', 'id', 'vacancy')).toBe('Disetujui, menunggu pengisian');
    expect(stepLabel('approved', 'en', 'talent-review')).toBe('Talent pool approved');
    // Without the SOP, every meaning is given rather than a wrong one.
    expect(stepLabel('approved', 'id')).toContain('Disetujui, menunggu pengisian');
    expect(stepLabel('approved', 'id')).toContain('Kelompok rencana suksesi disetujui');
  });

  it.each([
    ['ppk', 'id', 'Pejabat Pembina Kepegawaian (PPK)'],
    ['ppk', 'en', 'Appointing official (PPK)'],
    ['candidate', 'id', 'Pelamar'],
  ] as const)('labels the role %s (%s)', (role, lang, label) => {
    expect(roleLabel(role, lang)).toBe(label);
  });

  it('never shows an unknown code raw', () => {
    expect(statusLabel('awaiting_something_new', 'id')).toBe('Awaiting something new');
    expect(decisionLabel(null, 'en')).toBe('—');
  });
});

// Every discipline code, from the domain's own lists: a new level, sanction, appeal kind or outcome,
// or register change without a label fails here instead of reaching a page as a raw code.
describe('the discipline labels', () => {
  const tables: [string, readonly string[], (code: string, lang: 'id' | 'en') => string][] = [
    ['sanction level', SANCTION_LEVELS, sanctionLevelLabel],
    ['sanction', ALL_SANCTIONS, sanctionLabel],
    ['appeal kind', APPEAL_KINDS, appealKindLabel],
    ['appeal outcome', APPEAL_OUTCOMES, appealOutcomeLabel],
    ['register change', REGISTER_EVENT_TYPES, registerEventLabel],
  ];
  it.each(
    tables.flatMap(([table, codes, label]) =>
      codes.flatMap((code) => (['id', 'en'] as const).map((lang) => [table, code, lang, label] as const)),
    ),
  )('labels the %s %s in %s', (_table, code, lang, label) => {
    const text = label(code, lang);
    expect(text).not.toBe(code);
    expect(text.trim().length).toBeGreaterThan(1);
  });

  it.each([
    ['medium', 'id', 'Sedang'],
    ['heavy', 'en', 'Heavy'],
  ] as const)('labels the level %s (%s) as %s', (code, lang, text) => {
    expect(sanctionLevelLabel(code, lang)).toBe(text);
  });
});

describe('dates', () => {
  it.each([
    ['2026-12-06', 'id', '6 Desember 2026'],
    ['2026-12-06', 'en', '6 December 2026'],
    ['2026-01-31', 'id', '31 Januari 2026'],
    // 23:30 UTC on 5 December is already 6 December in Jakarta.
    ['2026-12-05T23:30:00Z', 'id', '6 Desember 2026'],
  ] as const)('formats %s in %s as %s', (value, lang, text) => {
    expect(formatDate(value, lang)).toBe(text);
  });

  it('gives times in WIB', () => {
    expect(formatTime('2026-12-06T07:05:00Z', 'id')).toBe('6 Desember 2026 14.05 WIB');
  });

  it('leaves an unreadable value as it is and an absent one as a dash', () => {
    expect(formatDate('not a date', 'id')).toBe('not a date');
    expect(formatDate(undefined, 'id')).toBe('—');
  });
});

describe('the stepper path of an SOP', () => {
  const vacancy = sops.find((s) => s.id === 'vacancy' && !s.testOnly)!;

  it('starts at the initial step and lists each non-terminal step once', () => {
    const path = sopPath(vacancy, vacancy.initialStep);
    expect(path[0]).toBe(vacancy.initialStep);
    expect(new Set(path).size).toBe(path.length);
    const terminal = path.filter((id) => vacancy.steps.find((s) => s.id === id)!.terminal);
    expect(terminal.length).toBeLessThanOrEqual(1);
  });

  it.each(vacancy.steps.filter((s) => s.terminal).map((s) => s.id))('ends at the terminal step %s when the case is there', (end) => {
    const path = sopPath(getSop(vacancy), end);
    expect(path[path.length - 1]).toBe(end);
  });
});
