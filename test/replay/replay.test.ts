// Every recorded history in test/histories must replay on today's workflow code without
// nondeterminism: a change to a workflow that running instances would trip over fails here
// (make such changes behind patched()).
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { quietTemporalRuntime } from '../support/runtime';
import { workflowBundle } from '../support/time-skipping';
import * as workflows from '../../workflows';

const DIR = path.join(__dirname, '..', 'histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

async function replay(historyJson: unknown, workflowId: string) {
  quietTemporalRuntime();
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(historyJson), workflowId);
}

describe('replay of recorded histories', () => {
  it('has recorded histories to replay, of every workflow type', () => {
    const types = new Set(
      files.map(
        (f) =>
          JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')).events[0].workflowExecutionStartedEventAttributes
            .workflowType.name,
      ),
    );
    expect([...types].sort()).toEqual(Object.keys(workflows).sort());
  });

  for (const file of files) {
    it(`${file} replays without nondeterminism`, async () => {
      await replay(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')), file);
    });
  }

  it('would catch an incompatible change: a history whose commands differ from the code fails to replay', async () => {
    const text = fs.readFileSync(path.join(DIR, 'sanction-suspension.json'), 'utf8');
    const tampered = JSON.parse(text.replace(/"name":\s*"applySanction"/, '"name": "somethingElse"'));
    expect(JSON.stringify(tampered)).toContain('somethingElse');
    await expect(replay(tampered, 'tampered')).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
