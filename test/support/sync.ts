/** Shared by the sync tests: a config written as a user writes it (JSON), a captured CommandIo,
 * and a kubeconfig pointing at a fake API server. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CommandIo } from '../../src/cli/io.ts';

export interface Captured extends CommandIo {
  stdout: string;
  stderr: string;
  /** Both streams, for "never appears anywhere" checks. */
  readonly all: string;
  reset(): void;
}

export function capture(env: Record<string, string | undefined> = {}): Captured {
  const c = {
    env,
    color: false,
    stdout: '',
    stderr: '',
    get all() {
      return `${c.stdout}\n${c.stderr}`;
    },
    out(t: string) {
      c.stdout += t;
    },
    err(t: string) {
      c.stderr += t;
    },
    reset() {
      c.stdout = '';
      c.stderr = '';
    },
  };
  return c;
}

export interface Workdir {
  readonly dir: string;
  /** Writes `gateway.config.json` (or another name) and returns its path. */
  writeConfig(config: unknown, name?: string): string;
  close(): void;
}

export function workdir(): Workdir {
  const dir = mkdtempSync(join(tmpdir(), 'aigate-sync-'));
  return {
    dir,
    writeConfig(config, name = 'gateway.config.json') {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(config, null, 2));
      return file;
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A kubeconfig with one context per entry, the first current. */
export function writeKubeconfig(dir: string, server: string, token: string, contexts: readonly { name: string; namespace?: string }[], file = 'kubeconfig'): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      // client-node refuses plain http unless TLS verification is off, which is what an http:// server means anyway.
      clusters: [{ name: `fake-${file}`, cluster: { server, 'insecure-skip-tls-verify': true } }],
      users: [{ name: `user-${file}`, user: { token } }],
      contexts: contexts.map((c) => ({ name: c.name, context: { cluster: `fake-${file}`, user: `user-${file}`, ...(c.namespace && { namespace: c.namespace }) } })),
      'current-context': contexts[0]?.name,
    }),
  );
  return path;
}

/** Lines of a unified diff that add or remove something (not the ---/+++ headers). */
export function changedLines(text: string): string[] {
  return text.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
}
