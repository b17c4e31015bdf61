/**
 * printk's decoding of the C's own format strings from a wasm64 va_list buffer: each argument
 * at its natural alignment, as clang lays them out.
 */
import { formatPrintk, type CMemory } from '../../harness/kernel/printk';

/** A va_list buffer built the way clang builds it, plus pointed-to memory. */
function memory(args: (['u32', number] | ['u64', bigint])[], pointed: Record<string, bigint | string> = {}): { mem: CMemory; at: bigint } {
  const buf = new DataView(new ArrayBuffer(256));
  let off = 0;
  for (const [kind, v] of args) {
    const size = kind === 'u32' ? 4 : 8;
    off = Math.ceil(off / size) * size;
    if (kind === 'u32') buf.setUint32(off, v as number, true);
    else buf.setBigUint64(off, v as bigint, true);
    off += size;
  }
  const BASE = 0x1000n;
  return {
    at: BASE,
    mem: {
      u32: (a) => buf.getUint32(Number(a - BASE), true),
      u64: (a) => (a >= BASE && a < BASE + 256n ? buf.getBigUint64(Number(a - BASE), true) : (pointed[a.toString()] as bigint)),
      cstring: (a) => String(pointed[a.toString()]),
    },
  };
}

test('%u and %lu take 4 and 8 bytes, the 8-byte one aligned', () => {
  const { mem, at } = memory([['u32', 3], ['u64', 1n << 40n]]);
  expect(formatPrintk('L1[%u] span %lu', at, mem)).toBe(`L1[3] span ${1n << 40n}`);
});

test('%d is signed, %x hex, %08x padded, %#lx prefixed', () => {
  const { mem, at } = memory([['u32', 0xffffffea], ['u32', 0xab], ['u32', 0xab], ['u64', 0x10n]]);
  expect(formatPrintk('%d %x %08x %#lx', at, mem)).toBe('-22 ab 000000ab 0x10');
});

test("the kernel's %pa prints the phys_addr_t the argument points at", () => {
  const { mem, at } = memory([['u64', 0x2000n]], { [0x2000n.toString()]: 0x1_0000_0040n });
  expect(formatPrintk('unaligned l1 stream table base %pa\n', at, mem)).toBe('unaligned l1 stream table base 0x0000000100000040\n');
});

test("the kernel's %pe prints an ERR_PTR as its errno name", () => {
  const { mem, at } = memory([['u64', BigInt.asUintN(64, -12n)]]);
  expect(formatPrintk('failed: %pe', at, mem)).toBe('failed: -ENOMEM');
});

test('%s reads a C string; %% is a percent sign; letters after %u stay text', () => {
  const { mem, at } = memory([['u64', 0x3000n], ['u32', 7]], { [0x3000n.toString()]: 'kdump' });
  expect(formatPrintk('%s: 100%% of %uactive', at, mem)).toBe('kdump: 100% of 7active');
});
