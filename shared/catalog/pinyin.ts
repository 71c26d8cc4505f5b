/**
 * Finding a 科目 by the pinyin of its name, as officers type on a Chinese keyboard without
 * switching input method: initials ('xzyx' → 行政运行) or whole syllables ('xingzheng'). Polyphonic
 * characters (行 xíng/háng) match either reading. Uses pinyin-pro's matcher, no table of our own.
 */
import { match } from 'pinyin-pro';

/** A query that can only be pinyin: two or more Latin letters, no digits or Chinese. */
export function isPinyinQuery(query: string): boolean {
  return /^[a-z]{2,}$/i.test(query.trim());
}

/** Whether the name's pinyin contains the query as consecutive characters. */
export function pinyinMatches(name: string, query: string): boolean {
  return match(name, query.trim().toLowerCase(), { continuous: true }) !== null;
}
