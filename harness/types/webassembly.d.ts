/**
 * The WebAssembly JS API as Node 20 provides it. @types/node 20 does not declare it and the DOM
 * lib would bring in a browser; this is the subset the harness uses, memory64 included (index
 * 'i64': addresses and sizes cross as bigint).
 */
declare namespace WebAssembly {
  type ImportValue = ((...args: never[]) => unknown) | Memory | Table | Global;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, unknown>;

  interface ModuleImportDescriptor { module: string; name: string; kind: 'function' | 'table' | 'memory' | 'global' }
  interface ModuleExportDescriptor { name: string; kind: 'function' | 'table' | 'memory' | 'global' }

  class Module {
    constructor(bytes: BufferSource | Uint8Array);
    static imports(m: Module): ModuleImportDescriptor[];
    static exports(m: Module): ModuleExportDescriptor[];
    static customSections(m: Module, name: string): ArrayBuffer[];
  }

  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }

  interface MemoryDescriptor {
    initial: number | bigint;
    maximum?: number | bigint;
    shared?: boolean;
    index?: 'i32' | 'i64';
  }

  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }

  class Table {
    get(index: number): unknown;
    readonly length: number;
  }

  class Global {
    value: unknown;
  }

  class RuntimeError extends Error {}
  class CompileError extends Error {}
  class LinkError extends Error {}

  function validate(bytes: BufferSource | Uint8Array): boolean;
}
