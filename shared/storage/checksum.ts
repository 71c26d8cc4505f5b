/**
 * A checksum of a department-year's inputs, stored in `meta` on every save and compared on open:
 * a file changed outside the workbench (a hand edit, a flipped bit on a disk or a USB stick) is
 * then a clear warning instead of silently different numbers. It guards against accidents, not
 * against someone who means to forge a file and recompute it.
 *
 * Computed over the Budget as the file's rows read back (so a save and the next open hash the very
 * same thing), serialised canonically: object keys sorted, absent values left out, lists in order.
 */
import type { Budget } from '../model/types';

/** meta.key of the checksum row. */
export const CHECKSUM_KEY = 'inputs_checksum';

/** Canonical JSON: sorted keys at every level (the Budget is a few levels deep, never user-nested). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** 64 bits from two 32-bit multiply-xorshift lanes over the UTF-16 code units (cyrb53's mixing). */
function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h2) + hex(h1);
}

/** The stored form: the algorithm named, for IT staff reading the file with a SQLite tool. */
export function inputsChecksum(budget: Budget): string {
  return `cyrb64:${hash64(canonical(budget))}`;
}
