/**
 * The xarray and IDA services the later adoption code uses (ASID/VMID reservation), keyed by
 * the C address of the `struct xarray` / `struct ida`. Value entries (xa_mk_value) are odd
 * pointers, as in the kernel, so the C's xa_is_value() works unchanged.
 */
import { ERRNO } from './errno';

/** When and where an index was inserted / an ID allocated (for the Outcome's reservations). */
export interface Origin {
  step: number;
  site: string;
}

export class XArrays {
  private arrays = new Map<bigint, Map<bigint, bigint>>();
  private origins = new Map<bigint, Map<bigint, Origin>>();

  reset(): void {
    this.arrays.clear();
    this.origins.clear();
  }

  private of(xa: bigint): Map<bigint, bigint> {
    let m = this.arrays.get(xa);
    if (!m) this.arrays.set(xa, (m = new Map()));
    return m;
  }

  insert(xa: bigint, index: bigint, entry: bigint, origin: Origin = { step: 0, site: '' }): number {
    const m = this.of(xa);
    if (m.has(index)) return -ERRNO.EBUSY;
    if (entry !== 0n) {
      m.set(index, entry);
      let o = this.origins.get(xa);
      if (!o) this.origins.set(xa, (o = new Map()));
      o.set(index, origin);
    }
    return 0;
  }

  origin(xa: bigint, index: bigint): Origin | undefined {
    return this.origins.get(xa)?.get(index);
  }

  load(xa: bigint, index: bigint): bigint {
    return this.of(xa).get(index) ?? 0n;
  }

  erase(xa: bigint, index: bigint): bigint {
    const m = this.of(xa);
    const old = m.get(index) ?? 0n;
    m.delete(index);
    return old;
  }

  /** First present index >= start (or > start when `after`) and <= max. */
  find(xa: bigint, start: bigint, max: bigint, after: boolean): { index: bigint; entry: bigint } | undefined {
    let best: bigint | undefined;
    for (const k of this.of(xa).keys()) {
      if ((after ? k > start : k >= start) && k <= max && (best === undefined || k < best)) best = k;
    }
    return best === undefined ? undefined : { index: best, entry: this.of(xa).get(best)! };
  }

  entries(xa: bigint): [bigint, bigint][] {
    return [...this.of(xa).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}

export class Idas {
  private idas = new Map<bigint, Set<number>>();
  private origins = new Map<bigint, Map<number, Origin>>();

  reset(): void {
    this.idas.clear();
    this.origins.clear();
  }

  private of(ida: bigint): Set<number> {
    let s = this.idas.get(ida);
    if (!s) this.idas.set(ida, (s = new Set()));
    return s;
  }

  allocRange(ida: bigint, min: number, max: number, origin: Origin = { step: 0, site: '' }): number {
    const s = this.of(ida);
    for (let id = min; id <= max; id++) {
      if (!s.has(id)) {
        s.add(id);
        let o = this.origins.get(ida);
        if (!o) this.origins.set(ida, (o = new Map()));
        o.set(id, origin);
        return id;
      }
    }
    return -ERRNO.ENOSPC;
  }

  origin(ida: bigint, id: number): Origin | undefined {
    return this.origins.get(ida)?.get(id);
  }

  free(ida: bigint, id: number): void {
    this.of(ida).delete(id);
  }

  destroy(ida: bigint): void {
    this.idas.delete(ida);
  }

  ids(ida: bigint): number[] {
    return [...this.of(ida)].sort((a, b) => a - b);
  }
}
