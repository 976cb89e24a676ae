import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_STREAM_CHUNKS, countWords, splitChunks, summariseMessages } from './text.ts';

describe('echo text helpers', () => {
  it('counts whitespace-separated words', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('  one\ttwo\n three  '), 3);
    assert.equal(countWords('What is 1 + 2?'), 5);
  });

  it('splits into word deltas that rejoin exactly', () => {
    // GIVEN text with leading, doubled and trailing whitespace
    const text = ' echo:  hello\nworld ';
    // WHEN split
    const parts = splitChunks(text);
    // THEN each delta starts with its whitespace, and nothing is lost
    assert.deepEqual(parts, [' echo:', '  hello', '\nworld ']);
    assert.equal(parts.join(''), text);
  });

  it('caps the number of deltas for long texts', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ');
    const parts = splitChunks(text);
    assert.ok(parts.length <= MAX_STREAM_CHUNKS);
    assert.equal(parts.join(''), text);
    assert.deepEqual(splitChunks(''), ['']);
  });

  it('summarises messages: last user turn, words of everything including system and parts', () => {
    const s = summariseMessages(
      [
        { role: 'user', content: [{ type: 'text', text: 'look at' }, { type: 'image_url', image_url: { url: 'x' } }] },
        { role: 'assistant', content: 'ok then' },
        { role: 'user', content: 'and this' },
        { role: 'tool', content: 'tool output here' },
      ],
      ['be brief'],
    );
    assert.deepEqual(s, { lastUser: 'and this', promptWords: 2 + 2 + 2 + 3 + 2 });
  });
});
