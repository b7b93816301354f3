// Is a weight believable for this site? A unit slip (an indicator's 14320 kg typed with the unit on
// Tonnes) must not reach DWT as a green success. Limits are learnt from the site's own loads (by type
// of container and by vehicle) where there are enough of them, with sensible defaults otherwise. A
// weight outside them is asked about, never refused: the clerk confirms it and the confirmation is
// kept on the load. Pure: no server imports (the same check runs in the form and on the server).
import type { WeightMetric } from '@/lib/dwt/schema';
import { formatWeightWords, parseWeight, toKilograms } from './weights';

/** What the site's history says: the lightest and heaviest net weights seen, in kilograms. */
export interface WeightStats {
  count: number;
  minKg: number;
  maxKg: number;
}

export interface SiteWeightHistory {
  all?: WeightStats;
  byContainer: Record<string, WeightStats>;
  byVehicle: Record<string, WeightStats>;
}

export const EMPTY_HISTORY: SiteWeightHistory = { byContainer: {}, byVehicle: {} };

/** Fewer loads than this and the history is not trusted over the defaults. */
export const MIN_HISTORY = 5;

/** The most a UK road vehicle may weigh (44 t gross), so also the most it can carry. */
const ROAD_MAX_KG = 44_000;
/** Lighter than any road vehicle, even an empty car: a gross below this is a unit slip. */
const ROAD_MIN_GROSS_KG = 400;
/** Below a weighbridge's usual division: a net below this is a unit slip or a mistake. */
const MIN_NET_KG = 20;
/** Default upper bounds by container: a skip or a bale holds far less than a lorry. */
const CONTAINER_MAX_KG: Record<string, number> = {
  BAG: 2_000,
  BOX: 5_000,
  CAN: 1_000,
  CAS: 2_000,
  DRU: 5_000,
  FIB: 5_000,
  IBC: 10_000,
  WBI: 2_000,
  SKI: 20_000,
  BAL: 30_000,
};
/** How far beyond the site's heaviest (or below its lightest) a load may be before it is asked about. */
const HISTORY_MARGIN = 1.5;

export interface PlausibilityItem {
  weightMode: 'single' | 'weighbridge';
  metric: WeightMetric;
  amount: string;
  gross: string;
  tare: string;
  typeOfContainers: string;
}

export interface PlausibilityContext {
  history: SiteWeightHistory;
  meansOfTransport: string;
  vehicleRegistration: string;
}

/** The question to ask about one item's weight, or undefined when it looks right (or cannot be read yet). */
export function weightQuestion(item: PlausibilityItem, ctx: PlausibilityContext): string | undefined {
  const unit = item.metric;
  const road = ctx.meansOfTransport === 'Road';
  let net: number | undefined;
  if (item.weightMode === 'weighbridge') {
    const gross = parseWeight(item.gross, unit);
    const tare = parseWeight(item.tare, unit);
    if (gross === undefined || tare === undefined || Number.isNaN(gross) || Number.isNaN(tare) || gross <= tare) return undefined;
    if (road && toKilograms(gross, unit) < ROAD_MIN_GROSS_KG) {
      return `A gross weight of ${formatWeightWords(gross, unit)} is less than an empty vehicle weighs — is the unit right?`;
    }
    net = gross - tare;
  } else {
    net = parseWeight(item.amount, unit);
    if (net === undefined || Number.isNaN(net) || net <= 0) return undefined;
  }
  const netKg = toKilograms(net, unit);
  const said = formatWeightWords(Math.round(net * 1e6) / 1e6, unit);

  const learnt = [
    ctx.history.byVehicle[ctx.vehicleRegistration.trim().toUpperCase().replace(/\s+/g, ' ')],
    ctx.history.byContainer[item.typeOfContainers],
    ctx.history.all,
  ].find((s): s is WeightStats => Boolean(s && s.count >= MIN_HISTORY));
  const ceiling = road ? ROAD_MAX_KG : Number.POSITIVE_INFINITY;
  if (learnt) {
    if (netKg > learnt.maxKg * HISTORY_MARGIN) {
      return `${capitalise(said)} is more than any load this site has taken — is the unit right?`;
    }
    if (netKg < learnt.minKg / (HISTORY_MARGIN * 10)) {
      return `${capitalise(said)} is less than any load this site has taken — is the unit right?`;
    }
    return undefined;
  }
  if (netKg > ceiling) return `${capitalise(said)} is more than a road vehicle can carry — is the unit right?`;
  const containerMax = CONTAINER_MAX_KG[item.typeOfContainers];
  if (containerMax !== undefined && netKg > containerMax) {
    return `${capitalise(said)} is more than a load in this type of container usually weighs — is the unit right?`;
  }
  if (item.weightMode === 'weighbridge' && netKg < MIN_NET_KG) {
    return `${capitalise(said)} is less than a weighbridge can weigh — is the unit right?`;
  }
  return undefined;
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
