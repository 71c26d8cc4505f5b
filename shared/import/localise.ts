/**
 * Which printed cells are wrong: the smallest set of cells whose correction makes every identity
 * hold (identities.ts), found exactly by a 0/1 integer program (HiGHS in WebAssembly) — not by the
 * order tables are read in. Each observation may move by at most its interval (万元 rounding) unless
 * it is declared wrong (z = 1); the program minimises the number of wrong cells. Every answer is
 * verified in integer 分 against the identities before it is believed; where another set of the same
 * size also works, the cells that can stand in for a suspect are its candidates (one finding).
 */
import { pushAll } from '../arrays';
import type { Fen } from '../money/money';
import { holds, refKey, type CellRef, type Identity } from './identities';

export interface Observation {
  ref: CellRef;
  fen: Fen;
  /** The printed value stands for any value within ± tol (万元 sheets). */
  tol: Fen;
}

export interface Suspect {
  ref: CellRef;
  printed: Fen;
  /** The value every other copy agrees on. */
  agreed: Fen;
  /** Identities the printed value breaks and the agreed value keeps. */
  broken: Identity[];
}

export interface Localised {
  /** One group per wrong cell of the smallest set: that cell first, then the cells that could stand in for it. */
  groups: Suspect[][];
}

type Highs = { solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> } };

let solver: Promise<Highs> | null = null;

/** HiGHS, loaded once (the WebAssembly sits next to its loader in node_modules). */
export function loadSolver(): Promise<Highs> {
  solver ??= import('highs').then((m) => (m.default as unknown as () => Promise<Highs>)());
  return solver;
}

/** Solves spent looking for other candidates, at most (each is a fraction of a second). */
const MAX_SOLVES = 12;

const OPTIONS = { output_flag: false, mip_feasibility_tolerance: 1e-9, primal_feasibility_tolerance: 1e-9, mip_rel_gap: 0, time_limit: 60 };

class Model {
  readonly index = new Map<string, number>();
  readonly used: Observation[] = [];
  readonly identities: Identity[];

  constructor(
    observations: readonly Observation[],
    identities: readonly Identity[],
  ) {
    const all = new Map(observations.map((o) => [refKey(o.ref), o]));
    this.identities = identities.filter((i) => [...i.a, ...i.b].every((c) => all.has(refKey(c))));
    for (const i of this.identities) {
      for (const c of [...i.a, ...i.b]) {
        const k = refKey(c);
        if (this.index.has(k)) continue;
        this.index.set(k, this.used.length);
        this.used.push(all.get(k)!);
      }
    }
  }

  /** Does some value of every cell within its interval (suspects: any value) satisfy this identity? */
  looselyHolds(i: Identity, free: ReadonlySet<number> = new Set()): boolean {
    let d = 0;
    let slack = i.tolerance;
    for (const [cells, sign] of [[i.a, 1], [i.b, -1]] as const) {
      for (const c of cells) {
        const n = this.index.get(refKey(c))!;
        if (free.has(n)) return true;
        d += sign * this.used[n].fen;
        slack += this.used[n].tol;
      }
    }
    return i.relation === '=' ? Math.abs(d) <= slack : d <= slack;
  }

  lp(extra: readonly string[], maxWrong: number | null): string {
    const big = 4 * Math.max(1e6, ...this.used.map((o) => Math.abs(o.fen))) + 1e6;
    const rows: string[] = [];
    this.identities.forEach((i, n) => {
      const terms: string[] = [];
      let rhs = 0;
      for (const [cells, sign] of [[i.a, 1], [i.b, -1]] as const) {
        for (const c of cells) {
          const k = this.index.get(refKey(c))!;
          terms.push(`${sign > 0 ? '+' : '-'} d${k}`);
          rhs -= sign * this.used[k].fen;
        }
      }
      const lhs = terms.join(' ');
      if (i.relation === '=' && i.tolerance === 0) rows.push(` i${n}: ${lhs} = ${rhs}`);
      else if (i.relation === '=') rows.push(` i${n}a: ${lhs} <= ${rhs + i.tolerance}`, ` i${n}b: ${lhs} >= ${rhs - i.tolerance}`);
      else rows.push(` i${n}: ${lhs} <= ${rhs + i.tolerance}`);
    });
    this.used.forEach((o, k) => {
      rows.push(` u${k}: d${k} - ${big} z${k} <= ${o.tol}`, ` l${k}: d${k} + ${big} z${k} >= ${-o.tol}`);
    });
    const zs = this.used.map((_, k) => `z${k}`);
    if (maxWrong !== null) rows.push(` cap: ${zs.join(' + ')} <= ${maxWrong}`);
    pushAll(rows, extra);
    return [
      'Minimize',
      ` obj: ${zs.join(' + ')}`,
      'Subject To',
      ...rows,
      'Bounds',
      ...this.used.map((_, k) => ` d${k} free`),
      'Binaries',
      ` ${zs.join(' ')}`,
      'End',
    ].join('\n');
  }

  /** Integer values for a set of wrong cells, checked exactly; null when the set does not work. */
  verify(wrong: ReadonlySet<number>, d: (k: number) => number): Map<number, Fen> | null {
    const values = new Map<number, Fen>();
    this.used.forEach((o, k) => {
      const step = Math.round(d(k));
      values.set(k, o.fen + (wrong.has(k) ? step : Math.max(-o.tol, Math.min(o.tol, step))));
    });
    const value = (c: CellRef) => values.get(this.index.get(refKey(c))!)!;
    return this.identities.every((i) => holds(i, value)) ? values : null;
  }
}

interface Solution {
  wrong: Set<number>;
  values: Map<number, Fen>;
}

function solve(highs: Highs, model: Model, extra: string[], maxWrong: number | null): Solution | null {
  for (let attempt = 0; attempt < 4; attempt++) {
    const result = highs.solve(model.lp(extra, maxWrong), OPTIONS);
    if (result.Status !== 'Optimal') return null;
    const col = (name: string) => result.Columns[name]?.Primal ?? 0;
    const wrong = new Set(model.used.map((_, k) => k).filter((k) => col(`z${k}`) > 0.5));
    const values = model.verify(wrong, (k) => col(`d${k}`));
    if (values) return { wrong, values };
    // Floating point let a cell move a little without being declared wrong: exclude this answer.
    extra = [...extra, ` cut${attempt}: ${[...wrong].map((k) => `z${k}`).join(' + ') || '0 z0'} <= ${Math.max(0, wrong.size - 1)}`];
  }
  return null;
}

export async function localise(observations: readonly Observation[], identities: readonly Identity[]): Promise<Localised> {
  const model = new Model(observations, identities);
  if (model.identities.every((i) => model.looselyHolds(i))) return { groups: [] };
  const highs = await loadSolver();
  const best = solve(highs, model, [], null);
  if (!best) throw new Error('没有一组单元格的改正能使各表一致');
  const k = best.wrong.size;
  const suspect = (n: number, values: Map<number, Fen>): Suspect => {
    const o = model.used[n];
    const agreed = values.get(n)!;
    const at = (printed: boolean) => (c: CellRef) => {
      const m = model.index.get(refKey(c))!;
      return m === n && printed ? o.fen : values.get(m)!;
    };
    const broken = model.identities.filter((i) => [...i.a, ...i.b].some((c) => refKey(c) === refKey(o.ref)) && holds(i, at(false)) && !holds(i, at(true)));
    return { ref: o.ref, printed: o.fen, agreed, broken };
  };
  const groups: Suspect[][] = [];
  const listed = new Set<number>();
  let budget = MAX_SOLVES;
  for (const n of [...best.wrong].sort((x, y) => x - y)) {
    const group = [suspect(n, best.values)];
    // Another set of the same size without this cell: its new cells are the other candidates
    // (a few at most; a cell already listed as another suspect's candidate is not searched again).
    const banned = [n];
    for (let tries = 0; tries < 4 && !listed.has(n) && budget-- > 0; tries++) {
      const alt = solve(highs, model, banned.map((b, i) => ` ban${i}: z${b} = 0`), k);
      if (!alt || alt.wrong.size > k) break;
      const fresh = [...alt.wrong].filter((m) => !best.wrong.has(m));
      if (fresh.length === 0) break;
      for (const m of fresh) {
        banned.push(m);
        // An amount printed as 0 or more is not believed to be negative: not a candidate.
        if (alt.values.get(m)! < 0 && model.used[m].fen >= 0) continue;
        group.push(suspect(m, alt.values));
        listed.add(m);
      }
    }
    groups.push(group);
  }
  return { groups };
}
