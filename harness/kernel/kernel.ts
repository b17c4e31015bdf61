/**
 * The simulated kernel: every kernel service the driver C calls, as WebAssembly imports
 * (harness/shim/ABI.md), over the simulated SMMU (mmio.ts), physical memory and address space
 * (physmem.ts, addressSpace.ts), the ledger (ledger.ts), fault injection (faults.ts), devres,
 * xarray/IDA, printk and WARN. This is the only place that knows how the machine behaves;
 * harness/scenario drives the C through it and reads its records.
 *
 * One instance of the driver module is reused across runs: reset() restores the C's data, the
 * stack pointer, the address space and every record, so a run never sees the one before it.
 */
import type { LogLine, MmioWrite, ModelNote, Phase, PhysSnapshot, Reservations, TraceEntry } from '../scenario/types';
import { AddressSpace, MachineFault } from './addressSpace';
import { ERR_PTR, ERRNO, errname } from './errno';
import { FaultInjector } from './faults';
import { Ledger } from './ledger';
import { SmmuMmio } from './mmio';
import { formatPrintk, type CMemory } from './printk';
import { REGION_CODE, regionIntersects } from './iomem';
import { regionIntersectsOwnRam } from './ramMap';
import { REG_NAMES } from './smmuRegs';
import { readWasmNames, type WasmNames } from './wasmNames';
import { Idas, XArrays } from './xarray';
import { coverageImports, edgeMapOf, flagsSet, type EdgeMap } from './coverage';

/** Lines of the WARNs in kernel/iomem.c @016fec91 (../shared/revisions/mainline/iomem.c.txt). */
const IOMEM_C_MIXED_RANGE_WARN = 82;
const IOMEM_C_DEVM_MEMUNMAP_WARN = 165;

/** include/linux/slab.h: what kmalloc(0) returns; dereferencing it faults like NULL. */
const ZERO_SIZE_PTR = 16n;

/** The C sees the SMMU's registers at this (never dereferenced) virtual address. */
export const MMIO_VA = 0x7f00_0000_0000n;
const MMIO_SIZE = 0x20000n;

/** Exports of a driver module (ABI.md). */
export interface DriverExports {
  kshim_setup(mmio_base: bigint, coherent: number): void;
  kshim_hw_probe(): number;
  kshim_init_structures(): number;
  kshim_rmr_install_bypass_ste(): void;
  kshim_device_reset(): number;
  kshim_device_disable(): number;
  kshim_add_disable_action(): number;
  kshim_insert_sid(sid: number): number;
  kshim_get_step(sid: number): bigint;
  kshim_device_remove(): void;
  kshim_smmu(): bigint;
  kshim_features(): number;
  kshim_options(): number;
  kshim_sid_bits(): number;
  kshim_strtab_cfg(): bigint;
  kshim_sizeof_strtab_cfg(): bigint;
  kshim_offsetof(field: number): bigint;
  kshim_asid_xa(): bigint;
  kshim_vmid_map(): bigint;
  __indirect_function_table: WebAssembly.Table;
  __heap_base: WebAssembly.Global;
  __stack_pointer?: WebAssembly.Global;
}

interface DevresEntry {
  ledgerId: number;
  release: () => void;
}

/** Options a run sets before it starts. */
export interface RunConfig {
  kdump: boolean;
}

export class SimKernel implements CMemory {
  readonly memory: WebAssembly.Memory;
  readonly mmio = new SmmuMmio();
  readonly ledger = new Ledger();
  readonly faults = new FaultInjector();
  readonly xa = new XArrays();
  readonly ida = new Idas();
  readonly aspace: AddressSpace;
  readonly names: WasmNames;
  log: LogLine[] = [];
  warnings: { file: string; line: number; cond: string; phase: Phase; step: number }[] = [];
  trace: TraceEntry[] = [];
  mmioWrites: MmioWrite[] = [];
  modelNotes: ModelNote[] = [];
  coverage = new Set<string>();
  phase: Phase = 'setup';
  step = 0;
  config: RunConfig = { kdump: true };
  private devres: DevresEntry[] = [];
  private instance!: WebAssembly.Instance;
  private dataSnapshot: Uint8Array | undefined;
  private stackPointer0 = 0n;
  private strings = new Map<bigint, string>();
  private currentSite = '';
  private readonly edgeMap: EdgeMap | undefined;

  constructor(private module: WebAssembly.Module, wasmBytes: Uint8Array) {
    this.memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, index: 'i64' } as unknown as WebAssembly.MemoryDescriptor);
    this.aspace = new AddressSpace(this.memory, this.ledger, {
      phase: () => this.phase,
      step: () => this.step,
      site: () => this.currentSite,
    });
    this.names = readWasmNames(wasmBytes);
    this.edgeMap = edgeMapOf(module);
    this.ledger.onChange = () => this.aspace.invalidateFast();
    this.instantiate();
  }

  get exports(): DriverExports {
    return this.instance.exports as unknown as DriverExports;
  }

  /**
   * A fresh instance (after a trap the C stack pointer cannot be trusted). The C's data and bss
   * come back from the snapshot of the first instance: with an imported memory, wasm-ld
   * assumes bss is already zero and does not clear it again.
   */
  instantiate(): void {
    if (this.dataSnapshot) new Uint8Array(this.memory.buffer).set(this.dataSnapshot, 0);
    this.instance = new WebAssembly.Instance(this.module, { env: { memory: this.memory, ...coverageImports }, kernel: this.imports() });
    const heapBase = Number(this.exports.__heap_base.value);
    this.aspace.heapBase = heapBase;
    const fast = (this.instance.exports as { kshim_fast_ranges?: () => bigint }).kshim_fast_ranges;
    this.aspace.fastRanges = fast ? Number(fast()) : 0;
    if (!this.dataSnapshot) this.dataSnapshot = new Uint8Array(this.memory.buffer).slice(0, heapBase);
    this.stackPointer0 = this.exports.__stack_pointer ? BigInt(this.exports.__stack_pointer.value as bigint) : 0n;
    this.strings.clear();
  }

  /** Everything back to how a fresh instance starts. */
  reset(config: RunConfig): void {
    this.aspace.reset();
    new Uint8Array(this.memory.buffer).set(this.dataSnapshot!, 0);
    if (this.exports.__stack_pointer) this.exports.__stack_pointer.value = this.stackPointer0;
    this.ledger.reset();
    this.xa.reset();
    this.ida.reset();
    this.devres = [];
    this.log = [];
    this.warnings = [];
    this.trace = [];
    this.mmioWrites = [];
    this.modelNotes = [];
    this.coverage = new Set();
    this.phase = 'setup';
    this.step = 0;
    this.config = config;
    this.currentSite = '';
  }

  /** The edges of the C reached since reset() (read before a fresh instance clears them). */
  edgesHit(): number[] {
    return this.edgeMap ? flagsSet(this.memory, this.edgeMap) : [];
  }

  // ---- CMemory: reading the C's memory ---------------------------------------------------

  u32(addr: bigint): number {
    return new DataView(this.memory.buffer).getUint32(Number(addr), true);
  }

  u64(addr: bigint): bigint {
    return new DataView(this.memory.buffer).getBigUint64(Number(addr), true);
  }

  cstring(addr: bigint): string {
    if (addr === 0n) return '(null)';
    const cached = this.strings.get(addr);
    if (cached !== undefined) return cached;
    const mem = new Uint8Array(this.memory.buffer);
    let end = Number(addr);
    while (end < mem.length && mem[end] !== 0) end++;
    const s = Buffer.from(mem.subarray(Number(addr), end)).toString('utf8');
    // Only strings in the module's data are constant across runs.
    if (addr < BigInt(this.aspace.heapBase)) this.strings.set(addr, s);
    return s;
  }

  functionName(tableIndex: bigint): string {
    const f = this.names.table.get(Number(tableIndex));
    return f === undefined ? `table[${tableIndex}]` : this.names.functions.get(f) ?? `function[${f}]`;
  }

  // ---- records -------------------------------------------------------------------------

  /** The ASID xarray and the VMID IDA of the C, as the xarray/IDA models hold them now. */
  reservations(): Reservations {
    const xa = this.exports.kshim_asid_xa();
    const ida = this.exports.kshim_vmid_map();
    return {
      asids: this.xa.entries(xa).map(([index, entry]) => {
        const o = this.xa.origin(xa, index);
        return { asid: Number(index), entry, value: (entry & 1n) === 1n, step: o?.step ?? 0, site: o?.site ?? '' };
      }),
      vmids: this.ida.ids(ida).map((id) => {
        const o = this.ida.origin(ida, id);
        return { vmid: id, step: o?.step ?? 0, site: o?.site ?? '' };
      }),
    };
  }

  /** The crashed kernel's physical memory as plain data, copied (later writes do not show). */
  physSnapshot(): PhysSnapshot {
    return this.aspace.phys.snapshot();
  }

  private record(call: string, args: string, ret?: string): void {
    this.trace.push({ step: this.step, phase: this.phase, call, args, ret });
  }

  /** A crossing from the C into a kernel service at `site` (the caller's __func__). */
  private enter(site: bigint): string {
    this.aspace.flush();
    this.step++;
    const s = this.cstring(site);
    this.currentSite = s;
    return s;
  }

  private hex(v: bigint): string {
    return '0x' + v.toString(16);
  }

  // ---- devres ---------------------------------------------------------------------------

  /** devres_release_all(): release in reverse order of registration. */
  releaseDevres(): void {
    while (this.devres.length > 0) {
      const d = this.devres.pop()!;
      d.release();
    }
  }

  private addDevres(ledgerId: number, release: () => void): void {
    this.devres.push({ ledgerId, release });
  }

  /** A devm_* resource at `va`: devres_release_all() releases it through the ledger. */
  private addDevresRelease(what: string, va: bigint): void {
    const entry = this.ledger.liveAt(va);
    if (!entry) return; // ZERO_SIZE_PTR: nothing was allocated
    this.addDevres(entry.id, () => {
      this.step++;
      this.record('devres_release', `${what} ${this.hex(va)}`);
      this.doUnmap(va, 'devres', 'devres_release_all');
    });
  }

  private removeDevres(ledgerId: number): boolean {
    const i = this.devres.findIndex((d) => d.ledgerId === ledgerId);
    if (i < 0) return false;
    this.devres.splice(i, 1);
    return true;
  }

  /**
   * Fault injection (fail-nth): whether the scenario's fault at `site:service` fires on this
   * call. A fired fault is a coverage point.
   */
  private injected(site: string, service: string): boolean {
    if (!this.faults.shouldFail(`${site}:${service}`, this.step, this.phase)) return false;
    this.coverage.add(`fault:${site}:${service}`);
    return true;
  }

  // ---- mapping and allocation services -------------------------------------------------

  /** memremap() (kernel/iomem.c); `faulted` when the fault schedule made it fail. */
  private doMemremap(pa: bigint, size: bigint, site: string, line: number, kind: 'memremap' | 'devm_memremap'): { ptr: bigint; faulted?: boolean } {
    if (this.injected(site, kind)) return { ptr: 0n, faulted: true };
    switch (regionIntersectsOwnRam(pa, size)) {
      case 'REGION_MIXED':
        // kernel/iomem.c: WARN_ONCE(1, "memremap attempted on mixed range %pa size: %#lx\n", ...)
        this.warnings.push({ file: 'kernel/iomem.c', line: IOMEM_C_MIXED_RANGE_WARN, cond: 'memremap attempted on mixed range', phase: this.phase, step: this.step });
        this.pushLog(4, 'memremap', 'memremap attempted on mixed range %pa size: %#lx', `memremap attempted on mixed range 0x${pa.toString(16).padStart(16, '0')} size: 0x${size.toString(16)}`);
        return { ptr: 0n };
      case 'REGION_INTERSECTS': {
        // try_ram_remap(): the kdump kernel's own direct map, no new mapping.
        const va = this.aspace.dmVa(pa);
        this.aspace.ensure(va + Number(size));
        this.ledger.acquire({ kind: kind === 'memremap' ? 'memremap-ram' : 'devm_memremap', addr: BigInt(va), size, pa, site, line, acquired_at: this.step, phase: this.phase });
        return { ptr: BigInt(va) };
      }
      case 'REGION_DISJOINT': {
        // arch_memremap_wb() → ioremap_cache(): a new mapping, whatever is there.
        const entry = this.ledger.acquire({ kind, addr: 0n, size, pa, site, line, acquired_at: this.step, phase: this.phase });
        const w = this.aspace.mapWindow(pa, size, entry.id);
        entry.addr = BigInt(w.va);
        return { ptr: BigInt(w.va) };
      }
    }
  }

  private doUnmap(addr: bigint, releaser: string, site: string): void {
    const entry = this.ledger.release(addr, releaser, site, this.step, this.phase);
    if (entry && (entry.kind === 'memremap' || entry.kind === 'devm_memremap') && entry.pa !== undefined && this.aspace.windowAt(Number(addr))) {
      this.aspace.unmapWindow(Number(addr));
    }
  }

  private doAlloc(size: bigint, zero: boolean, site: string, line: number, kind: 'kmalloc' | 'devm_kmalloc' | 'dmam_alloc_coherent', svc: string): { va: bigint; pa: bigint } | undefined {
    if (this.injected(site, svc)) return undefined;
    if (size === 0n) {
      // kmalloc(0) and devm_kmalloc(0) return ZERO_SIZE_PTR (include/linux/slab.h).
      if (kind !== 'dmam_alloc_coherent') return { va: ZERO_SIZE_PTR, pa: 0n };
      // dma_alloc_coherent(0) is not settled here. dma_alloc_attrs() in kernel/dma/mapping.c
      // (torvalds/linux @00ba9357, and a recent copy with use_dma_iommu()/trace_dma_alloc(),
      // both read through the search tool) has no size check: its only WARN_ON_ONCEs are
      // !dev->coherent_dma_mask and, in the recent one, flag & __GFP_COMP. The SMMU's own
      // allocations go to dma_direct_alloc(), which passes PAGE_ALIGN(0) = 0 on to the page
      // allocator; whether that WARNs first (get_order(0) is undefined for a runtime 0) depends
      // on v6.18's kernel/dma/direct.c and mm/page_alloc.c, which we could not read. So the model
      // returns NULL without a WARN, and says so in the Outcome (model_notes) and the report.
      this.modelNotes.push({
        service: 'dmam_alloc_coherent', site, line, step: this.step, phase: this.phase,
        note: 'size 0: the kernel DMA API behaviour (NULL, or a WARN from the page allocator first) is not settled by the model; it returned NULL without a WARN',
      });
      this.coverage.add('model:dmam_alloc_coherent-size-0');
      return undefined;
    }
    // dma_alloc_coherent() returns naturally aligned pages. kmalloc here is 64-byte aligned, the
    // model's choice: the kernel promises ARCH_KMALLOC_MINALIGN, and natural alignment for
    // power-of-two sizes, which this does not reproduce above 64 bytes.
    const align = kind === 'dmam_alloc_coherent' ? pow2AtLeast(size < 4096n ? 4096n : size) : 64n;
    const got = this.aspace.allocOwn(size, align);
    if (!got) return undefined;
    if (zero || kind === 'dmam_alloc_coherent') this.aspace.zeroOwn(got.va, Number(size));
    this.ledger.acquire({ kind, addr: BigInt(got.va), size, pa: got.pa, site, line, acquired_at: this.step, phase: this.phase });
    return { va: BigInt(got.va), pa: got.pa };
  }

  private pushLog(level: number, site: string, fmt: string, text: string): void {
    this.log.push({ level, site, fmt, text, phase: this.phase, step: this.step });
    this.coverage.add(`log:${fmt}`);
  }

  // ---- the import object ----------------------------------------------------------------

  private imports(): Record<string, (...args: never[]) => unknown> {
    const k = this;
    const mmioOffset = (addr: bigint): number => {
      const off = addr - MMIO_VA;
      if (off < 0n || off >= MMIO_SIZE) throw new MachineFault('trap', `MMIO access at 0x${addr.toString(16)}, outside the SMMU's register frame`);
      return Number(off) & 0xffff; // page1 aliases page0 (ARM_SMMU_OPT_PAGE0_REGS_ONLY layout)
    };
    return {
      mmio_read32(addr: bigint): number {
        k.aspace.flush();
        return k.mmio.read32(mmioOffset(addr)) | 0;
      },
      mmio_read64(addr: bigint): bigint {
        k.aspace.flush();
        return k.mmio.read64(mmioOffset(addr));
      },
      mmio_write32(addr: bigint, val: number): void {
        k.aspace.flush();
        k.step++;
        const off = mmioOffset(addr);
        const name = REG_NAMES[off] ?? `0x${off.toString(16)}`;
        k.mmioWrites.push({ step: k.step, phase: k.phase, reg: name, offset: off, value: BigInt(val >>> 0) });
        k.record('writel', `${name}, 0x${(val >>> 0).toString(16)}`, k.mmio.isPowered() ? undefined : 'lost: powered off');
        k.mmio.write32(off, val);
      },
      mmio_write64(addr: bigint, val: bigint): void {
        k.aspace.flush();
        k.step++;
        const off = mmioOffset(addr);
        const name = REG_NAMES[off] ?? `0x${off.toString(16)}`;
        const v = BigInt.asUintN(64, val);
        k.mmioWrites.push({ step: k.step, phase: k.phase, reg: name, offset: off, value: v });
        k.record('writeq', `${name}, ${k.hex(v)}`, k.mmio.isPowered() ? undefined : 'lost: powered off');
        k.mmio.write64(off, v);
      },
      memremap(pa: bigint, size: bigint, flags: bigint, site: bigint, line: number): bigint {
        const s = k.enter(site);
        const ret = k.doMemremap(pa, size, s, line, 'memremap').ptr;
        k.record('memremap', `${k.hex(pa)}, ${k.hex(size)}, ${flags}  [${s}:${line}]`, k.hex(ret));
        return ret;
      },
      memunmap(ptr: bigint, site: bigint, line: number): void {
        const s = k.enter(site);
        k.record('memunmap', `${k.hex(ptr)}  [${s}:${line}]`);
        k.doUnmap(ptr, 'memunmap', s);
      },
      devm_memremap(_dev: bigint, pa: bigint, size: bigint, flags: bigint, site: bigint, line: number): bigint {
        const s = k.enter(site);
        const got = k.doMemremap(pa, size, s, line, 'devm_memremap');
        let ret = got.ptr;
        if (ret === 0n) {
          // devm_memremap(): -ENOMEM when the devres record cannot be allocated (our fault
          // injection), -ENXIO when memremap() itself fails.
          ret = ERR_PTR(got.faulted ? ERRNO.ENOMEM : ERRNO.ENXIO);
        } else {
          k.addDevresRelease('devm_memremap', ret);
        }
        k.record('devm_memremap', `${k.hex(pa)}, ${k.hex(size)}, ${flags}  [${s}:${line}]`, k.hex(ret));
        return ret;
      },
      devm_memunmap(_dev: bigint, ptr: bigint, site: bigint, line: number): void {
        const s = k.enter(site);
        k.record('devm_memunmap', `${k.hex(ptr)}  [${s}:${line}]`);
        const entry = k.ledger.liveAt(ptr);
        if (!entry || !k.removeDevres(entry.id)) {
          // devm_memunmap(): WARN_ON(devres_release(...)) when it is not a devm mapping.
          k.warnings.push({ file: 'kernel/iomem.c', line: IOMEM_C_DEVM_MEMUNMAP_WARN, cond: 'devres_release(dev, devm_memremap_release, devm_memremap_match, addr)', phase: k.phase, step: k.step });
        }
        k.doUnmap(ptr, 'devm_memunmap', s);
      },
      kmalloc(size: bigint, _gfp: number, zero: number, site: bigint, line: number): bigint {
        const s = k.enter(site);
        const got = k.doAlloc(size, zero !== 0, s, line, 'kmalloc', 'kmalloc');
        k.record(zero ? 'kzalloc' : 'kmalloc', `${size}  [${s}:${line}]`, got ? k.hex(got.va) : 'NULL');
        return got?.va ?? 0n;
      },
      kfree(ptr: bigint, site: bigint, line: number): void {
        const s = k.enter(site);
        k.record('kfree', `${k.hex(ptr)}  [${s}:${line}]`);
        if (ptr === 0n || ptr === ZERO_SIZE_PTR) return; // kfree(NULL), kfree(ZERO_SIZE_PTR)
        k.doUnmap(ptr, 'kfree', s);
      },
      devm_kmalloc(_dev: bigint, size: bigint, _gfp: number, zero: number, site: bigint, line: number): bigint {
        const s = k.enter(site);
        const got = k.doAlloc(size, zero !== 0, s, line, 'devm_kmalloc', 'devm_kmalloc');
        if (got) k.addDevresRelease('devm_kmalloc', got.va);
        k.record('devm_kzalloc', `${size}  [${s}:${line}]`, got ? k.hex(got.va) : 'NULL');
        return got?.va ?? 0n;
      },
      devm_kfree(_dev: bigint, ptr: bigint, site: bigint, line: number): void {
        const s = k.enter(site);
        k.record('devm_kfree', `${k.hex(ptr)}  [${s}:${line}]`);
        const entry = k.ledger.liveAt(ptr);
        if (!entry || !k.removeDevres(entry.id)) {
          k.warnings.push({ file: 'drivers/base/devres.c', line: 0, cond: 'devm_kfree of memory not from devm_kmalloc', phase: k.phase, step: k.step });
        }
        k.doUnmap(ptr, 'devm_kfree', s);
      },
      dmam_alloc_coherent(_dev: bigint, size: bigint, handle: bigint, _gfp: number, site: bigint, line: number): bigint {
        const s = k.enter(site);
        const got = k.doAlloc(size, true, s, line, 'dmam_alloc_coherent', 'dmam_alloc_coherent');
        if (got) {
          new DataView(k.memory.buffer).setBigUint64(Number(handle), got.pa, true);
          k.addDevresRelease('dmam_alloc_coherent', got.va);
        }
        k.record('dmam_alloc_coherent', `${size}  [${s}:${line}]`, got ? `${k.hex(got.va)} dma ${k.hex(got.pa)}` : 'NULL');
        return got?.va ?? 0n;
      },
      devm_add_action(_dev: bigint, action: bigint, data: bigint, reset: number, site: bigint, line: number): number {
        const s = k.enter(site);
        const name = k.functionName(action);
        const run = (): void => {
          k.step++;
          k.record('devres_action', `${name}(${k.hex(data)})`);
          const fn = k.exports.__indirect_function_table.get(Number(action)) as (d: bigint) => void;
          fn(data);
          k.aspace.flush();
        };
        if (k.injected(s, 'devm_add_action')) {
          k.record(reset ? 'devm_add_action_or_reset' : 'devm_add_action', `${name}  [${s}:${line}]`, '-ENOMEM');
          if (reset) run(); // __devm_add_action_or_reset(): the action runs on failure
          return -ERRNO.ENOMEM;
        }
        const entry = k.ledger.acquire({ kind: 'devres_action', addr: 0n, size: 0n, site: s, line, acquired_at: k.step, phase: k.phase, action: name });
        k.addDevres(entry.id, () => {
          k.ledger.close(entry, 'devres', k.step + 1);
          run();
        });
        k.record(reset ? 'devm_add_action_or_reset' : 'devm_add_action', `${name}  [${s}:${line}]`, '0');
        return 0;
      },
      dev_printk(level: number, site: bigint, fmt: bigint, args: bigint): void {
        k.aspace.flush();
        k.step++;
        const f = k.cstring(fmt);
        k.pushLog(level, k.cstring(site), f, formatPrintk(f, args, k).replace(/\n$/, ''));
      },
      warn(file: bigint, line: number, cond: bigint, _once: number): void {
        k.aspace.flush();
        k.step++;
        const c = k.cstring(cond);
        k.warnings.push({ file: k.cstring(file), line, cond: c, phase: k.phase, step: k.step });
        k.coverage.add(`warn:${c}`);
        k.record('WARN', `${k.cstring(file)}:${line}: ${c}`);
      },
      is_kdump_kernel(): number {
        return k.config.kdump ? 1 : 0;
      },
      region_intersects(start: bigint, size: bigint, flags: bigint, desc: bigint, site: bigint, line: number): number {
        const s = k.enter(site);
        const got = regionIntersects(start, size, flags, desc);
        k.record('region_intersects', `${k.hex(start)}, ${k.hex(size)}, ${k.hex(flags)}, ${desc}  [${s}:${line}]`, got);
        return REGION_CODE[got];
      },
      access(addr: bigint, size: bigint, isWrite: number): void {
        k.aspace.access(Number(addr), Number(size), isWrite !== 0);
      },
      stub(name: bigint, arg: bigint): bigint {
        k.aspace.flush();
        k.step++;
        k.record(k.cstring(name), k.hex(arg));
        return 0n;
      },
      xa_insert(xa: bigint, index: bigint, entry: bigint, _gfp: number, site: bigint, line: number): number {
        const s = k.enter(site);
        let ret: number;
        if (k.injected(s, 'xa_insert')) ret = -ERRNO.ENOMEM;
        else ret = k.xa.insert(xa, BigInt.asUintN(64, index), entry, { step: k.step, site: s });
        k.record('xa_insert', `${k.hex(xa)}, ${index}, ${k.hex(entry)}  [${s}:${line}]`, errname(ret));
        return ret;
      },
      xa_load(xa: bigint, index: bigint): bigint {
        return k.xa.load(xa, BigInt.asUintN(64, index));
      },
      xa_erase(xa: bigint, index: bigint): bigint {
        k.step++;
        k.record('xa_erase', `${k.hex(xa)}, ${index}`);
        return k.xa.erase(xa, BigInt.asUintN(64, index));
      },
      xa_find(xa: bigint, indexp: bigint, max: bigint, after: number): bigint {
        const start = k.u64(indexp);
        // An i64 arrives signed: xa_for_each's ULONG_MAX is -1n until read as the u64 it is.
        const got = k.xa.find(xa, start, BigInt.asUintN(64, max), after !== 0);
        if (!got) return 0n;
        new DataView(k.memory.buffer).setBigUint64(Number(indexp), got.index, true);
        return got.entry;
      },
      ida_alloc_range(ida: bigint, min: number, max: number, _gfp: number, site: bigint, line: number): number {
        const s = k.enter(site);
        let ret: number;
        if (k.injected(s, 'ida_alloc_range')) ret = -ERRNO.ENOMEM;
        else ret = k.ida.allocRange(ida, min >>> 0, max >>> 0, { step: k.step, site: s });
        k.record('ida_alloc_range', `${k.hex(ida)}, ${min >>> 0}, ${max >>> 0}  [${s}:${line}]`, errname(ret));
        return ret;
      },
      ida_init(ida: bigint): void {
        k.ida.destroy(ida); // a fresh, empty IDA
      },
      ida_free(ida: bigint, id: number): void {
        k.ida.free(ida, id);
      },
      ida_destroy(ida: bigint): void {
        k.step++;
        k.record('ida_destroy', k.hex(ida));
        k.ida.destroy(ida);
      },
    };
  }
}

function pow2AtLeast(x: bigint): bigint {
  let p = 1n;
  while (p < x) p <<= 1n;
  return p;
}

