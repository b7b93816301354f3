// When a weight may be taken. Motion flags flicker, and some formats have none: a weight is takeable
// only after identical, stable, in-range frames for a while (about a second), in a known unit, and on
// the weighbridge's division when one is set. Pure, shared by the server and the browser.
import { toKg, type Reading, type WeightUnit } from './reading';

export type LiveState = 'stable' | 'motion' | 'overload' | 'underload' | 'error' | 'no-unit' | 'off-division';

export interface LiveWeight {
  state: LiveState;
  /** Signed kilograms, when there is a number. */
  kg: number | null;
  /** Only set when state is 'stable': the weight may be taken. */
  takeable: boolean;
  raw: string;
  /** Milliseconds since the epoch of the frame. */
  at: number;
}

export interface StabilityOptions {
  /** How long the same weight must hold (ms). */
  holdMs?: number;
  /** Fewest identical frames, whatever the time. */
  minFrames?: number;
  /** Unit when the format does not carry one. */
  unit?: WeightUnit;
  /** The weighbridge's division in kg (often 20); a weight off it is refused. */
  divisionKg?: number;
}

export class StabilityJudge {
  private sameSince = 0;
  private sameCount = 0;
  private lastKg: number | null = null;
  constructor(private readonly opts: StabilityOptions = {}) {}

  judge(r: Reading, at: number): LiveWeight {
    const unit = r.unit ?? this.opts.unit ?? null;
    const kg = toKg(r.weight, unit);
    const base = { kg, raw: r.raw, at, takeable: false };
    if (kg !== this.lastKg || r.stable === false) {
      this.lastKg = kg;
      this.sameSince = at;
      this.sameCount = 0;
    }
    this.sameCount++;
    if (r.overload) return { ...base, state: 'overload' };
    if (r.underload) return { ...base, state: 'underload' };
    if (r.error) return { ...base, state: 'error' };
    if (r.weight === null) return { ...base, state: 'error' };
    if (unit === null) return { ...base, state: 'no-unit' };
    if (r.stable === false) return { ...base, state: 'motion' };
    const division = this.opts.divisionKg;
    if (division && kg !== null && Math.abs(Math.round(kg / division) * division - kg) > 1e-6) return { ...base, state: 'off-division' };
    const held = at - this.sameSince >= (this.opts.holdMs ?? 1000) && this.sameCount >= (this.opts.minFrames ?? 3);
    return held ? { ...base, state: 'stable', takeable: true } : { ...base, state: 'motion' };
  }
}
