import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restoresMustBeDurable } from '../../src/action/durable.ts';

test('restores are flushed to the device except on a GitHub-hosted runner, which is discarded with the job', () => {
  assert.equal(restoresMustBeDurable({ RUNNER_ENVIRONMENT: 'github-hosted' }), false);
  assert.equal(restoresMustBeDurable({ RUNNER_ENVIRONMENT: 'self-hosted' }), true);
  assert.equal(restoresMustBeDurable({}), true);
});
