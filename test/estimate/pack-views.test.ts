import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { packViews, unpackViews } from '../../src/estimate/parallel';

/** What a worker receives: postMessage's structured clone, through a channel in this thread. */
function roundTrip(value: unknown): unknown {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const got = receiveMessageOnPort(port2)!.message;
  port1.close();
  port2.close();
  return got;
}

describe('typed arrays sent to worker threads (packViews / unpackViews)', () => {
  it('keeps the length of a shared view over 4 GiB (Node cuts a posted view to 32 bits of length)', () => {
    // 4 GiB + 16 bytes of shared memory; untouched pages cost no RAM.
    const n = 2 ** 29 + 2;
    const a = new Float64Array(new SharedArrayBuffer(8 * n));
    const got = unpackViews(roundTrip(packViews({ cells: [{ inf: a, K: 3 }] }))) as { cells: { inf: Float64Array; K: number }[] };
    const inf = got.cells[0].inf;
    expect(inf.length).toBe(n);
    expect(got.cells[0].K).toBe(3);
    inf[n - 1] = 7; // the worker's write lands in the same memory
    expect(a[n - 1]).toBe(7);
  });

  it('restores offsets, Int32Array and nested arrays; leaves unshared arrays and other values alone', () => {
    const buf = new SharedArrayBuffer(8 * 10);
    const sub = new Float64Array(buf, 16, 5);
    const ints = new Int32Array(new SharedArrayBuffer(16));
    const plain = new Float64Array([1, 2]);
    const got = unpackViews(roundTrip(packViews({ y: [[sub]], ints, plain, s: 'x', n: null }))) as { y: Float64Array[][]; ints: Int32Array; plain: Float64Array; s: string; n: null };
    expect(got.y[0][0]).toBeInstanceOf(Float64Array);
    expect(got.y[0][0].byteOffset).toBe(16);
    expect(got.y[0][0].length).toBe(5);
    got.y[0][0][0] = 3;
    expect(new Float64Array(buf)[2]).toBe(3);
    expect(got.ints).toBeInstanceOf(Int32Array);
    expect(Array.from(got.plain)).toEqual([1, 2]);
    expect(got.s).toBe('x');
    expect(got.n).toBeNull();
  });
});
