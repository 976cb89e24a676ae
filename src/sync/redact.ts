/** The last line of defence: every byte aigate prints during a sync goes through a redactor that
 * knows each secret value it read, in the encodings it could travel in (raw, base64, JSON-escaped),
 * and replaces them with `***`. Structural masking (mask.ts) keeps values out of diffs; this keeps
 * them out of whatever a server echoes back in an error. */

// Shorter values would blank out ordinary words; they are still masked structurally.
const MIN_LENGTH = 4;

export interface Redactor {
  /** Registers a secret value read from its source. */
  add(value: string): void;
  redact(text: string): string;
}

export function createRedactor(): Redactor {
  const values = new Set<string>();
  let pattern: RegExp | undefined;
  return {
    add(value) {
      if (value.length < MIN_LENGTH) return;
      const forms = [value, Buffer.from(value).toString('base64'), JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
      for (const f of forms) values.add(f);
      pattern = undefined;
    },
    redact(text) {
      if (values.size === 0) return text;
      // Longest first, so a value that contains another is replaced whole.
      pattern ??= new RegExp([...values].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
      return text.replace(pattern, '***');
    },
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
