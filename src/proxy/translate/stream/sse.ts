/** `text/event-stream` framing, on eventsource-parser so the SSE line rules (CR/LF/CRLF, multi-line
 * data, comments, a leading space) are not re-implemented here. */
import { createParser } from 'eventsource-parser';
import { type Frame, type Framer, FramingError, MAX_FRAME_CHARS } from './frame.ts';

export function createSseFramer(): Framer {
  const decoder = new TextDecoder('utf-8');
  let out: Frame[] = [];
  let overflow = false;
  const parser = createParser({
    maxBufferSize: MAX_FRAME_CHARS,
    onEvent: (e) => out.push(e.event === undefined ? { data: e.data } : { event: e.event, data: e.data }),
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const take = (): Frame[] => {
    if (overflow) throw new FramingError('SSE event exceeds the frame size limit');
    const frames = out;
    out = [];
    return frames;
  };
  return {
    push(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      return take();
    },
    end() {
      // Kong dispatches an event on the first empty line even when the upstream never sends the
      // closing blank line (OpenAI's last frame often ends in a single "\n"); feeding the blank
      // line at EOF gives the same result instead of dropping that last event as strict SSE would.
      parser.feed(`${decoder.decode()}\n\n`);
      return take();
    },
  };
}
