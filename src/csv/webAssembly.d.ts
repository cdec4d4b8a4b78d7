// The parts of the WebAssembly JavaScript API that the record kernel uses. Node provides the
// API at run time, but @types/node does not declare it, and the DOM library would declare far
// more than Node has.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }

  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }

  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}
