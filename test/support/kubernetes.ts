/** Assertions every emitted Kubernetes manifest must pass: it parses as YAML documents, each object
 * opens with apiVersion, kind and metadata, names are DNS-1123, aigate's ownership labels are on
 * it, and it validates against its CRD (and Kong's plugin schema for KongPlugin configs). */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { ownershipLabels } from '../../src/emit/index.ts';
import type { KongVersion } from '../../src/model/index.ts';
import { checkPlugin, formatProblems } from '../../targets/deck/schema-check.ts';
import { checkObject, formatObjectProblems } from './kgo-schemas.ts';
import type { Doc } from './models.ts';

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Label keys and values (Kubernetes "qualified names" and label values).
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Every document in a multi-document YAML file, parsed; fails on any YAML error. */
export function parseManifests(text: string): Doc[] {
  const docs = parseAllDocuments(text);
  assert.ok(Array.isArray(docs), 'the file holds YAML documents');
  for (const d of docs) assert.deepEqual(d.errors, [], 'YAML errors');
  return docs.map((d) => d.toJS());
}

/** The envelope, names and labels of one object, for aigate's gateway `gateway`. */
export function assertEnvelope(obj: Doc, gateway: string): void {
  const where = `${obj?.kind}/${obj?.metadata?.name}`;
  assert.deepEqual(Object.keys(obj).slice(0, 3), ['apiVersion', 'kind', 'metadata'], `${where}: apiVersion, kind, metadata first`);
  const meta = obj.metadata;
  assert.deepEqual(Object.keys(meta).filter((k) => !['name', 'namespace', 'labels', 'annotations'].includes(k)), [], `${where}: metadata fields`);
  assert.equal(typeof meta.name, 'string');
  assert.ok(meta.name.length <= 253 && DNS_SUBDOMAIN.test(meta.name), `${where}: name is a DNS-1123 subdomain`);
  // aigate derives every name with dnsLabel, so every name is a label too (Services require it).
  assert.ok(meta.name.length <= 63 && DNS_LABEL.test(meta.name), `${where}: name is a DNS-1123 label`);
  if (meta.namespace !== undefined) assert.ok(DNS_LABEL.test(meta.namespace) && meta.namespace.length <= 63, `${where}: namespace`);
  // A KongClusterPlugin also carries the label that makes KIC run it on every route.
  const expected = obj.kind === 'KongClusterPlugin' ? { ...ownershipLabels(gateway), global: 'true' } : ownershipLabels(gateway);
  assert.deepEqual(meta.labels, expected, `${where}: ownership labels`);
  for (const [k, v] of Object.entries<string>(meta.labels)) {
    const name = k.includes('/') ? k.slice(k.indexOf('/') + 1) : k;
    assert.ok(name.length <= 63 && LABEL_NAME.test(name), `${where}: label key ${k}`);
    assert.ok(v.length <= 63 && LABEL_NAME.test(v), `${where}: label value ${v}`);
  }
  for (const v of Object.values(meta.annotations ?? {})) assert.equal(typeof v, 'string', `${where}: annotation values are strings`);
}

/** The object against its CRD schema; a KongPlugin's config also against Kong's plugin schema. */
export function assertValidObject(obj: Doc, kongVersion: KongVersion): void {
  const problems = checkObject(obj);
  assert.equal(problems.length, 0, formatObjectProblems(obj, problems));
  if (obj.kind === 'KongPlugin' || obj.kind === 'KongClusterPlugin') {
    const kong = checkPlugin({ name: obj.plugin, config: obj.config }, kongVersion);
    assert.equal(kong.length, 0, `${obj.kind}/${obj.metadata.name}:\n${formatProblems(kong)}`);
  }
}

/** Every check above, on every object in the file. */
export function assertManifests(text: string, gateway: string, kongVersion: KongVersion): Doc[] {
  const objects = parseManifests(text);
  assert.ok(objects.length > 0, 'at least one object');
  for (const o of objects) {
    assertEnvelope(o, gateway);
    assertValidObject(o, kongVersion);
  }
  return objects;
}

/** Fails if `needle` occurs anywhere in the text (a planted secret value). */
export function assertNoValue(text: string, needle: string): void {
  assert.ok(!text.includes(needle), `the output holds the secret value ${needle}`);
}
