import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goPatternToJs, withJsPatterns } from '../../server/src/core/schema/go-regexp';

/** Translates and returns a matcher with Go's meaning. */
function go(pattern: string): (s: string) => boolean {
  const t = goPatternToJs(pattern);
  assert.ok(t.ok, `${pattern}: ${t.ok ? '' : t.reason}`);
  const re = new RegExp(t.source, 'u');
  return (s) => re.test(s);
}

test('(?i) makes the rest of its group case-insensitive, with Go\'s fold orbits', () => {
  const m = go('^((?i)jan|feb)x$');
  assert.ok(m('JANx') && m('FeBx'));
  assert.ok(!m('janX'), 'the flag ends with its group');
  assert.ok(go('^(?i)(abort|warn)?$')('WARN'));
  assert.ok(go('(?i)^k$')('\u212A'), 'Kelvin sign folds with k in Go');
  assert.ok(go('^(?i)[a-c]+$')('AbC'));
  assert.ok(go('^(?i:x)y$')('Xy') && !go('^(?i:x)y$')('XY'));
  assert.ok(go('^(?i)[^a-c]$')('d') && !go('^(?i)[^a-c]$')('B'));
});

test('Go-only syntax: named groups, \\z, \\A, escaped punctuation, POSIX classes, \\Q..\\E, \\pL, literal braces', () => {
  assert.ok(go('^v(?P<major>\\d+)\\z')('v12'));
  assert.ok(!go('^v(?P<major>\\d+)\\z')('v12\n'));
  assert.ok(go('\\A\\-\\_\\:$')('-_:'));
  assert.ok(go('^[[:alpha:]][[:digit:]]$')('a1'));
  assert.ok(go('^\\Q.*\\E$')('.*') && !go('^\\Q.*\\E$')('ab'));
  assert.ok(go('^\\pL+$')('héllo'));
  assert.ok(go('^x{,2}$')('x{,2}'), 'a brace that is not a repeat is literal in Go');
  assert.ok(go('^\\x{1F600}$')('😀'));
});

test('meanings JavaScript gives differently: . and \\s as Go defines them', () => {
  assert.ok(go('^a.b$')('a\rb'), 'Go\'s . matches \\r');
  assert.ok(!go('^a.b$')('a\nb'));
  assert.ok(go('(?s)^a.b$')('a\nb'));
  assert.ok(!go('^\\s$')('\u00a0'), 'Go\'s \\s is ASCII');
  assert.ok(go('^\\S$')('\u00a0'));
  assert.ok(go('(?m)^b$')('a\nb\nc'));
});

test('constructs without a faithful translation are refused with a reason', () => {
  for (const [pattern, reason] of [['(?U)a+', /ungreedy/], ['(a)\\1', /escape \\1/], ['^(a$', /missing closing \)/], ['(?i)é', /non-ASCII/], ['[\\S]', /inside a character class/]] as const) {
    const t = goPatternToJs(pattern);
    assert.equal(t.ok, false, pattern);
    if (!t.ok) assert.match(t.reason, reason);
  }
});

test('withJsPatterns drops only the untranslatable patterns and keeps data keywords as they are', () => {
  const { schema, dropped } = withJsPatterns({
    properties: {
      spec: { properties: { a: { pattern: '(?U)x' }, b: { pattern: '^(?i)y$' }, c: { items: { pattern: '(?U)z' } } } },
      pattern: { type: 'string', default: { pattern: '(?U)' } },
    },
  });
  assert.deepEqual(dropped.map((d) => d.field), ['spec.a', 'spec.c[*]']);
  const spec = (schema as { properties: { spec: { properties: Record<string, Record<string, unknown>> } } }).properties.spec.properties;
  assert.equal(spec.a.pattern, undefined);
  assert.equal(spec.b.pattern, '^[Yy]$');
  assert.equal(spec.b['x-kubesight-go-pattern'], '^(?i)y$');
  assert.deepEqual((schema as { properties: Record<string, unknown> }).properties.pattern, { type: 'string', default: { pattern: '(?U)' } });
});
