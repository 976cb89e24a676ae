/** HTTPRoutes: attached to the Gateway, prefix and regex paths as Gateway API path matches, Kong's
 * routing behaviour kept the same as the deck target's, and paths the Gateway API refuses reported. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndPaths, emitFails, emitOk, named } from '../../test/support/kong-ingress.ts';
import { gateway, route } from '../../test/support/models.ts';

describe('kong-ingress target: HTTPRoutes', () => {
  it('GIVEN a route WHEN emitted THEN an HTTPRoute on Gateway "kong" with strip-path on and preserve-host off, like the deck route', () => {
    const { objects } = emitOk(gateway());
    const r = named(objects, 'HTTPRoute', 'acme-chat');
    assert.deepEqual(r.metadata.annotations, {
      'konghq.com/plugins': 'acme-chat-ai-proxy',
      'konghq.com/preserve-host': 'false',
      'konghq.com/strip-path': 'true',
    });
    assert.deepEqual(r.spec, {
      parentRefs: [{ name: 'kong' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/chat' } }], backendRefs: [{ name: 'acme-placeholder', port: 32000 }] }],
    });
  });

  it('GIVEN prefix and ~regex paths on one route WHEN emitted THEN PathPrefix and RegularExpression matches in one rule, the regex without its ~', () => {
    // GIVEN
    const m = gateway({ routes: [route('versioned', ['gpt'], { paths: ['/v1/chat', '~/v[0-9]+/tenants/[a-z0-9-]+/chat$'] })] });
    // WHEN
    const { objects } = emitOk(m);
    // THEN: KIC writes a RegularExpression value back as a Kong path with the ~ prefix
    assert.deepEqual(named(objects, 'HTTPRoute', 'acme-versioned').spec.rules[0].matches, [
      { path: { type: 'PathPrefix', value: '/v1/chat' } },
      { path: { type: 'RegularExpression', value: '/v[0-9]+/tenants/[a-z0-9-]+/chat$' } },
    ]);
  });

  it('GIVEN prefix paths the Gateway API refuses WHEN emitted THEN unsupported_by_target at each path, before any cluster sees them', () => {
    // GIVEN
    const m = gateway({ routes: [route('chat', ['gpt'], { paths: ['/ok', '/a//b', '/x#y', '/ü', '/end/.'] })] });
    // WHEN
    const ds = emitFails(m);
    // THEN
    assert.deepEqual(codesAndPaths(ds), [
      ['unsupported_by_target', 'routes.chat.paths.1'],
      ['unsupported_by_target', 'routes.chat.paths.2'],
      ['unsupported_by_target', 'routes.chat.paths.3'],
      ['unsupported_by_target', 'routes.chat.paths.4'],
    ]);
    assert.match(ds[0]?.message ?? '', /"\/a\/\/b".*"\/\/"/);
  });
});
