/** Kong's streaming-chunk-formats fixtures through our framing parsers, plus chunk-boundary and
 * corruption cases Kong's fixtures do not cover. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes, fixtureJson, fixtureText, fixturesMissing } from '../testing/kong-fixtures.ts';
import { createEventStreamDecoder } from './aws-eventstream.ts';
import { type Frame, FramingError, MAX_FRAME_CHARS } from './frame.ts';
import { createFramer, framingFor } from './framing.ts';

const data = (frames: readonly Frame[]): string[] => frames.map((f) => f.data);
const expectedData = (rel: string): string[] => (fixtureJson(rel) as { data: string }[]).map((e) => e.data);

/** Feeds `bytes` in pieces of `size` bytes, as a slow network would. */
function pushInPieces(push: (b: Uint8Array) => Frame[], bytes: Uint8Array, size: number): Frame[] {
  const out: Frame[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...push(bytes.subarray(i, i + size)));
  return out;
}

function geminiText(frames: readonly Frame[]): string {
  return frames
    .filter((f) => f.data !== '[DONE]')
    .map((f) => {
      const e = JSON.parse(f.data) as { candidates: { content: { parts: { text: string }[] } }[] };
      return e.candidates[0]?.content.parts[0]?.text ?? '';
    })
    .join('');
}

describe('stream framing: Kong streaming-chunk-formats', { skip: fixturesMissing }, () => {
  it('decodes AWS event-stream messages with their headers and payloads', () => {
    // GIVEN Bedrock's binary event stream
    const input = fixtureBytes('streaming-chunk-formats/aws/input.bin');

    // WHEN it is decoded in one piece
    const messages = createEventStreamDecoder().push(input);

    // THEN every message matches Kong's {headers, body} events
    const expected = expectedData('streaming-chunk-formats/aws/expected-output.json').map((d) => JSON.parse(d) as unknown);
    assert.equal(messages.length, expected.length);
    messages.forEach((m, i) => {
      assert.deepEqual({ headers: m.headers, body: new TextDecoder().decode(m.payload) }, expected[i]);
    });
  });

  it('decodes AWS event-stream messages split at every byte', () => {
    // GIVEN the same stream  WHEN it arrives one byte at a time  THEN the same messages come out, in order
    const input = fixtureBytes('streaming-chunk-formats/aws/input.bin');
    const framer = createFramer('aws-eventstream');
    const frames = pushInPieces((b) => framer.push(b), input, 1);
    assert.deepEqual(
      frames.map((f) => f.event),
      ['messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata'],
    );
    assert.ok(frames.every((f) => f.messageType === 'event'));
  });

  it('refuses an AWS message whose CRC does not match', () => {
    // GIVEN a stream with one payload byte flipped
    const input = Buffer.from(fixtureBytes('streaming-chunk-formats/aws/input.bin'));
    input[40] = (input[40] ?? 0) ^ 0xff;

    // WHEN it is decoded  THEN the framing fails instead of emitting a corrupt event
    assert.throws(() => createEventStreamDecoder().push(input), FramingError);
  });

  it('splits JSON lines sent as text/event-stream (Cohere v1)', () => {
    // GIVEN a text/event-stream body that is really JSON lines
    const framer = createFramer(framingFor('text/event-stream') ?? 'sse');

    // WHEN it is framed  THEN each line is one event, as in Kong
    const frames = framer.push(fixtureBytes('streaming-chunk-formats/complete-json/input.bin'));
    assert.deepEqual([...data(frames), ...data(framer.end())], expectedData('streaming-chunk-formats/complete-json/expected-output.json'));
  });

  it('frames text/event-stream events, holding the unterminated last line', () => {
    // GIVEN an OpenAI SSE body whose final "data: [DONE]" has no newline
    const framer = createFramer('sse');

    // WHEN it is pushed  THEN the three complete events come out, as in Kong
    assert.deepEqual(data(framer.push(fixtureBytes('streaming-chunk-formats/text-event-stream/input.bin'))), expectedData('streaming-chunk-formats/text-event-stream/expected-output.json'));

    // AND the held [DONE] line is delivered when the upstream closes
    assert.deepEqual(data(framer.end()), ['[DONE]']);
  });

  it('frames the start of a Gemini JSON array', () => {
    // GIVEN the first bytes of a streamGenerateContent array  WHEN framed  THEN each element is one event
    const framer = createFramer('json-array');
    const frames = framer.push(fixtureBytes('streaming-chunk-formats/partial-json-beginning/input.bin'));
    assert.deepEqual(data(frames), expectedData('streaming-chunk-formats/partial-json-beginning/expected-output.json'));
  });

  it('frames the end of a Gemini JSON array and emits [DONE] on its closing bracket', () => {
    // GIVEN a parser already inside the array (Kong's test seeds that state; we push the "[")
    const framer = createFramer('json-array');
    assert.deepEqual(framer.push(Buffer.from('[')), []);

    // WHEN the array's tail arrives  THEN its elements come out, then [DONE]
    const frames = framer.push(fixtureBytes('streaming-chunk-formats/partial-json-end/input.bin'));
    assert.deepEqual(data(frames), expectedData('streaming-chunk-formats/partial-json-end/expected-output.json'));
  });

  for (const [name, parts] of [
    ['partial-json-split', ['input-1.bin', 'input-2.bin']],
    ['partial-json-split-three-parts', ['input-1.bin', 'input-2.bin', 'input-3.bin']],
  ] as const) {
    it(`joins Gemini elements split across chunks (${name})`, () => {
      // GIVEN a Gemini stream cut mid-element  WHEN the parts are pushed in order
      const framer = createFramer('json-array');
      const frames = parts.flatMap((p) => framer.push(fixtureBytes(`streaming-chunk-formats/${name}/${p}`)));

      // THEN the texts of the joined elements make Kong's expected output
      assert.equal(geminiText(frames), fixtureText(`streaming-chunk-formats/${name}/expected-output.bin`));
    });
  }

  it('joins Gemini elements split at every byte, including inside strings and escapes', () => {
    // GIVEN the three-part stream as one body  WHEN pushed a byte at a time
    const name = 'partial-json-split-three-parts';
    const whole = Buffer.concat(['input-1.bin', 'input-2.bin', 'input-3.bin'].map((p) => fixtureBytes(`streaming-chunk-formats/${name}/${p}`)));
    const framer = createFramer('json-array');
    const frames = pushInPieces((b) => framer.push(b), whole, 1);

    // THEN the same text comes out
    assert.equal(geminiText(frames), fixtureText(`streaming-chunk-formats/${name}/expected-output.bin`));
  });
});

describe('stream framing: edge cases', () => {
  it('keeps multi-byte UTF-8 characters split across chunks', () => {
    // GIVEN an SSE event whose "é" is cut between two chunks
    const bytes = Buffer.from('data: {"t":"café"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const framer = createFramer('sse');

    // WHEN pushed in two pieces  THEN the character is intact
    const frames = [...framer.push(bytes.subarray(0, cut)), ...framer.push(bytes.subarray(cut))];
    assert.deepEqual(data(frames), ['{"t":"café"}']);
  });

  it('sniffs a JSON array when no content type is given', () => {
    // GIVEN no Content-Type  WHEN the body starts with "["  THEN it is read as a JSON array
    const framer = createFramer(framingFor(undefined) ?? 'sse');
    assert.deepEqual(data(framer.push(Buffer.from('  [{"a":"]"},{"b":"\\"}"}]'))), ['{"a":"]"}', '{"b":"\\"}"}', '[DONE]']);
  });

  it('refuses a JSON stream that is not an array', () => {
    // GIVEN application/json that is an object  WHEN framed  THEN framing fails
    assert.throws(() => createFramer('json-array').push(Buffer.from('{"error":{}}')), FramingError);
  });

  it('has no framing for a content type Kong does not stream', () => {
    assert.equal(framingFor('text/html; charset=utf-8'), undefined);
    assert.equal(framingFor('application/vnd.amazon.eventstream'), 'aws-eventstream');
    assert.equal(framingFor('Application/JSON; charset=UTF-8'), 'json-array');
    assert.equal(framingFor('application/x-ndjson'), 'ndjson');
  });

  it('refuses a frame that never ends once it passes the size limit, in every text framing', () => {
    // GIVEN more than MAX_FRAME_CHARS of one unterminated frame  WHEN pushed  THEN framing fails
    const huge = Buffer.from('x'.repeat(MAX_FRAME_CHARS + 1));
    for (const [framing, head] of [['sse', 'data: '], ['ndjson', '{"a":"'], ['json-array', '[{"a":"']] as const) {
      const framer = createFramer(framing);
      assert.throws(() => [framer.push(Buffer.from(head)), framer.push(huge)], FramingError, framing);
    }
  });

  it('flushes the last JSON line when the upstream closes without a newline', () => {
    const framer = createFramer('ndjson');
    assert.deepEqual(data(framer.push(Buffer.from('{"a":1}\r\n{"b"'))), ['{"a":1}']);
    assert.deepEqual(data(framer.push(Buffer.from(':2}'))), []);
    assert.deepEqual(data(framer.end()), ['{"b":2}']);
  });
});
