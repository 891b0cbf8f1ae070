import type { Row } from './row';
import { median } from './stats';

type Pct = Record<'p50' | 'p95' | 'p99', number>;

/** (b)'s sides: the API decision, the twin's update with its activity, the floor, and the two probes. */
export const LATENCY_SIDES = ['merit', 'bare', 'floor', 'local', 'async'] as const;
export type LatencySide = (typeof LATENCY_SIDES)[number];

/**
 * The table rows of (b), decision latency (issue 19). The target is against the floor, a bare update
 * with no activity on the same server: an API decision's p50 within 1.5× of it, and its p99 within 2×
 * its own p50. The bare update with its activity and the two probes (a local activity; an answer
 * before the activity runs) are shown beside it.
 */
export function latencyRows(b: Record<LatencySide, Pct[]>): { rows: Row[]; result: unknown } {
  const med = (side: keyof typeof b, k: keyof Pct) => median(b[side].map((x) => x[k]));
  const floor = med('floor', 'p50');
  const api = { p50: med('merit', 'p50'), p95: med('merit', 'p95'), p99: med('merit', 'p99') };
  const rows: Row[] = [
    {
      id: '(b)',
      measure: 'decision latency p50 (API vs the floor: bare update, no activity)',
      unit: 'ms',
      meritflow: api.p50,
      baseline: floor,
      baselineName: 'floor',
      ratio: api.p50 / floor,
      target: '≤ 1.5×',
      pass: api.p50 <= 1.5 * floor,
    },
    {
      id: '',
      measure: 'decision latency p99 (API vs its own p50)',
      unit: 'ms',
      meritflow: api.p99,
      baseline: api.p50,
      baselineName: 'API p50',
      ratio: api.p99 / api.p50,
      target: '≤ 2×',
      pass: api.p99 <= 2 * api.p50,
    },
    {
      id: '',
      measure: '  bare executeUpdate with its activity p50 (vs the floor)',
      unit: 'ms',
      meritflow: med('bare', 'p50'),
      baseline: floor,
      baselineName: 'floor',
      ratio: med('bare', 'p50') / floor,
      target: '-',
      pass: null,
      note: `API over bare executeUpdate: +${(api.p50 - med('bare', 'p50')).toFixed(1)} ms at p50`,
    },
    {
      id: '',
      measure: '  probe: bare update with a local activity p50 (vs the floor)',
      unit: 'ms',
      meritflow: med('local', 'p50'),
      baseline: floor,
      baselineName: 'floor',
      ratio: med('local', 'p50') / floor,
      target: '-',
      pass: null,
    },
    {
      id: '',
      measure: '  probe: bare update answered before its activity runs p50 (vs the floor)',
      unit: 'ms',
      meritflow: med('async', 'p50'),
      baseline: floor,
      baselineName: 'floor',
      ratio: med('async', 'p50') / floor,
      target: '-',
      pass: null,
    },
  ];
  const result = {
    unit: 'ms',
    perRound: b,
    median: Object.fromEntries(
      LATENCY_SIDES.map((side) => [side, { p50: med(side, 'p50'), p95: med(side, 'p95'), p99: med(side, 'p99') }]),
    ),
  };
  return { rows, result };
}
