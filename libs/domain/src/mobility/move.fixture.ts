import type { MoveFacts } from './move';

/** 10:00 WIB on a calendar date. */
export const wib = (isoDate: string, time = '10:00:00'): Date => new Date(`${isoDate}T${time}+07:00`);

/**
 * Test facts: a Kepala Bidang (administrator) of Sleman moving to Bantul, born 1985-03-15 (40 on
 * 2026-03-10), CPNS since January 2010, in post since 2022-01-03, no sanctions. Every rule passes on
 * 2026-03-10 with no election window.
 */
export const aMove = (
  overrides: {
    kind?: MoveFacts['kind'];
    scope?: MoveFacts['scope'];
    atOwnRequest?: boolean;
    person?: Partial<MoveFacts['person']>;
    from?: Partial<MoveFacts['from']>;
    to?: Partial<MoveFacts['to']>;
  } = {},
): MoveFacts => ({
  kind: overrides.kind ?? 'mutation',
  scope: overrides.scope ?? 'inter_agency_province',
  atOwnRequest: overrides.atOwnRequest ?? false,
  person: {
    nip: '198503152010012003',
    name: 'Rina Kusumawati, S.T.',
    golongan: 'III/d',
    cpnsTmt: '2010-01-01',
    sanctions: [],
    ...overrides.person,
  },
  from: {
    agencyCode: 'PEMKAB-SLEMAN',
    regionCode: '34.04',
    positionCode: 'KABID-BINA-MARGA',
    positionClass: 'administrator',
    level: 'administrator',
    since: '2022-01-03',
    ...overrides.from,
  },
  to: {
    agencyCode: 'PEMKAB-BANTUL',
    regionCode: '34.02',
    positionCode: 'KABID-CIPTA-KARYA',
    positionClass: 'administrator',
    level: 'administrator',
    ...overrides.to,
  },
});

/** A rotation within Sleman at the same level; passes on 2026-03-10. */
export const aRotation = (overrides: Parameters<typeof aMove>[0] = {}): MoveFacts =>
  aMove({
    kind: 'rotation',
    scope: 'intra_agency',
    ...overrides,
    to: { agencyCode: 'PEMKAB-SLEMAN', regionCode: '34.04', positionCode: 'KABID-SDA', ...overrides.to },
  });
