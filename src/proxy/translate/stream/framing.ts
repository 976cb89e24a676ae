/** Picks the framing parser from the upstream's Content-Type, as Kong's `frame_to_events` does, and
 * sniffs the first byte when the type is missing or claims SSE but the body is JSON lines. */
import { createAwsEventStreamFramer } from './aws-eventstream.ts';
import type { Framer } from './frame.ts';
import { createJsonArrayFramer } from './json-array.ts';
import { createNdjsonFramer } from './ndjson.ts';
import { createSseFramer } from './sse.ts';

export type Framing = 'sse' | 'aws-eventstream' | 'json-array' | 'ndjson' | 'sniff';

/** Media type without parameters, lower-case: `text/event-stream; charset=utf-8` → `text/event-stream`. */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The framing for a Content-Type; `undefined` for a type Kong does not stream (its error chunk follows). */
export function framingFor(contentType: string | undefined): Framing | undefined {
  if (contentType === undefined || contentType.trim() === '') return 'sniff';
  switch (mediaType(contentType)) {
    case 'text/event-stream':
      // Kong parses a text/event-stream body that starts with '{' as JSON lines (Cohere v1 did this).
      return 'sniff';
    case 'application/vnd.amazon.eventstream':
      return 'aws-eventstream';
    case 'application/json':
      return 'json-array';
    case 'application/x-ndjson':
    case 'application/stream+json':
      return 'ndjson';
    default:
      return undefined;
  }
}

export function createFramer(framing: Framing): Framer {
  switch (framing) {
    case 'sse':
      return createSseFramer();
    case 'aws-eventstream':
      return createAwsEventStreamFramer();
    case 'json-array':
      return createJsonArrayFramer();
    case 'ndjson':
      return createNdjsonFramer();
    case 'sniff':
      return createSniffingFramer();
  }
}

/** Waits for the first non-blank byte: `{` means JSON lines, `[` a JSON array, anything else SSE. */
function createSniffingFramer(): Framer {
  let inner: Framer | undefined;
  let held: Uint8Array[] = [];
  const choose = (chunk: Uint8Array): Framer | undefined => {
    const first = chunk.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
    if (first === undefined) return undefined;
    return createFramer(first === 0x7b ? 'ndjson' : first === 0x5b ? 'json-array' : 'sse');
  };
  return {
    push(chunk) {
      if (inner) return inner.push(chunk);
      inner = choose(chunk);
      if (!inner) {
        held.push(chunk);
        return [];
      }
      const frames = held.flatMap((h) => inner?.push(h) ?? []);
      held = [];
      return [...frames, ...inner.push(chunk)];
    },
    end() {
      // Only blank bytes ever arrived: an empty stream, nothing to frame.
      return inner ? inner.end() : [];
    },
  };
}
