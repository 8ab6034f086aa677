import { describe, expect, it } from 'vitest';
import { CellProblem, locateRecords, streamCsv } from '../../src/data/csv';
import { expectDataError, tempDir, writeFile } from './helpers';

/** All records of a file as string arrays (and the header), read with the given chunk size. */
async function readAll(file: string, chunkBytes?: number) {
  const rows: string[][] = [];
  let names: string[] = [];
  const n = await streamCsv(
    file,
    (h) => {
      names = h.names;
      return { row: (f) => rows.push([...f]), unconverted: h.names.map((_, i) => i) };
    },
    { chunkBytes },
  );
  return { names, rows, n };
}

describe('streamCsv', () => {
  it('reads header and records, with or without a final line break, LF or CRLF, with a BOM', async () => {
    const dir = tempDir();
    const want = { names: ['id', 'x'], rows: [['1', 'a'], ['2', 'b']], n: 2 };
    expect(await readAll(writeFile(dir, 'a.csv', 'id,x\n1,a\n2,b\n'))).toEqual(want);
    expect(await readAll(writeFile(dir, 'b.csv', 'id,x\n1,a\n2,b'))).toEqual(want);
    expect(await readAll(writeFile(dir, 'c.csv', 'id,x\r\n1,a\r\n2,b\r\n'))).toEqual(want);
    expect(await readAll(writeFile(dir, 'd.csv', '\uFEFFid,x\n1,a\n2,b\n'))).toEqual(want);
    expect(await readAll(writeFile(dir, 'e.csv', 'id;x\n1;a\n2;b\n'))).toEqual(want);
    expect(await readAll(writeFile(dir, 'f.csv', 'id,x\n"1","a"\n2,"b"\n'))).toEqual(want);
  });

  it('gives the same records whatever the chunk size', async () => {
    const dir = tempDir();
    const lines = ['id,t,y'];
    for (let i = 0; i < 300; i++) lines.push(`${i},${i % 7},${(i * 1.37).toFixed(2)}`);
    const file = writeFile(dir, 'big.csv', lines.join('\n') + '\n');
    const whole = await readAll(file);
    expect(whole.n).toBe(300);
    for (const size of [5, 16, 64, 1000]) expect(await readAll(file, size)).toEqual(whole);
    const quoted = writeFile(dir, 'q.csv', lines.map((l) => l.split(',').map((f) => `"${f}"`).join(',')).join('\n') + '\n');
    for (const size of [7, 33]) expect(await readAll(quoted, size)).toEqual(whole);
  });

  it('reads a header without data as zero records, and an empty file as an error on line 1', async () => {
    const dir = tempDir();
    expect((await readAll(writeFile(dir, 'h.csv', 'id,x'))).n).toBe(0);
    expect((await readAll(writeFile(dir, 'h2.csv', 'id,x\n'))).n).toBe(0);
    const empty = writeFile(dir, 'empty.csv', '');
    await expectDataError(readAll(empty), { file: empty, line: 1, match: /empty/ });
  });

  it('rejects a header with a repeated column name', async () => {
    const file = writeFile(tempDir(), 'dup.csv', 'id,x,x\n1,2,3\n');
    await expectDataError(readAll(file), { file, line: 1, column: 'x', match: /twice/ });
  });

  it('reports a line with too few fields, in the middle and at the end of the file', async () => {
    const dir = tempDir();
    const mid = writeFile(dir, 'mid.csv', 'id,x,y\n1,2,3\n4,5\n6,7,8\n9,10,11\n');
    await expectDataError(readAll(mid), { file: mid, line: 3, match: /fewer fields than the header \(3\)/ });
    const last = writeFile(dir, 'last.csv', 'id,x,y,z\n1,2,3,4\n1,2\n');
    await expectDataError(readAll(last), { file: last, line: 3, match: /fewer fields/ });
    const lastNoBreak = writeFile(dir, 'last2.csv', 'id,x,y,z\n1,2,3,4\n5,6');
    await expectDataError(readAll(lastNoBreak), { file: lastNoBreak, line: 3, match: /fewer fields/ });
  });

  it('reports an unclosed quote on the line where it starts', async () => {
    const file = writeFile(tempDir(), 'q.csv', 'id,x\n1,2\n3,"4\n');
    await expectDataError(readAll(file), { file, line: 3, match: /fewer fields than the header, or an unclosed quote/ });
  });

  it('turns a CellProblem from the handler into a DataError with the exact line, blank lines included', async () => {
    const file = writeFile(tempDir(), 'b.csv', 'id,x\n1,a\n\n2,b\n\n\n3,bad\n4,d\n');
    const read = streamCsv(file, (h) => ({
      row: (f, record) => {
        if (f[1] === 'bad') throw new CellProblem(record, 'x', 'is bad');
      },
      unconverted: [],
    }));
    await expectDataError(read, { file, line: 7, column: 'x', match: /is bad$/ });
  });

  it('reports a long line when the handler fails on its last field', async () => {
    const file = writeFile(tempDir(), 'long.csv', 'id,x\n1,2\n3,4,5\n');
    const read = streamCsv(file, () => ({
      row: (f, record) => {
        if (!/^\d+$/.test(f[1])) throw new CellProblem(record, 'x', 'not a number');
      },
      unconverted: [],
    }));
    await expectDataError(read, { file, line: 3, match: /more fields than the header \(2\)/ });
  });

  it('maps data records to lines, skipping blank lines', async () => {
    const file = writeFile(tempDir(), 'l.csv', 'a\n1\n\n2\r\n\n3\n4');
    const lines = await locateRecords(file, [0, 1, 2, 3]);
    expect([...lines.entries()].sort((x, y) => x[0] - y[0])).toEqual([
      [0, 2],
      [1, 4],
      [2, 6],
      [3, 7],
    ]);
  });
});
