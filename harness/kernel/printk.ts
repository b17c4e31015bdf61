/**
 * printk's format decoding, for the C's own format strings: the arguments arrive as the
 * va_list buffer clang builds for wasm64 (each argument at its natural alignment). Supports
 * what the driver uses: %d %i %u %x %X %c %s %p with flags/width and l/ll/z/h length, the
 * kernel's %pa (phys_addr_t by reference), %pe (ERR_PTR as -ENAME), %pr (resource).
 */
import { errname } from './errno';

export interface CMemory {
  u32(addr: bigint): number;
  u64(addr: bigint): bigint;
  cstring(addr: bigint): string;
}

export function formatPrintk(fmt: string, args: bigint, mem: CMemory): string {
  let at = args;
  const take = (size: 4 | 8): bigint => {
    at = (at + BigInt(size - 1)) & ~BigInt(size - 1);
    const v = size === 4 ? BigInt(mem.u32(at)) : mem.u64(at);
    at += BigInt(size);
    return v;
  };
  return fmt.replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?(hh|h|ll|l|z|t)?([diuxXcsp%])([aer][a-z]?)?/g,
    (_m, flags: string, width: string, _prec: string | undefined, len: string | undefined, conv: string, ext: string | undefined) => {
      if (conv === '%') return '%' + (ext ?? '');
      const wide = len === 'l' || len === 'll' || len === 'z' || len === 't';
      let s: string;
      let rest = conv === 'p' ? '' : ext ?? '';
      switch (conv) {
        case 'd': case 'i': {
          const v = take(wide ? 8 : 4);
          s = (wide ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v)).toString();
          break;
        }
        case 'u': s = take(wide ? 8 : 4).toString(); break;
        case 'x': s = take(wide ? 8 : 4).toString(16); if (flags.includes('#')) s = '0x' + s; break;
        case 'X': s = take(wide ? 8 : 4).toString(16).toUpperCase(); break;
        case 'c': s = String.fromCharCode(Number(take(4) & 0xffn)); break;
        case 's': s = mem.cstring(take(8)); break;
        case 'p': {
          const p = take(8);
          const kind = ext?.[0];
          if (kind === 'a') { s = '0x' + mem.u64(p).toString(16).padStart(16, '0'); rest = ext!.slice(1); }
          else if (kind === 'e') { s = errname(Number(BigInt.asIntN(64, p))); rest = ext!.slice(1); }
          else if (kind === 'r') { s = `[mem 0x${mem.u64(p).toString(16)}-0x${mem.u64(p + 8n).toString(16)}]`; rest = ext!.slice(1); }
          else { s = '0x' + p.toString(16).padStart(16, '0'); rest = ext ?? ''; }
          break;
        }
        default: s = '';
      }
      const w = width ? Number(width) : 0;
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') ? '0' : ' ');
      return s + rest;
    });
}
