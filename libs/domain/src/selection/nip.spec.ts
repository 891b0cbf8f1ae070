import { DEFAULT_NIP_RULES, parseNip, type NipKind } from './nip';

describe('parseNip (PNS)', () => {
  it.each([
    {
      nip: '198503152010012003',
      birthDate: '1985-03-15',
      appointment: '2010-01',
      sex: 'female',
      sequence: 3,
    },
    { nip: '197008171995031001', birthDate: '1970-08-17', appointment: '1995-03', sex: 'male', sequence: 1 },
    { nip: '198402292010121999', birthDate: '1984-02-29', appointment: '2010-12', sex: 'male', sequence: 999 },
    // Born 1992-03-01, TMT 2010-03-01: exactly 18 on the appointment date.
    { nip: '199203012010032001', birthDate: '1992-03-01', appointment: '2010-03', sex: 'female', sequence: 1 },
    // TMT 2010-04-01 is after the 18th birthday on 2010-03-15.
    { nip: '199203152010042001', birthDate: '1992-03-15', appointment: '2010-04', sex: 'female', sequence: 1 },
  ])('reads $nip as born $birthDate, TMT $appointment, $sex, sequence $sequence', ({ nip, ...expected }) => {
    expect(parseNip(nip)).toEqual({ ok: true, value: { nip, kind: 'pns', ...expected } });
  });

  it.each([
    { what: '17 digits', nip: '19850315201001200', rules: ['nip.format'] },
    { what: '19 digits', nip: '1985031520100120031', rules: ['nip.format'] },
    { what: 'empty', nip: '', rules: ['nip.format'] },
    { what: 'a letter', nip: '19850315201001200A', rules: ['nip.format'] },
    { what: 'the spaced print form', nip: '19850315 201001 2 003', rules: ['nip.format'] },
    { what: '30 February', nip: '198502302010012003', rules: ['nip.birthDate'] },
    { what: '29 February in a common year', nip: '198502292010012003', rules: ['nip.birthDate'] },
    { what: 'birth month 13', nip: '198513012010012003', rules: ['nip.birthDate'] },
    { what: 'TMT month 13', nip: '198503152010132003', rules: ['nip.appointmentMonth'] },
    { what: 'TMT month 00', nip: '198503152010002003', rules: ['nip.appointmentMonth'] },
    { what: 'sex digit 3', nip: '198503152010013003', rules: ['nip.sex'] },
    { what: 'sex digit 0', nip: '198503152010010003', rules: ['nip.sex'] },
    { what: 'sequence 000', nip: '198503152010012000', rules: ['nip.sequence'] },
    { what: 'TMT the month before the 18th birthday', nip: '199203152010032001', rules: ['nip.minimumAge'] },
    { what: 'TMT before birth', nip: '199203152009012001', rules: ['nip.minimumAge'] },
    {
      what: 'several faults at once (age not judged on a bad date)',
      nip: '198502302010133000',
      rules: ['nip.birthDate', 'nip.appointmentMonth', 'nip.sex', 'nip.sequence'],
    },
  ])('refuses $what', ({ nip, rules }) => {
    const result = parseNip(nip);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.rule)).toEqual(rules);
    for (const i of result.issues) {
      expect(i.field).toBe('nip');
      expect(i.message.id).toMatch(/NIP/);
      expect(i.message.en).toMatch(/NIP/);
    }
  });

  it('names the field it was given', () => {
    const result = parseNip('198503152010013003', 'pns', 'candidates.2.nip');

    expect(result).toMatchObject({ ok: false, issues: [{ field: 'candidates.2.nip', rule: 'nip.sex' }] });
  });

  it('takes the minimum appointment age from the rules it is given', () => {
    const nip = '199203152010042001'; // 18 at TMT

    expect(DEFAULT_NIP_RULES).toEqual({ version: 'nip@2026-01-01', minimumAppointmentAge: 18 });
    expect(parseNip(nip).ok).toBe(true);
    expect(parseNip(nip, 'pns', 'nip', { version: 'nip@test', minimumAppointmentAge: 19 })).toMatchObject({
      ok: false,
      issues: [{ rule: 'nip.minimumAge' }],
    });
  });
});

describe('parseNip (PPPK)', () => {
  it('reads digits 9–12 as the appointment year and 13–14 as a code', () => {
    expect(parseNip('199203152022212001', 'pppk')).toEqual({
      ok: true,
      value: {
        nip: '199203152022212001',
        kind: 'pppk',
        birthDate: '1992-03-15',
        appointment: '2022',
        pppkCode: '21',
        sex: 'female',
        sequence: 1,
      },
    });
  });

  it.each([
    { what: 'a code above 12 that is not a month', nip: '199203152022211001', kind: 'pppk', ok: true },
    { what: 'the same number read as a PNS NIP', nip: '199203152022211001', kind: 'pns', ok: false },
    // Year precision only: born late 2004, appointed 2022 may have been 18 already.
    { what: 'birth year + 18 = appointment year', nip: '200412312022211001', kind: 'pppk', ok: true },
    { what: 'birth year + 17 = appointment year', nip: '200501012022211001', kind: 'pppk', ok: false },
    { what: '30 February', nip: '199202302022211001', kind: 'pppk', ok: false },
    { what: 'sex digit 3', nip: '199203152022213001', kind: 'pppk', ok: false },
    { what: 'sequence 000', nip: '199203152022211000', kind: 'pppk', ok: false },
  ] as { what: string; nip: string; kind: NipKind; ok: boolean }[])('$what → valid: $ok', ({ nip, kind, ok }) => {
    expect(parseNip(nip, kind).ok).toBe(ok);
  });

  it('says NI PPPK in its messages', () => {
    const result = parseNip('1992031520222', 'pppk');

    expect(result).toMatchObject({ ok: false, issues: [{ rule: 'nip.format' }] });
    if (!result.ok) expect(result.issues[0].message.en).toContain('NI PPPK');
  });
});
