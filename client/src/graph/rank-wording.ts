/**
 * How a rank reads: "3rd of 128 by PageRank". English ordinals follow the last two digits
 * (11th, 12th, 13th, but 21st, 22nd, 23rd, 111th).
 */

/** `n` with its English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 21st, 112th. */
export function ordinal(n: number): string {
  const lastTwo = Math.abs(n) % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (Math.abs(n) % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** "3rd of 128 by PageRank". */
export function rankWording(position: number, of: number, metricLabel: string): string {
  return `${ordinal(position)} of ${of} by ${metricLabel}`;
}
