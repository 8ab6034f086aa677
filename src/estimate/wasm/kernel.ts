/**
 * The WebAssembly SIMD kernels of wasm/gram.wat (gram, cross, affine).
 */
import { gramWasm } from './gram-bytes';

// The project's TypeScript libraries (no DOM) do not declare WebAssembly: the little used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

let compiled: object | null = null;
let cached: SimdKernel | null = null;

export interface SimdKernel {
  readonly memory: WasmMemory;
  readonly gram: (cols: number, c: number, qp: number, out: number, a0: number, a1: number) => void;
  readonly cross: (cols: number, c: number, ap: number, bp: number, out: number) => void;
  readonly affine: (e: number, alpha: number, dy: number, coef: number, res: number, c: number, m: number, cp: number, scale: number) => void;
}

/**
 * The kernels with a memory of at least `bytes` (contents left from earlier calls: callers
 * clear what must start at zero). One instance per thread, replaced by a larger one when
 * needed, never grown: Memory.grow detaches the old buffer, and after any ArrayBuffer has
 * been detached V8's optimised code checks every typed-array access for it (measured: the
 * whole estimator about 25 % slower on the 12k panel).
 */
export function simdKernel(bytes: number): SimdKernel {
  if (cached && cached.memory.buffer.byteLength >= bytes) return cached;
  compiled ??= new wasm.Module(Buffer.from(gramWasm, 'base64'));
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = new wasm.Instance(compiled, { env: { memory } });
  cached = { memory, gram: inst.exports.gram as SimdKernel['gram'], cross: inst.exports.cross as SimdKernel['cross'], affine: inst.exports.affine as SimdKernel['affine'] };
  return cached;
}
