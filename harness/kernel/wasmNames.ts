/**
 * Function names of a WebAssembly module, from its "name" custom section, and which function
 * each table slot holds (element section): so a devres action or a trap's frames are named as
 * the C names them (arm_smmu_kdump_adopt_cleanup, not "function 42").
 */

class Reader {
  pos = 0;
  constructor(private b: Uint8Array) {}
  eof(): boolean {
    return this.pos >= this.b.length;
  }
  byte(): number {
    return this.b[this.pos++];
  }
  u(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return result;
      shift += 7;
    }
  }
  name(): string {
    const n = this.u();
    const s = Buffer.from(this.b.subarray(this.pos, this.pos + n)).toString('utf8');
    this.pos += n;
    return s;
  }
  skip(n: number): void {
    this.pos += n;
  }
}

export interface WasmNames {
  /** Function index → name. */
  functions: Map<number, string>;
  /** Table slot → function index. */
  table: Map<number, number>;
}

export function readWasmNames(bytes: Uint8Array): WasmNames {
  const functions = new Map<number, string>();
  const table = new Map<number, number>();
  const r = new Reader(bytes);
  r.skip(8);
  while (!r.eof()) {
    const id = r.byte();
    const size = r.u();
    const end = r.pos + size;
    if (id === 0) {
      const name = r.name();
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.byte();
          const subSize = r.u();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.u();
            for (let i = 0; i < count; i++) {
              const idx = r.u();
              functions.set(idx, r.name());
            }
          }
          r.pos = subEnd;
        }
      }
    } else if (id === 9) {
      const count = r.u();
      for (let s = 0; s < count; s++) {
        const flags = r.u();
        if (flags !== 0) break; // only the plain active segment that wasm-ld emits
        const op = r.byte(); // i32.const (0x41) or i64.const (0x42)
        if (op !== 0x41 && op !== 0x42) break;
        const offset = r.u();
        r.byte(); // end
        const n = r.u();
        for (let i = 0; i < n; i++) table.set(offset + i, r.u());
      }
    }
    r.pos = end;
  }
  return { functions, table };
}
