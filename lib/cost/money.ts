/**
 * Money as integer minor units (won for KRW, cents for USD): prices are whole minor units (the
 * price checks see to it), quantities are whole GiB and counts, so every product and sum is an
 * exact integer. A sum past Number.MAX_SAFE_INTEGER would lose exactness, so it is refused.
 */

export type Minor = number;

export function toMinor(amount: number, digits: number): Minor {
  return Math.round(amount * 10 ** digits);
}

export function times(price: Minor, quantity: number): Minor {
  return checked(price * quantity);
}

export function sum(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const amount of amounts) total = checked(total + amount);
  return total;
}

/** `amount` less `percent` percent, rounded half up to a whole minor unit. */
export function discounted(amount: Minor, percent: number): Minor {
  return checked(Math.floor((amount * (100 - percent) + 50) / 100));
}

function checked(value: number): Minor {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`amount ${value} is outside the exact integer range`);
  }
  return value;
}

/** Minor units as a number in the major unit, for JSON: 1234 with 2 digits is 12.34. */
export function toMajor(amount: Minor, digits: number): number {
  return digits === 0 ? amount : Number(formatPlain(amount, digits));
}

/** `1234567` with 0 digits as `1234567`, with 2 digits as `12345.67`: exact, no float. */
export function formatPlain(amount: Minor, digits: number): string {
  const sign = amount < 0 ? "-" : "";
  const text = String(Math.abs(amount)).padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** With thousands separators, the same on every machine: `1,234,567` or `12,345.67`. */
export function formatGrouped(amount: Minor, digits: number): string {
  const plain = formatPlain(amount, digits);
  const [whole, fraction] = plain.split(".");
  const sign = whole!.startsWith("-") ? "-" : "";
  const grouped = whole!.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ""}`;
}

/** A signed delta: `+12,000`, `-3,000`, `0`. */
export function formatSigned(amount: Minor, digits: number): string {
  return amount > 0 ? `+${formatGrouped(amount, digits)}` : formatGrouped(amount, digits);
}
