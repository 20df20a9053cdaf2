// What a Gateway listener takes: hostnames (wildcards as the Gateway API matches them) and route kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostnamesIntersect, listenerAcceptsKind, type Listener } from '../../server/src/core/workspace/gateway-api';

test('hostnames: equal (any case), a wildcard covering one or more labels, never the bare parent domain', () => {
  const cases: [string, string, boolean][] = [
    ['shop.example.com', 'shop.example.com', true],
    ['Shop.Example.com', 'shop.example.com', true],
    ['shop.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', true],
    ['*.example.com', 'shop.example.com', true],
    ['*.shop.example.com', '*.example.com', true],
    ['*.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['shop.example.org', '*.example.com', false],
    ['badexample.com', '*.example.com', false],
    ['shop.example.com', 'api.example.com', false],
  ];
  for (const [route, listener, expected] of cases) assert.equal(hostnamesIntersect(route, listener), expected, `${route} ~ ${listener}`);
});

test('route kinds: by protocol unless allowedRoutes.kinds says; an implementation\'s protocol takes anything', () => {
  const listener = (protocol: string, kinds?: string[]): Listener => ({ protocol, kinds, from: 'Same', path: [] });
  assert.ok(listenerAcceptsKind(listener('HTTPS'), 'HTTPRoute'));
  assert.ok(listenerAcceptsKind(listener('HTTP'), 'GRPCRoute'));
  assert.ok(!listenerAcceptsKind(listener('HTTP'), 'TLSRoute'));
  assert.ok(listenerAcceptsKind(listener('TLS'), 'TCPRoute'));
  assert.ok(!listenerAcceptsKind(listener('TCP'), 'HTTPRoute'));
  assert.ok(listenerAcceptsKind(listener('example.com/custom'), 'HTTPRoute'));
  assert.ok(!listenerAcceptsKind(listener('HTTP', ['GRPCRoute']), 'HTTPRoute'));
  assert.ok(listenerAcceptsKind(listener('TCP', ['HTTPRoute']), 'HTTPRoute'), 'the listed kinds win over the protocol');
});
