// The Temporal CLI dev server, started through @temporalio/testing so the stack and the tests share
// one code path: the binary from the tools venv (or the SDK's download), Workflow Update enabled,
// the project's search attributes registered, optional SQLite persistence and Web UI.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes';
import { ensureTemporalBinaries, executableOption } from './temporal-binaries';

export async function startDevServer(opts: { port?: number; uiPort?: number; dbFilename?: string } = {}) {
  const { cli } = await ensureTemporalBinaries();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: executableOption(cli),
      ip: '127.0.0.1',
      namespace: 'default',
      port: opts.port,
      ui: opts.uiPort !== undefined,
      uiPort: opts.uiPort,
      dbFilename: opts.dbFilename,
      searchAttributes: SEARCH_ATTRIBUTES,
      // The SDK passes this too; said explicitly because decisions are Workflow Updates.
      extraArgs: ['--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true', '--log-level', 'warn'],
    },
  });
}
