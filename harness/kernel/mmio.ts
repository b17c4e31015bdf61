/**
 * The SMMU's MMIO register file: 32-bit words at their real offsets, 64-bit registers as two
 * words. It behaves as the driver's polling loops expect of a responsive SMMU (CR0ACK follows
 * CR0, IRQ_CTRLACK follows IRQ_CTRL, a GBPA update completes at once) and, once runtime PM has
 * powered it off, reads follow the scenario's policy and writes are lost.
 */
import type { RegisterPolicy } from '../scenario/types';
import {
  ARM_SMMU_CR0, ARM_SMMU_CR0ACK, ARM_SMMU_GBPA, ARM_SMMU_IRQ_CTRL, ARM_SMMU_IRQ_CTRLACK,
  GBPA_UPDATE, REG64, REG_NAMES,
} from './smmuRegs';

export class SmmuMmio {
  private words = new Map<number, number>();
  private powered = true;
  private policy: RegisterPolicy = 'keep';
  private garbageState = 0;

  reset(initial: Map<number, number>): void {
    this.words = new Map(initial);
    this.powered = true;
    this.policy = 'keep';
  }

  /** Runtime PM put: the SMMU loses power; what reads return from now on is `policy`. */
  powerOff(policy: RegisterPolicy, garbageSeed: number): void {
    this.powered = false;
    this.policy = policy;
    this.garbageState = (garbageSeed >>> 0) || 0x9e3779b9;
  }

  isPowered(): boolean {
    return this.powered;
  }

  read32(off: number): number {
    if (!this.powered) {
      switch (this.policy) {
        case 'keep': break;
        case 'zero': return 0;
        case 'ones': return 0xffffffff;
        case 'garbage': return this.nextGarbage();
      }
    }
    return this.words.get(off) ?? 0;
  }

  write32(off: number, val: number): void {
    if (!this.powered) return; // lost: nothing is listening
    val >>>= 0;
    switch (off) {
      case ARM_SMMU_CR0:
        this.words.set(ARM_SMMU_CR0, val);
        this.words.set(ARM_SMMU_CR0ACK, val);
        return;
      case ARM_SMMU_IRQ_CTRL:
        this.words.set(ARM_SMMU_IRQ_CTRL, val);
        this.words.set(ARM_SMMU_IRQ_CTRLACK, val);
        return;
      case ARM_SMMU_GBPA:
        // The update completes immediately: UPDATE reads back clear.
        this.words.set(ARM_SMMU_GBPA, (val & ~GBPA_UPDATE) >>> 0);
        return;
      default:
        this.words.set(off, val);
    }
  }

  read64(off: number): bigint {
    return BigInt(this.read32(off)) | (BigInt(this.read32(off + 4)) << 32n);
  }

  write64(off: number, val: bigint): void {
    this.write32(off, Number(val & 0xffffffffn));
    this.write32(off + 4, Number((val >> 32n) & 0xffffffffn));
  }

  /** What the hardware holds (ignores power), by kernel register name. */
  snapshot(): Record<string, bigint> {
    const out: Record<string, bigint> = {};
    for (const [off, name] of Object.entries(REG_NAMES)) {
      const o = Number(off);
      if (this.words.has(o) || this.words.has(o + 4)) {
        out[name] = BigInt(this.words.get(o) ?? 0) | (REG64.has(o) ? BigInt(this.words.get(o + 4) ?? 0) << 32n : 0n);
      }
    }
    return out;
  }

  /** xorshift32: deterministic garbage for the 'garbage' policy. */
  private nextGarbage(): number {
    let x = this.garbageState;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.garbageState = x;
    return x;
  }
}
