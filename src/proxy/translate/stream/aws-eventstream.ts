/** AWS `application/vnd.amazon.eventstream` framing (Bedrock `converse-stream`): binary messages of
 * prelude (total length, headers length, prelude CRC), typed headers, payload and message CRC.
 * Both CRC32s are checked, since a corrupt frame would otherwise be translated as garbage.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream */
import { crc32 } from 'node:zlib';
import { type Frame, type Framer, FramingError, MAX_FRAME_CHARS } from './frame.ts';

export type EventStreamHeaderValue = boolean | number | bigint | string | Uint8Array | Date;

export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, EventStreamHeaderValue>>;
  readonly payload: Uint8Array;
}

const PRELUDE = 12;
const MIN_MESSAGE = PRELUDE + 4;
/** AWS caps one event-stream message at 16 MiB; a larger length means we lost the framing. */
const MAX_MESSAGE = MAX_FRAME_CHARS;

/** A stateful decoder: bytes in, whole messages out; a partial message is held until complete. */
export function createEventStreamDecoder(): { push(chunk: Uint8Array): EventStreamMessage[] } {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
      const messages: EventStreamMessage[] = [];
      while (pending.length >= PRELUDE) {
        const total = pending.readUInt32BE(0);
        if (total < MIN_MESSAGE || total > MAX_MESSAGE) throw new FramingError(`invalid event-stream message length ${total}`);
        if (crc32(pending.subarray(0, 8)) !== pending.readUInt32BE(8)) throw new FramingError('event-stream prelude CRC mismatch');
        if (pending.length < total) break;
        messages.push(decodeMessage(pending.subarray(0, total)));
        pending = pending.subarray(total);
      }
      return messages;
    },
  };
}

function decodeMessage(msg: Buffer): EventStreamMessage {
  const total = msg.length;
  if (crc32(msg.subarray(0, total - 4)) !== msg.readUInt32BE(total - 4)) throw new FramingError('event-stream message CRC mismatch');
  const headersLength = msg.readUInt32BE(4);
  const headersEnd = PRELUDE + headersLength;
  if (headersEnd > total - 4) throw new FramingError('event-stream headers overrun the message');
  return {
    headers: decodeHeaders(msg.subarray(PRELUDE, headersEnd)),
    payload: new Uint8Array(msg.subarray(headersEnd, total - 4)),
  };
}

function decodeHeaders(buf: Buffer): Record<string, EventStreamHeaderValue> {
  const headers: Record<string, EventStreamHeaderValue> = {};
  let at = 0;
  const need = (n: number): void => {
    if (at + n > buf.length) throw new FramingError('truncated event-stream header');
  };
  while (at < buf.length) {
    need(1);
    const nameLength = buf.readUInt8(at);
    need(1 + nameLength + 1);
    const name = buf.toString('utf8', at + 1, at + 1 + nameLength);
    const type = buf.readUInt8(at + 1 + nameLength);
    at += 2 + nameLength;
    headers[name] = readValue(type);
  }
  return headers;

  function readValue(type: number): EventStreamHeaderValue {
    switch (type) {
      case 0:
        return true;
      case 1:
        return false;
      case 2:
        need(1);
        return buf.readInt8((at += 1) - 1);
      case 3:
        need(2);
        return buf.readInt16BE((at += 2) - 2);
      case 4:
        need(4);
        return buf.readInt32BE((at += 4) - 4);
      case 5:
        need(8);
        return buf.readBigInt64BE((at += 8) - 8);
      case 6:
      case 7: {
        need(2);
        const length = buf.readUInt16BE(at);
        need(2 + length);
        const bytes = buf.subarray(at + 2, at + 2 + length);
        at += 2 + length;
        return type === 7 ? bytes.toString('utf8') : new Uint8Array(bytes);
      }
      case 8:
        need(8);
        return new Date(Number(buf.readBigInt64BE((at += 8) - 8)));
      case 9:
        need(16);
        return buf.toString('hex', (at += 16) - 16, at);
      default:
        throw new FramingError(`unknown event-stream header type ${type}`);
    }
  }
}

/** The framer over the decoder: one frame per message, its event type and payload text. */
export function createAwsEventStreamFramer(): Framer {
  const decoder = createEventStreamDecoder();
  const text = new TextDecoder('utf-8');
  return {
    push: (chunk) =>
      decoder.push(chunk).map((m): Frame => {
        const messageType = stringHeader(m, ':message-type') ?? 'event';
        const event = stringHeader(m, ':event-type') ?? stringHeader(m, ':exception-type') ?? stringHeader(m, ':error-code');
        const data = text.decode(m.payload);
        return event === undefined ? { data, messageType } : { event, data, messageType };
      }),
    // A partial message at EOF is a cut stream, not a frame: there is nothing to flush.
    end: () => [],
  };
}

function stringHeader(m: EventStreamMessage, name: string): string | undefined {
  const v = m.headers[name];
  return typeof v === 'string' ? v : undefined;
}
