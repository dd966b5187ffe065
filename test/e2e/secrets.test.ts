import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoSecrets, type StepResult } from './helpers/runner.ts';

/**
 * The check every e2e step's log goes through (action, faults and inputs tests) must itself be
 * able to fail: these logs are shaped like what the bundles print, with and without the masks.
 */
const token = 'ghs_0123456789abcdef0123456789abcdef';
const sig = 'nju3TUqvjr877ZYG6lU4STxB+2/khU7O5h3WSIq7rgA=';
const url = (s: string): string => `http://127.0.0.1:1/devstoreaccount1/c/b.zip?sv=2026-04-06&sr=b&sp=r&sig=${s}`;
// Workflow commands escape % as %25: what a bundle writes for a URL-encoded signature.
const escaped = (s: string): string => s.replace(/%/g, '%25');

function log(...lines: string[]): StepResult {
  return { code: 0, stdout: lines.join('\n'), stderr: '', outputs: {}, summary: '', ms: 0 };
}

test('assertNoSecrets: a signed URL or token that reaches the visible log fails the check', () => {
  assert.throws(() => assertNoSecrets(log(`Downloading ${url(encodeURIComponent(sig))}`), []), /SAS signature/);
  assert.throws(() => assertNoSecrets(log(`::debug::Body: ${escaped(url(encodeURIComponent(sig)))}`), []), /SAS signature/);
  assert.throws(() => assertNoSecrets(log(`auth ${token}`), [token]), /a secret/);
  // A mask registered after the line does not hide it (the runner masks from then on only).
  assert.throws(() => assertNoSecrets(log(`url ${url(sig)}`, `::add-mask::${sig}`), [sig]), /a secret|SAS signature/);
  // Masking the raw signature does not hide its URL-encoded form.
  assert.throws(() => assertNoSecrets(log(`::add-mask::${sig}`, `::debug::${escaped(url(encodeURIComponent(sig)))}`), []), /SAS signature/);
});

test('assertNoSecrets: the toolkit’s masks (raw and URL-encoded signature) registered first pass', () => {
  const r = log(`::add-mask::${sig}`, `::add-mask::${escaped(encodeURIComponent(sig))}`, `::debug::Body: ${escaped(url(encodeURIComponent(sig)))}`, `Redirecting to ${url('***')}`);
  assertNoSecrets(r, [sig, encodeURIComponent(sig), token]);
});
