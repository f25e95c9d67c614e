// A real Temporal dev server (the CLI from the project's tools venv) for the integration layer.
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../infra/temporal-dev-server';

export default async function setup(project: TestProject) {
  const env = await startDevServer();
  project.provide('temporalAddress', env.address);
  return () => env.teardown();
}
