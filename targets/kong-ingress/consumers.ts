/** KongConsumers with their group memberships, the names of their credential Secrets and their
 * policy KongPlugins, and the KongConsumerGroups with theirs. The Secrets themselves are not
 * written: they would hold the keys. */
import type { Consumer } from '../../src/model/index.ts';
import { manifest, objectMeta } from '../../src/emit/kubernetes/index.ts';
import { reportInline } from '../../src/emit/kong/index.ts';
import type { IngressContext } from './context.ts';
import type { KongConsumerGroupObject, KongConsumerObject, KongPluginObject } from './kic-types.ts';
import { ownerPlugins } from './plugins.ts';
import { consumerGroupName, consumerName, credentialSecretName } from './names.ts';

// The KongConsumer CRD's patterns (schema/vendor/kgo/configuration.konghq.com_kongconsumers.yaml).
const USERNAME = /^[\p{L}\p{N}.\-_~+@/[\]]*(?: [\p{L}\p{N}.\-_~+@/[\]]+)*$/u;
const CUSTOM_ID = /^[0-9a-zA-Z.\-_~()#%@|+[\]]*(?: [0-9a-zA-Z.\-_~()#%@|+[\]]+)*$/u;
const MAX_ID = 128;

/** A KongConsumer or KongConsumerGroup with the KongPlugins its annotation lists. */
export interface WithPlugins<T> {
  readonly object: T;
  readonly plugins: readonly KongPluginObject[];
}

export function kongConsumers(ctx: IngressContext): WithPlugins<KongConsumerObject>[] {
  return ctx.model.consumers.map((c) => {
    checkIds(ctx, c);
    const plugins = ownerPlugins(ctx, { scope: 'consumer', name: c.name });
    const metadata = objectMeta(ctx.model, ctx.options, consumerName(ctx.model.name, c.name), { annotations: annotations(ctx, plugins) });
    const credentials = credentialSecrets(ctx, c);
    const object = manifest('configuration.konghq.com/v1', 'KongConsumer', metadata, {
      username: c.name,
      custom_id: c.customId,
      consumerGroups: c.groups.length > 0 ? c.groups.map(consumerGroupName) : undefined,
      credentials: credentials.length > 0 ? credentials : undefined,
    });
    return { object, plugins };
  });
}

export function kongConsumerGroups(ctx: IngressContext): WithPlugins<KongConsumerGroupObject>[] {
  return ctx.model.consumerGroups.map((g) => {
    const name = consumerGroupName(g.name);
    if (name !== g.name) {
      ctx.warn(
        'unsupported_by_target',
        ['consumerGroups', g.name],
        `Kong Ingress Controller names a consumer group after its object, so Kong will know "${g.name}" as "${name}"`,
        'use a lower-case name of letters, digits and dashes to keep the same name in Kong',
      );
    }
    const plugins = ownerPlugins(ctx, { scope: 'consumer-group', name: g.name });
    const object = manifest('configuration.konghq.com/v1beta1', 'KongConsumerGroup', objectMeta(ctx.model, ctx.options, name, { annotations: annotations(ctx, plugins) }), {});
    return { object, plugins };
  });
}

// KIC ingests KongConsumers and KongConsumerGroups only with its class annotation, and attaches the
// KongPlugins their `konghq.com/plugins` names (kgo FACTS §3).
function annotations(ctx: IngressContext, plugins: readonly KongPluginObject[]): Record<string, string> {
  const out: Record<string, string> = { 'kubernetes.io/ingress.class': ctx.options.ingressClass };
  if (plugins.length > 0) out['konghq.com/plugins'] = plugins.map((p) => p.metadata.name).join(',');
  return out;
}

/** Secret names for the consumer's keys, recorded for the header. Any reference can fill a
 * Secret when it is created; an inline value cannot, since it would have to be written here. */
function credentialSecrets(ctx: IngressContext, c: Consumer): string[] {
  const names: string[] = [];
  c.credentials.forEach((cred, i) => {
    const path = ['consumers', c.name, 'keys', i];
    if (cred.key.kind === 'inline') {
      reportInline(ctx, path);
      return;
    }
    const name = credentialSecretName(ctx.model.name, c.name, i);
    ctx.credentialSecrets.push({ name, consumer: c.name, credential: cred, path });
    names.push(name);
  });
  return names;
}

function checkIds(ctx: IngressContext, c: Consumer): void {
  if (c.name.length > MAX_ID || !USERNAME.test(c.name)) {
    ctx.report(
      'unsupported_by_target',
      ['consumers', c.name],
      `a KongConsumer username is at most ${MAX_ID} letters, digits and . - _ ~ + @ / [ ]; "${c.name}" is not`,
      'rename the consumer',
    );
  }
  if (c.customId !== undefined && (c.customId.length > MAX_ID || !CUSTOM_ID.test(c.customId))) {
    ctx.report(
      'unsupported_by_target',
      ['consumers', c.name, 'customId'],
      `a KongConsumer custom_id is at most ${MAX_ID} letters, digits and . - _ ~ ( ) # % @ | + [ ]`,
      'change the customId',
    );
  }
}
