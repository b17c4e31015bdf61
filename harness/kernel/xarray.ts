/**
 * The xarray and IDA services the later adoption code uses (ASID/VMID reservation), keyed by
 * the C address of the `struct xarray` / `struct ida`. Value entries (xa_mk_value) are odd
 * pointers, as in the kernel, so the C's xa_is_value() works unchanged.
 */
import { ERRNO } from './errno';

export class XArrays {
  private arrays = new Map<bigint, Map<bigint, bigint>>();

  reset(): void {
    this.arrays.clear();
  }

  private of(xa: bigint): Map<bigint, bigint> {
    let m = this.arrays.get(xa);
    if (!m) this.arrays.set(xa, (m = new Map()));
    return m;
  }

  insert(xa: bigint, index: bigint, entry: bigint): number {
    const m = this.of(xa);
    if (m.has(index)) return -ERRNO.EBUSY;
    if (entry !== 0n) m.set(index, entry);
    return 0;
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

  reset(): void {
    this.idas.clear();
  }

  private of(ida: bigint): Set<number> {
    let s = this.idas.get(ida);
    if (!s) this.idas.set(ida, (s = new Set()));
    return s;
  }

  allocRange(ida: bigint, min: number, max: number): number {
    const s = this.of(ida);
    for (let id = min; id <= max; id++) {
      if (!s.has(id)) {
        s.add(id);
        return id;
      }
    }
    return -ERRNO.ENOSPC;
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
