/**
 * Hand-written scenarios behind the mutant tests (test/mutants/) and the recorded findings
 * (harness/findings/catalog.ts): each one a story a reviewer can read, named in kernel words. Built on the
 * intact crashed tables of intact.ts, with the harness's own constants.
 */
import { CRASHED_L2_BASE, HOLE_START, OWN_RAM_START } from '../kernel/ramMap';
import {
  STRTAB_BASE_CFG_FMT_2LVL, STRTAB_BASE_CFG_FMT_LINEAR, STRTAB_BASE_RA, STRTAB_SPLIT, STRTAB_STE_0_V, l1Desc,
  strtabBaseCfg,
} from '../kernel/smmuRegs';
import type { Fault, Corruption, RegisterPolicy, Scenario } from '../scenario/types';
import { intactLinear, intactTwoLevel, withCorruption } from './intact';

/** An L1 descriptor word: SPAN and L2Ptr (the harness's l1Desc() always writes SPAN 9). */
export function l1DescWith(span: number, l2ptr: bigint): bigint {
  return l2ptr | BigInt(span);
}

export function withFaults(s: Scenario, ...faults: Fault[]): Scenario {
  return { ...s, faults: [...s.faults, ...faults] };
}

function setReg(reg: 'STRTAB_BASE' | 'STRTAB_BASE_CFG', value: bigint, kind: string): Corruption {
  return { kind, target: 'reg', reg, op: 'set', value };
}

// ---------------------------------------------------------------------------------------------
// The crashed kernel used a linear table on 2-level hardware (an older kernel, another driver)

/**
 * 2-level hardware with 16-bit SIDs whose crashed kernel used a linear stream table of
 * 2^`log2size` STEs (Nicolin, v6 1/7 reply: "the crashed kernel doesn't have to use the same
 * driver"). The attached devices are SIDs 3 and 200.
 */
export function linearOnTwoLevelHardware(log2size: number, sid_bits = 16): Scenario {
  const s = intactTwoLevel(sid_bits, [3, 200]);
  return { ...s, crashed: { ...s.crashed, table: { ...s.crashed.table, fmt: 'linear', log2size } } };
}

/**
 * The same linear table, but STRTAB_BASE_CFG.LOG2SIZE reads 25: the largest linear size v6/v7
 * accept on 2-level hardware (ilog2(STRTAB_MAX_L1_ENTRIES * STRTAB_NUM_L2_STES)), whatever
 * sid_bits is. 2^25 STEs x 64 bytes = 2 GiB, where mainline allocates a 2-level table of 4 KiB
 * plus 16 KiB per inserted bus for sid_bits=16.
 *
 * `stopScan`: SID 0's STE carries a reserved Config (V=1, Config=0b001), so that the later
 * code's ASID/VMID reservation scan, which walks every STE of an adopted linear table, stops at
 * the first one instead of reading 2^25 STEs (minutes in the simulator). The 2 GiB memremap has
 * happened by then; only the scan is cut short.
 */
export function linearLog2size25(opts: { stopScan?: boolean } = {}): Scenario {
  const s = withCorruption(
    linearOnTwoLevelHardware(16),
    setReg('STRTAB_BASE_CFG', BigInt(strtabBaseCfg(STRTAB_BASE_CFG_FMT_LINEAR, 0, 25)), 'STRTAB_BASE_CFG:log2size'),
  );
  if (!opts.stopScan) return s;
  return withCorruption(s, { kind: 'ste:reserved-cfg', target: 'ste', sid: 0, word: 0, op: 'set', value: STRTAB_STE_0_V | (1n << 1n) });
}

/**
 * A linear adoption on 2-level hardware that succeeds (ARM_SMMU_FEAT_2_LVL_STRTAB cleared to
 * match the adopted format) and then fails late: devm_add_action_or_reset() cannot register
 * arm_smmu_kdump_adopt_cleanup (the devres record allocation fails), so the adoption falls back
 * to the full reset.
 */
export function linearAdoptionCleanupActionFails(): Scenario {
  return withFaults(linearOnTwoLevelHardware(10), { site: 'arm_smmu_kdump_adopt_strtab:devm_add_action', nth: 1 });
}

// ---------------------------------------------------------------------------------------------
// The intact 2-level table, with one thing going wrong

/** The crashed kernel's 2-level table adopted intact, devices on buses 1 and 0x20 re-inserted. */
export function intactAdoption(): Scenario {
  return intactTwoLevel(16, [0x100, 0x2000]);
}

/**
 * STRTAB_BASE.ADDR 64 bytes past the crashed kernel's 2 KiB L1 table: the SMMU aligns it down
 * and keeps walking the real table, while software that uses the address as read adopts a
 * table shifted by eight descriptors.
 */
export function strtabBaseUnaligned(): Scenario {
  return {
    ...intactAdoption(),
    corruption: [{ kind: 'STRTAB_BASE:unaligned', target: 'reg', reg: 'STRTAB_BASE', op: 'xor', value: 0x40n }],
  };
}

/**
 * After adoption, a DMA-ing device rewrites L1[1] (SID 0x100's bus) from SPAN 9 to SPAN 10
 * before the first insert. Its L2 table sits at CRASHED_L2_BASE, aligned to 32 KiB, so a driver
 * that sized the mapping by the new SPAN would map 2^9 STEs = 32 KiB there. SID 0x2000 (L1[0x20],
 * untouched) is inserted next and must still work.
 */
export function spanChangedAfterAdoption(): Scenario {
  return {
    ...intactAdoption(),
    dma: [{ kind: 'l1:span', target: 'l1', idx: 0x100 >> STRTAB_SPLIT, op: 'xor', value: 9n ^ 10n, before_insert: 0 }],
  };
}

/**
 * After adoption, a device rewrites L1[0x30] (no L2 table in the crashed kernel: SPAN 0) to
 * SPAN 10 with a NULL L2Ptr, then SID 0x3000 is inserted. v6/v7 take the deferred adoption only
 * for `span && base`, so they fall through to a fresh L2 and overwrite the descriptor.
 */
export function nullL2PtrSpanAfterAdoption(): Scenario {
  return {
    ...intactAdoption(),
    inserts: [0x100, 0x2000, 0x3000],
    dma: [{ kind: 'l1:null-l2ptr', target: 'l1', idx: 0x30, op: 'set', value: l1DescWith(10, 0n), before_insert: 0 }],
  };
}

/**
 * The intact adoption with one more device inserted: SID 0x102, on bus 1 beside SID 0x100, had no
 * device in the crashed kernel, so its adopted STE is the crashed kernel's ABORT STE (V=1,
 * Cfg=ABORT). No DMA flows through it, so the iommu core's default-domain attach must not be
 * deferred (2/x from v3 on: "Defer only when there might be in-flight DMAs"); v1/v2 test V only.
 */
export function abortSteDeviceInserted(): Scenario {
  return { ...intactAdoption(), inserts: [0x100, 0x102, 0x2000] };
}

/** The memremap() of the adopted L1 table fails (ioremap_cache out of vmalloc space). */
export function l1MemremapFails(): Scenario {
  return withFaults(intactAdoption(), { site: 'arm_smmu_kdump_adopt_strtab_2lvl:memremap', nth: 1 });
}

/** The intact table adopted, then unbound after runtime PM powered the SMMU off. */
export function unbindAfterPowerOff(policy: RegisterPolicy): Scenario {
  return { ...intactTwoLevel(16), teardown: { policy, garbage_seed: 1 } };
}

/** The intact table adopted, and no device re-probes: nothing is ever inserted. */
export function adoptionWithoutInserts(): Scenario {
  return { ...intactTwoLevel(16), inserts: [] };
}

/**
 * The intact table adopted; devm_add_action_or_reset(arm_smmu_disable_action) at the end of
 * probe cannot allocate its devres record, so it runs arm_smmu_disable_action() at once.
 */
export function disableActionRegistrationFails(): Scenario {
  return withFaults(intactTwoLevel(16), { site: 'kshim_add_disable_action:devm_add_action', nth: 1 });
}

// ---------------------------------------------------------------------------------------------
// STRTAB_BASE pointing somewhere it must not

/**
 * Where a corrupted STRTAB_BASE lands inside the kdump kernel's own RAM (the crashkernel
 * reservation): 128 MiB in, far above the simulator's allocations (which start 16 MiB in).
 */
export const OWN_RAM_STRTAB = OWN_RAM_START + 0x0800_0000n;

/**
 * STRTAB_BASE corrupted to point into the kdump kernel's own RAM, which holds zeros there: every
 * L1 descriptor has SPAN 0 ("no L2 table"). memremap() hands back a direct-map pointer to that
 * RAM, and the first insert writes a fresh L2's descriptor into it.
 */
export function strtabInOwnRam(): Scenario {
  return withCorruption(intactAdoption(), setReg('STRTAB_BASE', OWN_RAM_STRTAB | STRTAB_BASE_RA, 'STRTAB_BASE:own-ram'));
}

/**
 * The same corrupted STRTAB_BASE, but the kdump kernel's RAM there happens to hold valid L1
 * descriptors (SPAN 9) for both inserted buses, pointing at the crashed kernel's real L2 tables:
 * a driver that adopts lazily only reads this RAM and never writes it.
 */
export function strtabInOwnRamWithValidL1(): Scenario {
  const at = (idx: number): bigint => OWN_RAM_STRTAB + 8n * BigInt(idx);
  return withCorruption(
    strtabInOwnRam(),
    { kind: 'l1:forge', target: 'mem', pa: at(0x100 >> STRTAB_SPLIT), op: 'set', value: l1Desc(CRASHED_L2_BASE) },
    { kind: 'l1:forge', target: 'mem', pa: at(0x2000 >> STRTAB_SPLIT), op: 'set', value: l1Desc(CRASHED_L2_BASE + 0x4000n) },
  );
}

/** STRTAB_BASE corrupted to point into a physical hole (the "hole" corruption kind). */
export function strtabBaseInHole(): Scenario {
  return withCorruption(intactAdoption(), setReg('STRTAB_BASE', HOLE_START | STRTAB_BASE_RA, 'STRTAB_BASE:hole'));
}

/** STRTAB_BASE reads 0 (a zeroed register): ADDR 0 is MMIO/firmware space, no RAM. */
export function strtabBaseZero(): Scenario {
  return withCorruption(intactAdoption(), setReg('STRTAB_BASE', 0n, 'STRTAB_BASE:zero'));
}

/**
 * The crashed kernel's 2 KiB L1 table sits at the very top of its RAM, right below the
 * crashkernel reservation, and STRTAB_BASE reads 64 bytes past its start (low ADDR bits
 * corrupted). The hardware aligns the base down to the table size and keeps walking the real
 * table; a driver that uses the base as it is maps [base, base + 2 KiB), which straddles the
 * kdump kernel's own RAM: memremap() WARNs "mixed range" and fails.
 */
export function unalignedStrtabBaseBelowOwnRam(): Scenario {
  const s = intactAdoption();
  const base = OWN_RAM_START - 0x800n;
  return {
    ...s,
    crashed: { ...s.crashed, table: { ...s.crashed.table, base } },
    corruption: [setReg('STRTAB_BASE', (base + 0x40n) | STRTAB_BASE_RA, 'STRTAB_BASE:unaligned')],
  };
}

/** The same straddle with the L1 table in place, STRTAB_BASE 1 KiB below the reservation. */
export function strtabBaseStraddlingOwnRam(): Scenario {
  return withCorruption(intactAdoption(), setReg('STRTAB_BASE', (OWN_RAM_START - 0x400n) | STRTAB_BASE_RA, 'STRTAB_BASE:straddle-own-ram'));
}

/**
 * L1[1] (SID 0x100's bus) corrupted to a valid-looking descriptor (SPAN 9) whose L2Ptr is in a
 * physical hole; only SID 0x2000 (L1[0x20]) is ever inserted.
 */
export function l1DescriptorIntoHole(): Scenario {
  return {
    ...withCorruption(intactAdoption(), { kind: 'l1:hole', target: 'l1', idx: 0x100 >> STRTAB_SPLIT, op: 'set', value: l1Desc(HOLE_START) }),
    inserts: [0x2000],
  };
}

/**
 * As l1DescriptorIntoHole, but SID 0x100 (on the corrupted bus) is the device inserted. A lazy
 * adoption (v5 on) devm_memremaps the L2Ptr without reading it and the insert succeeds; v1-v3
 * mapped it at probe. The first read of the table is then the iommu core's
 * ops->is_attach_deferred(), reading the device's STE in the hole: an external abort.
 */
export function insertedBusL2InHole(): Scenario {
  return { ...l1DescriptorIntoHole(), inserts: [0x100] };
}

/**
 * L1[1] (SID 0x100's bus) still points at the crashed kernel's L2 table, but its L2Ptr reads 64
 * bytes past the table's start (low L2Ptr bits corrupted). The SMMU treats L2Ptr bits below the
 * 16 KiB array as zero (SMMUv3 5.1, L1STD.L2Ptr) and keeps walking the real table; software
 * that maps the L2Ptr as read adopts a table shifted by one STE.
 */
export function l2PtrUnaligned(): Scenario {
  return withCorruption(intactAdoption(), { kind: 'l1:l2ptr-unaligned', target: 'l1', idx: 0x100 >> STRTAB_SPLIT, op: 'set', value: l1Desc(CRASHED_L2_BASE + 0x40n) });
}

/**
 * L1[0] of an otherwise intact table (no device attached in the crashed kernel, none
 * re-inserted) corrupted to a valid-looking descriptor whose L2Ptr is the start of the kdump
 * kernel's own RAM: a memremap() of it returns a direct-map pointer, mapping nothing.
 */
export function l1DescriptorIntoOwnRam(): Scenario {
  return {
    ...withCorruption(intactTwoLevel(16, []), { kind: 'l1:l2ptr-own-ram', target: 'l1', idx: 0, op: 'set', value: l1Desc(OWN_RAM_START) }),
    inserts: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Format against hardware

/**
 * Hardware that supports 2-level tables (IDR0.ST_LVL) but has only 8 SID bits: the probe clears
 * ARM_SMMU_FEAT_2_LVL_STRTAB (sid_bits <= STRTAB_SPLIT), mainline builds a linear table. The
 * crashed kernel's STRTAB_BASE_CFG says 2-level, LOG2SIZE 8 (one L1 descriptor): a corrupted
 * register, or a crashed kernel that chose 2-level on this hardware.
 */
export function twoLevelFmtOnEightBitSids(): Scenario {
  const s = intactLinear(8, [3, 200]);
  return withCorruption(
    { ...s, hardware: { ...s.hardware, two_level: true } },
    setReg('STRTAB_BASE_CFG', BigInt(strtabBaseCfg(STRTAB_BASE_CFG_FMT_2LVL, STRTAB_SPLIT, 8)), 'STRTAB_BASE_CFG:fmt'),
  );
}

// ---------------------------------------------------------------------------------------------
// Context descriptor tables (the later code's ASID reservation scan)

/** Where the S1 STE's CD table is, in the crashed kernel's RAM. */
export const CD_TABLE_PA = 0x1_8000_0000n;

/**
 * SID 0x100's STE rewritten to stage-1 translation (Config 0b101) with a linear CD table
 * (S1Fmt 0) of 2^S1CDMAX CDs, S1CDMAX = 20 = the SMMU's SSIDSIZE (the largest the later code
 * accepts): 2^20 x 64 bytes = 64 MiB. CD 0 is valid with ASID 0, which the scan refuses, so the
 * scan stops at the first CD (the mapping has been made by then).
 */
export function s1CdTableOfMaxSize(s1cdmax = 20): Scenario {
  const ste0 = STRTAB_STE_0_V | (5n << 1n) | CD_TABLE_PA | (BigInt(s1cdmax) << 59n);
  return withCorruption(
    intactAdoption(),
    { kind: 'ste:s1cdmax', target: 'ste', sid: 0x100, word: 0, op: 'set', value: ste0 },
    { kind: 'cd:asid0', target: 'mem', pa: CD_TABLE_PA, op: 'set', value: 1n << 31n /* CTXDESC_CD_0_V, ASID 0 */ },
  );
}

/**
 * A crashed-kernel state read back as a linear table of 2^23 STEs (512 MiB) based at the start
 * of the kdump kernel's own RAM: aligned, within every cap for 23-bit SIDs, and the range runs
 * from the crashkernel reservation into the crashed kernel's RAM.
 */
export function linearAlignedOverOwnRam(): Scenario {
  const s = intactTwoLevel(23, [0x100]);
  return {
    ...s,
    inserts: [],
    corruption: [
      { kind: 'STRTAB_BASE_CFG:fmt', target: 'reg', reg: 'STRTAB_BASE_CFG', op: 'set', value: 23n },
      { kind: 'STRTAB_BASE:own-ram', target: 'reg', reg: 'STRTAB_BASE', op: 'set', value: STRTAB_BASE_RA | OWN_RAM_START },
    ],
  };
}
