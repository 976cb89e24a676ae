import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { encodeBedrockEvent, encodeBedrockException, encodeCorruptEventStreamMessage, encodeEventStreamMessage } from './aws-eventstream-encode.ts';
import { decodeEventStream } from './test-helpers.ts';

/** First frame of a real Bedrock converse-stream, from Kong's fixture `streaming-chunk-formats/aws/input.bin`. */
const KONG_FIRST_FRAME_HEX =
  '00000089000000525cb13d520b3a6576656e742d7479706507000c6d65737361676553746172740d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b2270223a226162636465666768696a6b6c222c22726f6c65223a22617373697374616e74227d705f3c79';

describe('AWS event-stream encoder', () => {
  it('reproduces a recorded Bedrock frame byte for byte, CRCs included', () => {
    // GIVEN the headers and payload of the recorded messageStart frame
    const payload = '{"p":"abcdefghijkl","role":"assistant"}';
    // WHEN it is encoded
    const frame = encodeBedrockEvent('messageStart', payload);
    // THEN the bytes are the recorded ones
    assert.equal(frame.toString('hex'), KONG_FIRST_FRAME_HEX);
  });

  it('writes a prelude and message CRC that decode by hand', () => {
    // GIVEN an event with a multi-byte payload
    const payload = JSON.stringify({ contentBlockIndex: 0, delta: { text: 'héllo ✓' } });
    // WHEN it is encoded
    const frame = encodeBedrockEvent('contentBlockDelta', payload);
    // THEN the prelude gives the total and header lengths, each guarded by its CRC
    const total = frame.readUInt32BE(0);
    const headersLen = frame.readUInt32BE(4);
    assert.equal(total, frame.length);
    assert.equal(frame.readUInt32BE(8), crc32(frame.subarray(0, 8)));
    assert.equal(frame.readUInt32BE(total - 4), crc32(frame.subarray(0, total - 4)));
    assert.equal(total, 12 + headersLen + Buffer.byteLength(payload) + 4);
    // AND the first header is `:event-type` as a string (type 7)
    assert.equal(frame.readUInt8(12), ':event-type'.length);
    assert.equal(frame.toString('utf8', 13, 24), ':event-type');
    assert.equal(frame.readUInt8(24), 7);
    // AND an independent decoder reads the same headers and payload back
    const [decoded] = decodeEventStream(frame);
    assert.deepEqual(decoded?.headers, { ':event-type': 'contentBlockDelta', ':content-type': 'application/json', ':message-type': 'event' });
    assert.equal(decoded?.payload.toString('utf8'), payload);
  });

  it('encodes exception frames and empty payloads', () => {
    // GIVEN an exception and a frame without payload
    const frames = Buffer.concat([encodeBedrockException('throttlingException', 'slow down'), encodeEventStreamMessage({ a: '' }, '')]);
    // WHEN decoded
    const [exc, empty] = decodeEventStream(frames);
    // THEN both survive
    assert.equal(exc?.headers[':message-type'], 'exception');
    assert.equal(exc?.headers[':exception-type'], 'throttlingException');
    assert.deepEqual(JSON.parse(exc?.payload.toString() ?? ''), { message: 'slow down' });
    assert.deepEqual(empty?.headers, { a: '' });
    assert.equal(empty?.payload.length, 0);
  });

  it('makes a corrupt frame that a decoder rejects', () => {
    assert.throws(() => decodeEventStream(encodeCorruptEventStreamMessage()), /message CRC mismatch/);
  });
});
