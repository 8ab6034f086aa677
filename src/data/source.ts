/**
 * A data file as a stream of text, whatever its compression and encoding: gzip is detected
 * by its magic bytes (register extracts are often delivered as .csv.gz) and decompressed on
 * the fly; UTF-8 is checked strictly, so a Latin-1 file is refused with the option to pass
 * instead of being read into replacement characters ("syssels\uFFFDttning").
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { DataError } from './errors';

/** The encodings readers accept (`--encoding`). latin1 also reads Windows-1252 letters (å, ä, ö). */
export const ENCODINGS = ['utf8', 'latin1'] as const;
export type TextEncoding = (typeof ENCODINGS)[number];

export function checkEncoding(name: string | undefined): TextEncoding {
  const e = (name ?? 'utf8').toLowerCase().replace(/^utf-8$/, 'utf8').replace(/^(iso-?8859-1|latin-1)$/, 'latin1');
  if (!(ENCODINGS as readonly string[]).includes(e)) {
    const err = new Error(`--encoding must be utf8 or latin1, not "${name}"`);
    err.name = 'UserError';
    throw err;
  }
  return e as TextEncoding;
}

/** Whether the file starts with gzip's magic bytes 1f 8b. */
export function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    return fs.readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

export function checkReadable(file: string): void {
  if (!fs.existsSync(file)) throw new DataError({ file }, 'the file does not exist');
  if (fs.statSync(file).isDirectory()) throw new DataError({ file }, 'is a directory, not a data file');
}

/** Bytes of text the file holds, roughly (compressed files count as 6 times their size). */
export function textSizeEstimate(file: string): number {
  const size = fs.statSync(file).size;
  return isGzip(file) ? size * 6 : size;
}

/** Offset of the first byte that is not part of valid UTF-8 in `b` (b.length if none; an incomplete tail is valid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return b.length;
      if ((b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return b.length;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let p = s.indexOf('\n'); p !== -1; p = s.indexOf('\n', p + 1)) n++;
  return n;
}

/**
 * The file's text in chunks. Throws a DataError naming the line when the bytes are not
 * valid UTF-8 (with `encoding` utf8), suggesting --encoding latin1 when Latin-1 reads them
 * as letters.
 */
export async function* readText(file: string, encoding: TextEncoding = 'utf8', chunkBytes = 1 << 16): AsyncGenerator<string> {
  checkReadable(file);
  const raw = fs.createReadStream(file, { highWaterMark: chunkBytes });
  const stream: NodeJS.ReadableStream = isGzip(file) ? raw.pipe(zlib.createGunzip({ chunkSize: chunkBytes })) : raw;
  const decoder = encoding === 'utf8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let lines = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      if (decoder) {
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw notUtf8(file, chunk, lines);
        }
      } else {
        if (looksLikeUtf8(chunk)) throw utf8AsLatin1(file, chunk, lines);
        text = chunk.toString('latin1');
      }
      lines += countNewlines(text);
      if (text.length > 0) yield text;
    }
    if (decoder) {
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw new DataError({ file, line: lines + 1 }, 'the file is not valid UTF-8: it ends inside a character');
      }
      if (tail.length > 0) yield tail;
    }
  } catch (err) {
    if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
      throw new DataError({ file }, `the file starts like gzip but does not decompress (${err.message})`);
    }
    throw err;
  } finally {
    raw.destroy();
  }
}

/**
 * UTF-8 read as Latin-1 turns "ö" into "Ã¶" without any error. A Latin-1 text almost never
 * has "Ã" (0xC3) followed by a byte of 0x80-0xBF, which is how UTF-8 writes å, ä, ö, é, ü.
 */
function looksLikeUtf8(chunk: Buffer): boolean {
  for (let i = chunk.indexOf(0xc3); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(0xc3, i + 1)) {
    const next = chunk[i + 1];
    if (next >= 0x80 && next <= 0xbf) return true;
  }
  return false;
}

function utf8AsLatin1(file: string, chunk: Buffer, linesBefore: number): DataError {
  let at = chunk.indexOf(0xc3);
  while (at !== -1 && !(chunk[at + 1] >= 0x80 && chunk[at + 1] <= 0xbf)) at = chunk.indexOf(0xc3, at + 1);
  const line = linesBefore + countNewlines(chunk.subarray(0, at).toString('latin1')) + 1;
  const word = chunk.subarray(at, at + 2).toString('utf8');
  return new DataError({ file, line }, `the file looks like UTF-8 ("${word}" is written as UTF-8), not Latin-1: leave out --encoding latin1`);
}

function notUtf8(file: string, chunk: Buffer, linesBefore: number): DataError {
  const at = Math.min(firstInvalidUtf8(chunk), chunk.length - 1);
  const before = chunk.subarray(0, at).toString('latin1');
  const line = linesBefore + countNewlines(before) + 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  let lineEnd = chunk.indexOf(0x0a, at);
  if (lineEnd < 0) lineEnd = chunk.length;
  const asLatin1 = chunk.subarray(lineStart, lineEnd).toString('latin1').replace(/\r$/, '');
  const word = /[^\s,;|\t"]*$/.exec(asLatin1.slice(0, at - lineStart))![0] + /^[^\s,;|\t"]*/.exec(asLatin1.slice(at - lineStart))![0];
  const byte = chunk[at].toString(16).toUpperCase().padStart(2, '0');
  const letter = /[\u00c0-\u00ff]/.test(String.fromCharCode(chunk[at]));
  return new DataError(
    { file, line },
    `the file is not valid UTF-8 (byte 0x${byte})` +
      (letter ? `; read as Latin-1 (Windows-1252) it says "${word}": pass --encoding latin1` : '; pass --encoding latin1 if the file was not written in UTF-8'),
  );
}
