// A load DWT accepted without a disposal or recovery code on some waste item: the codes must follow
// by the same two-working-day deadline (DWT's warning), so it is chased like an unsent load. In words,
// never colour alone.
export const CODES_TO_FOLLOW = 'Codes to follow';

export function CodesToFollowBadge() {
  return <span className="inline-block border-2 border-amber-700 bg-white px-2 py-0.5 text-sm font-semibold text-amber-900">{CODES_TO_FOLLOW}</span>;
}
