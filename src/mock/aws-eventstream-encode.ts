/**
 * Encoder for the AWS event-stream binary framing (`application/vnd.amazon.eventstream`) that
 * Bedrock's `converse-stream` answers with. One message is:
 *
 *     total length (u32 BE) | headers length (u32 BE) | prelude CRC32 (u32 BE, of the 8 bytes before)
 *     headers: name length (u8) | name | value type (u8, 7 = string) | value length (u16 BE) | value
 *     payload
 *     message CRC32 (u32 BE, of every byte before it)
 *
 * Only string headers are written: Bedrock's event and exception frames use no other type.
 */
import { crc32 } from 'node:zlib';

const STRING_TYPE = 7;
const PRELUDE = 12;
const TRAILER = 4;

function headersLength(headers: Readonly<Record<string, string>>): number {
  let n = 0;
  for (const name in headers) n += 1 + Buffer.byteLength(name) + 1 + 2 + Buffer.byteLength(headers[name] ?? '');
  return n;
}

/** One event-stream message; headers are written in insertion order. */
export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const hLen = headersLength(headers);
  const total = PRELUDE + hLen + body.length + TRAILER;
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(hLen, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  let at = PRELUDE;
  for (const name in headers) {
    const value = headers[name] ?? '';
    const nameLen = out.write(name, at + 1);
    if (nameLen > 255) throw new RangeError(`event-stream header name too long: ${name}`);
    out.writeUInt8(nameLen, at);
    at += 1 + nameLen;
    out.writeUInt8(STRING_TYPE, at);
    const valueLen = out.write(value, at + 3);
    out.writeUInt16BE(valueLen, at + 1);
    at += 3 + valueLen;
  }
  out.set(body, at);
  at += body.length;
  out.writeUInt32BE(crc32(out.subarray(0, at)), at);
  return out;
}

/** A Bedrock stream event: `:event-type` names it, the payload is its JSON. */
export function encodeBedrockEvent(eventType: string, payloadJson: string): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    payloadJson,
  );
}

/** A Bedrock in-stream error (e.g. `throttlingException`), as the SDKs expect it. */
export function encodeBedrockException(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}

/** A frame whose message CRC is wrong: a decoder must reject it. */
export function encodeCorruptEventStreamMessage(): Buffer {
  const frame = encodeBedrockEvent('contentBlockDelta', '{"contentBlockIndex":0,"delta":{"text":"malformed"}}');
  const last = frame.length - 1;
  frame.writeUInt8((frame.readUInt8(last) ^ 0xff) & 0xff, last);
  return frame;
}
