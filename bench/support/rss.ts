import { readFileSync } from 'node:fs';
import { slope } from './stats';

/** Resident set size of a process in MB, from /proc (Linux); null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface RssSummary {
  samples: number;
  startMb: number;
  peakMb: number;
  endMb: number;
  /** RSS at the middle of the run, after the cache has warmed. */
  midMb: number;
  /** Least-squares slope over the second half, MB per minute. */
  slopeMbPerMinSecondHalf: number;
  slopeMbPerMin: number;
  durationS: number;
  series: { t: number; mb: number }[];
}

/** Samples the RSS of whatever pid `pidOf` names (it may change when a process is restarted). */
export class RssSampler {
  private readonly series: { t: number; mb: number }[] = [];
  private timer?: NodeJS.Timeout;
  private readonly t0 = Date.now();
  constructor(
    private readonly pidOf: () => number,
    private readonly everyMs = 1000,
  ) {}
  /** Seconds since the sampler was made: the clock of `series`. */
  now(): number {
    return (Date.now() - this.t0) / 1000;
  }
  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs).unref();
    return this;
  }
  private sample() {
    const mb = rssMb(this.pidOf());
    if (mb !== null) this.series.push({ t: (Date.now() - this.t0) / 1000, mb });
  }
  stop(): RssSummary {
    clearInterval(this.timer);
    this.sample();
    const s = this.series;
    const half = s.slice(Math.floor(s.length / 2));
    const pts = (xs: typeof s) => xs.map((p) => ({ x: p.t / 60, y: p.mb }));
    return {
      samples: s.length,
      startMb: s[0]?.mb ?? NaN,
      peakMb: Math.max(...s.map((p) => p.mb)),
      endMb: s[s.length - 1]?.mb ?? NaN,
      midMb: half[0]?.mb ?? NaN,
      slopeMbPerMinSecondHalf: slope(pts(half)),
      slopeMbPerMin: slope(pts(s)),
      durationS: s.length ? s[s.length - 1].t - s[0].t : 0,
      series: s.map((p) => ({ t: Math.round(p.t * 10) / 10, mb: Math.round(p.mb * 10) / 10 })),
    };
  }
}

/** The highest RSS sampled in [from, to) seconds of a sampler's series; NaN when none was. */
export function peakBetween(series: readonly { t: number; mb: number }[], from: number, to: number): number {
  const inside = series.filter((p) => p.t >= from && p.t < to).map((p) => p.mb);
  return inside.length ? Math.max(...inside) : NaN;
}
