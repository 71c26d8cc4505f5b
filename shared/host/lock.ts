/** Words for a .budget that another window of the app has open for writing (desktop lock files). */
import type { LockHolder } from './api';

export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** '“x.budget”正由张三（PC-01）打开编辑，自 2026-12-03 09:12 起。' */
export function lockedText(name: string, h: LockHolder): string {
  const who = `${h.user}${h.host ? `（${h.host}）` : ''}` || '另一个窗口';
  return `“${name}”正由${who}打开编辑${h.since ? `，自 ${localTime(h.since).slice(0, 16)} 起` : ''}。`;
}
