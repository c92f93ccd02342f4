/**
 * The one number formatter of every surface (tree, lenses, hover, board,
 * report), so the same value reads the same everywhere: thousands separators
 * (11,200), rounding to the nearest (4/6 → 67), no trailing `.0` (12.5, 12).
 */

/**
 * `n` with thousands separators and no trailing zeros: from 100 on a whole
 * number (11,200), below it at most two decimals (12.5, 0.25).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Whole numbers without Intl: its first use loads ICU's data (~10 ms), which a start-up need not pay.
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return withThousands(n);
  return n.toLocaleString('en-US', {
    maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2,
    minimumFractionDigits: 0,
  });
}

/** A safe integer with thousands separators (1,234,567), as `toLocaleString('en-US')` writes it. */
export function withThousands(n: number): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/**
 * `part / whole` as a whole percentage, rounded to the nearest; 100 only when
 * complete and 0 only when nothing is (199/200 is 99, 1/200 is 1); 0 when
 * `whole` is 0.
 */
export function percentOf(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0;
  if (part >= whole) return 100;
  return Math.min(99, Math.max(1, Math.round((part / whole) * 100)));
}
