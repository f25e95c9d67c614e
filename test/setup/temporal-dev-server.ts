// A real Temporal dev server (the CLI from the project's tools venv) for the integration layer.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { ensureTemporalBinaries, executableOption } from '../../infra/temporal-binaries';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

export default async function setup(project: TestProject) {
  const { cli } = await ensureTemporalBinaries();
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: executableOption(cli), searchAttributes: SEARCH_ATTRIBUTES, ip: '127.0.0.1' },
  });
  project.provide('temporalAddress', env.address);
  return () => env.teardown();
}
