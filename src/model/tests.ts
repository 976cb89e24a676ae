/** Policy tests in the model: what `aigate test` sends, what the mocks answer, what must be seen. */

export interface MockReply {
  readonly status?: number;
  readonly text?: string;
  readonly body?: unknown;
  readonly usage?: { readonly prompt: number; readonly completion: number };
  readonly delayMs?: number;
  readonly fault?: 'reset' | 'cut-stream' | 'malformed-chunk' | 'hang';
}

export interface TestRequest {
  /** The request path (a route's first path when the test named a route). */
  readonly path: string;
  /** Send this consumer's first key where the route expects keys. */
  readonly consumer?: string;
  /** Send this literal key instead. */
  readonly key?: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body, or a string sent as is. */
  readonly body?: unknown;
}

export interface TestExpect {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | null>>;
  readonly servedBy?: string;
  readonly stream?: { readonly done?: boolean; readonly errorEvent?: boolean; readonly minEvents?: number };
  readonly upstream?: {
    readonly called?: boolean;
    readonly calls?: number;
    readonly messages?: readonly unknown[];
    readonly body?: unknown;
    readonly headers?: Readonly<Record<string, string | null>>;
  };
}

export interface TestStep {
  readonly request: TestRequest;
  /** Replies per model name, in call order. */
  readonly mock: Readonly<Record<string, readonly MockReply[]>>;
  readonly expect: TestExpect;
  readonly repeat: number;
}

export interface TestCase {
  readonly name: string;
  readonly steps: readonly TestStep[];
}
