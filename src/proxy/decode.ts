/** Content-Encoding on a 200 reply. The proxy asks every provider for `identity`, but a provider
 * (or the mocks' `gzip` option) may compress anyway, and the translators need plain bytes. */
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

/** A decoder for the body, or undefined when its bytes are plain (or in a coding we do not know,
 * which the translator will then refuse). */
export function decoderFor(contentEncoding: string | undefined): Transform | undefined {
  if (contentEncoding === undefined) return undefined;
  switch (contentEncoding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}
