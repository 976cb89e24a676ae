/** Reading an SSE answer: events, [DONE], error events, cut connections, the last JSON event. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSse } from './client.ts';

describe('readSse', () => {
  it('sees a clean end with [DONE] and keeps the last JSON event', () => {
    const s = readSse('data: {"a":1}\n\ndata: {"usage":{"total_tokens":3}}\n\ndata: [DONE]\n\n', false);
    assert.deepEqual(s.events, ['{"a":1}', '{"usage":{"total_tokens":3}}', '[DONE]']);
    assert.equal(s.done, true);
    assert.equal(s.errorEvent, false);
    assert.deepEqual(s.last, { usage: { total_tokens: 3 } });
  });

  it('is not done when the connection was cut, even after [DONE]', () => {
    assert.equal(readSse('data: [DONE]\n\n', true).done, false);
  });

  it('finds error events by name or by an error field, and CRLF framing', () => {
    assert.equal(readSse('event: error\r\ndata: oops\r\n\r\n', false).errorEvent, true);
    const s = readSse('data: {"x":1}\n\ndata: {"error":{"message":"upstream broke"}}\n\n', false);
    assert.equal(s.errorEvent, true);
    assert.equal(s.done, false);
  });
});
