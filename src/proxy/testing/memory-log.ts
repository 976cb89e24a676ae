/** Test helper: a log sink that keeps the lines, and reads them back as records. */
import type { LogSink, RequestLog } from '../log.ts';

export interface MemoryLog extends LogSink {
  readonly lines: string[];
  entries(): RequestLog[];
}

export function memoryLog(): MemoryLog {
  const lines: string[] = [];
  return {
    lines,
    write: (line) => void lines.push(line),
    entries: () => lines.map((l) => JSON.parse(l) as RequestLog),
  };
}
