/** Test-only helpers for the mock's suites: parse each stream framing the way a client would. */
import { crc32 } from 'node:zlib';
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';

/** SSE text → events, via the same parser real clients use. */
export function parseSse(text: string): EventSourceMessage[] {
  const out: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => out.push(e) });
  parser.feed(text);
  return out;
}

export function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

export interface DecodedFrame {
  readonly headers: Record<string, string>;
  readonly payload: Buffer;
}

/**
 * AWS event-stream decoder written from the format description, independent of the encoder: checks
 * both CRCs and the lengths, and throws on anything inconsistent.
 */
export function decodeEventStream(buf: Buffer): DecodedFrame[] {
  const frames: DecodedFrame[] = [];
  let at = 0;
  while (at < buf.length) {
    if (buf.length - at < 16) throw new Error(`truncated frame at ${at}`);
    const total = buf.readUInt32BE(at);
    const headersLen = buf.readUInt32BE(at + 4);
    const preludeCrc = buf.readUInt32BE(at + 8);
    if (crc32(buf.subarray(at, at + 8)) !== preludeCrc) throw new Error(`prelude CRC mismatch at ${at}`);
    if (at + total > buf.length) throw new Error(`frame at ${at} claims ${total} bytes, ${buf.length - at} left`);
    const messageCrc = buf.readUInt32BE(at + total - 4);
    if (crc32(buf.subarray(at, at + total - 4)) !== messageCrc) throw new Error(`message CRC mismatch at ${at}`);
    const headers: Record<string, string> = {};
    let h = at + 12;
    const headersEnd = h + headersLen;
    while (h < headersEnd) {
      const nameLen = buf.readUInt8(h);
      const name = buf.toString('utf8', h + 1, h + 1 + nameLen);
      h += 1 + nameLen;
      const type = buf.readUInt8(h);
      if (type !== 7) throw new Error(`header ${name}: value type ${type}, only strings expected`);
      const valueLen = buf.readUInt16BE(h + 1);
      headers[name] = buf.toString('utf8', h + 3, h + 3 + valueLen);
      h += 3 + valueLen;
    }
    frames.push({ headers, payload: buf.subarray(headersEnd, at + total - 4) });
    at += total;
  }
  return frames;
}

/** The bytes as they came, for framings where chunk boundaries matter. */
export async function readChunks(body: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of body) out.push(c);
  return out;
}
