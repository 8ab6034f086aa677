/**
 * The WebAssembly SIMD kernels of wasm/gram.wat (gram, cross, affine), one instance per call with a
 * memory of the size asked for (instances are cheap; the compiled module is kept).
 */
import { gramWasm } from './gram-bytes';

// The project's TypeScript libraries (no DOM) do not declare WebAssembly: the little used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

let compiled: object | null = null;

export interface SimdKernel {
  readonly memory: WasmMemory;
  readonly gram: (cols: number, c: number, qp: number, out: number, a0: number, a1: number) => void;
  readonly cross: (cols: number, c: number, ap: number, bp: number, out: number) => void;
  readonly affine: (e: number, alpha: number, dy: number, coef: number, res: number, c: number, m: number, cp: number, scale: number) => void;
}

export function simdKernel(bytes: number): SimdKernel {
  compiled ??= new wasm.Module(Buffer.from(gramWasm, 'base64'));
  const inst = new wasm.Instance(compiled, {});
  const memory = inst.exports.memory as WasmMemory;
  const pages = Math.ceil(bytes / 65536);
  if (pages > memory.buffer.byteLength / 65536) memory.grow(pages - memory.buffer.byteLength / 65536);
  return { memory, gram: inst.exports.gram as SimdKernel['gram'], cross: inst.exports.cross as SimdKernel['cross'], affine: inst.exports.affine as SimdKernel['affine'] };
}

