import type { BackdatingSettings } from '../../mobility/effective-date';
import { defineSop } from '../sop.define';
import type { SopDefinition, SopDuration, SopStep, SopTransition } from '../sop.types';
import { mutationInterAgencyV1, mutationInterProvinceV1, mutationIntraV1, rotationV1, talentPromotionV1 } from './move.v1';

/** What a move SOP version pins beside its steps. */
export interface MoveSopSettings extends BackdatingSettings {}

export type MoveSop = SopDefinition & { settings: MoveSopSettings };

/**
 * [BK] domain.md names no limit on backdating a decree; 30 calendar days is a default an agency's own
 * SOP version may change. Beyond it the decree needs a reason.
 */
export const MOVE_SETTINGS_V1_1: MoveSopSettings = Object.freeze({ maxBackdatingDays: 30 });

/** Versions before 1.1.0 pinned no limit. */
const NO_SETTINGS: MoveSopSettings = Object.freeze({ maxBackdatingDays: null });

/** The settings a move SOP version pinned (none before 1.1.0). */
export const moveSopSettings = (sop: Readonly<SopDefinition>): MoveSopSettings =>
  'settings' in sop ? (sop as Readonly<MoveSop>).settings : NO_SETTINGS;

const REPORTING_BASIS = ['UU 10/2016 Pasal 71(2) dan 162(3)', 'SE Mendagri 100.2.1.3/1575/SJ'];

/** A decree taken inside an election ban with the Minister's approval is reported within 7 working days (domain.md §2.8). */
const reporting = (after: SopDuration): SopStep => ({
  id: 'reporting',
  status: 'awaiting_report',
  label: { id: 'Pelaporan kepada Menteri Dalam Negeri', en: 'Report to the Minister of Home Affairs' },
  terminal: false,
  transitions: [{ decision: 'report_submitted', roles: ['hr_officer'], to: 'completed', requires: ['evidence'] }],
  deadline: { after, onExpiry: 'escalate', notifyRole: 'ppk' },
  duty: {
    kind: 'report',
    metBy: 'report_submitted',
    basis: REPORTING_BASIS,
    label: {
      id: 'Laporan tindakan dalam masa larangan pilkada (7 hari kerja)',
      en: 'Report of an action in an election ban (7 working days)',
    },
  },
});

/**
 * 1.1.0: the decree is guarded by the mobility rules as of its TMT, as the deciding step is as of the
 * intended effective date; the PPK may lift an overridable rule at the decree too; a decree that an
 * approval of the Minister let through an election ban opens the reporting step; and a decree dated
 * more than `maxBackdatingDays` back needs a reason.
 */
function v1_1(v1: Readonly<SopDefinition>, version: string, testOnly: boolean, reportWithin: SopDuration): Readonly<MoveSop> {
  const decreeTransitions: SopTransition[] = [
    { decision: 'record_decree', roles: ['hr_officer'], to: 'completed', requires: ['evidence'], guard: 'mobility_rules' },
    {
      decision: 'record_decree',
      roles: ['hr_officer'],
      to: 'reporting',
      requires: ['evidence'],
      guard: 'mobility_rules',
      when: 'reporting_duty',
    },
    { decision: 'override', roles: ['ppk'], to: 'decree', requires: ['reason', 'evidence'] },
  ];
  const steps = v1.steps.map((s): SopStep => (s.id === 'decree' ? { ...s, transitions: decreeTransitions } : (s as SopStep)));
  const at = steps.findIndex((s) => s.id === 'completed');
  steps.splice(at, 0, reporting(reportWithin));
  const sop = defineSop({ ...v1, version, effectiveFrom: '2026-12-01', testOnly, steps } as SopDefinition);
  return Object.freeze({ ...sop, settings: MOVE_SETTINGS_V1_1 }) as Readonly<MoveSop>;
}

const V1 = [mutationIntraV1, mutationInterAgencyV1, mutationInterProvinceV1, rotationV1, talentPromotionV1] as const;

export const MOVE_SOPS_V1_1 = V1.map((v1) => v1_1(v1, '1.1.0', false, { workingDays: 7 }));

/** Test-only twins whose reporting deadline passes after 3 seconds; refused unless MERITFLOW_ALLOW_TEST_SOPS is on. */
export const MOVE_SOPS_V1_1_TEST_FAST = V1.map((v1) => v1_1(v1, '1.1.0-test.fast', true, { seconds: 3 }));
