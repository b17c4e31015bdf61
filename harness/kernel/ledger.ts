/**
 * One ledger for every acquire and release the driver makes, with the C call site: mappings
 * (memremap, devm_memremap), allocations (kmalloc family, devm_kmalloc, dmam_alloc_coherent) and
 * devres actions. It is the evidence behind the leak/misuse properties, and it keeps the live
 * byte count at every step (the over-allocation property reads its peak).
 */
import type { LedgerEntry, Phase, ResourceKind, Violation, ViolationKind } from '../scenario/types';

/** Which release functions may release which kinds (anything else is a wrong-kind release). */
const RELEASERS: Record<string, ResourceKind[]> = {
  memunmap: ['memremap', 'memremap-ram'],
  devm_memunmap: ['devm_memremap'],
  kfree: ['kmalloc'],
  devm_kfree: ['devm_kmalloc'],
  devres: ['devm_memremap', 'devm_kmalloc', 'dmam_alloc_coherent', 'devres_action'],
};

/** Per-kind cap on recorded violations of one kind at one site (a loop would repeat them). */
const MAX_SAME_VIOLATION = 4;

export class Ledger {
  entries: LedgerEntry[] = [];
  violations: Violation[] = [];
  liveBytes = 0n;
  peakBytes = 0n;
  peakStep = 0;
  peakEntries: number[] = [];
  private live = new Map<number, LedgerEntry>();
  private violationCount = new Map<string, number>();
  /** Called on every acquire and release (the address space drops its fast ranges). */
  onChange: () => void = () => undefined;

  reset(): void {
    this.entries = [];
    this.violations = [];
    this.liveBytes = 0n;
    this.peakBytes = 0n;
    this.peakStep = 0;
    this.peakEntries = [];
    this.live.clear();
    this.violationCount.clear();
  }

  acquire(e: Omit<LedgerEntry, 'id'>): LedgerEntry {
    this.onChange();
    const entry: LedgerEntry = { id: this.entries.length, ...e };
    this.entries.push(entry);
    this.live.set(entry.id, entry);
    if (entry.kind !== 'devres_action') {
      this.liveBytes += entry.size;
      if (this.liveBytes > this.peakBytes) {
        this.peakBytes = this.liveBytes;
        this.peakStep = entry.acquired_at;
        this.peakEntries = [...this.live.values()].filter((x) => x.kind !== 'devres_action').map((x) => x.id);
      }
    }
    return entry;
  }

  /** The live entry whose start is exactly `addr` (mappings and allocations only). */
  liveAt(addr: bigint): LedgerEntry | undefined {
    for (const e of this.live.values()) if (e.addr === addr && e.kind !== 'devres_action') return e;
    return undefined;
  }

  /** The live entry containing [addr, addr + size). */
  liveContaining(addr: bigint, size: bigint): LedgerEntry | undefined {
    for (const e of this.live.values()) {
      if (e.kind === 'devres_action') continue;
      if (addr >= e.addr && addr + size <= e.addr + e.size) return e;
    }
    return undefined;
  }

  /** A released entry containing addr (for use-after-release reports). */
  releasedContaining(addr: bigint): LedgerEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.released_at !== undefined && e.kind !== 'devres_action' && addr >= e.addr && addr < e.addr + e.size) return e;
    }
    return undefined;
  }

  liveEntries(): LedgerEntry[] {
    return [...this.live.values()];
  }

  /**
   * Release by the C address `addr` through `releaser` (memunmap, kfree, devres ...). Returns
   * the released entry, or undefined after recording why the release was wrong.
   */
  release(addr: bigint, releaser: string, site: string, step: number, phase: Phase): LedgerEntry | undefined {
    const entry = this.liveAt(addr);
    if (!entry) {
      const dead = this.entries.find((e) => e.addr === addr && e.released_at !== undefined && e.kind !== 'devres_action');
      if (dead) {
        this.violate('double-release', `${releaser}(0x${addr.toString(16)}) at ${site}: already released by ${dead.released_by} (acquired by ${dead.kind} at ${dead.site})`, phase, step, { addr, site, entry: dead.id });
      } else {
        const inside = this.liveContaining(addr, 1n);
        const why = inside
          ? `not the start of a live ${inside.kind} (0x${inside.addr.toString(16)}+0x${(addr - inside.addr).toString(16)}, from ${inside.site})`
          : 'not a live allocation or mapping';
        this.violate('bad-release', `${releaser}(0x${addr.toString(16)}) at ${site}: ${why}`, phase, step, { addr, site, entry: inside?.id });
      }
      return undefined;
    }
    if (!(RELEASERS[releaser] ?? []).includes(entry.kind)) {
      this.violate('wrong-release-kind', `${releaser}(0x${addr.toString(16)}) at ${site} releases a ${entry.kind} from ${entry.site}`, phase, step, { addr, site, entry: entry.id });
    }
    this.close(entry, releaser, step);
    return entry;
  }

  /** Close a devres action record (it has no address). */
  close(entry: LedgerEntry, by: string, step: number): void {
    this.onChange();
    entry.released_at = step;
    entry.released_by = by;
    this.live.delete(entry.id);
    if (entry.kind !== 'devres_action') this.liveBytes -= entry.size;
  }

  /** At the end of a run: everything still live leaked. */
  reportLeaks(step: number): void {
    for (const e of this.live.values()) {
      const what = e.kind === 'devres_action' ? `devres action ${e.action}` : `${e.kind} of ${e.size} bytes at 0x${e.addr.toString(16)}`;
      this.violate('leak', `${what} from ${e.site}:${e.line} (${e.phase}) never released`, 'teardown', step, { addr: e.addr, size: e.size, site: e.site, entry: e.id });
    }
  }

  violate(kind: ViolationKind, message: string, phase: Phase, step: number, extra: Partial<Violation> = {}): void {
    const key = `${kind}@${extra.site ?? ''}`;
    const n = this.violationCount.get(key) ?? 0;
    this.violationCount.set(key, n + 1);
    if (kind !== 'leak' && n >= MAX_SAME_VIOLATION) return;
    this.violations.push({ kind, message, phase, step, ...extra });
  }
}
