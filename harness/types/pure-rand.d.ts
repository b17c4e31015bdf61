/**
 * The one module of pure-rand the harness imports: fast-check's default random generator, to
 * draw run i's scenario as fast-check does (harness/fuzz/generate.ts). pure-rand declares its
 * types through package exports, which moduleResolution "node" does not read.
 */
declare module 'pure-rand/generator/xorshift128plus' {
  interface JumpableRandomGenerator {
    clone(): JumpableRandomGenerator;
    next(): number;
    jump(): void;
    getState(): readonly number[];
  }
  export function xorshift128plus(seed: number): JumpableRandomGenerator;
}
