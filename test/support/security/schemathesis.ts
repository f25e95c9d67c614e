// Runs schemathesis (the pinned one in .tools/venv, infra/schemathesis.ts) against a live stack and
// returns every exchange it made, read from its HAR report, for the test to judge.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findSchemathesis } from '../../../infra/schemathesis';
import { testLog } from '../test-log';

export interface Exchange {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface FuzzRun {
  exitCode: number | null;
  output: string;
  exchanges: Exchange[];
}

interface Har {
  log: {
    entries: Array<{
      request: { method: string; url: string };
      response: {
        status: number;
        content: { mimeType?: string; text?: string; encoding?: string };
        headers: Array<{ name: string; value: string }>;
      };
    }>;
  };
}

/** Fuzzes the operations of `document` (an OpenAPI document) at `baseUrl` with a bearer token. */
export async function fuzz(opts: {
  document: object;
  baseUrl: string;
  token?: string;
  examples: number;
  seconds: number;
}): Promise<FuzzRun> {
  const bin = findSchemathesis();
  if (!bin)
    throw new Error('schemathesis is not installed: run npm ci (scripts/postinstall.ts installs it into .tools/venv)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zfz-fuzz-'));
  try {
    const schema = path.join(dir, 'openapi.json');
    const har = path.join(dir, 'run.har');
    fs.writeFileSync(schema, JSON.stringify(opts.document));
    const args = [
      'run',
      schema,
      '--url',
      opts.baseUrl,
      '--checks',
      'not_a_server_error',
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(opts.examples),
      '--seed',
      '20261126',
      '--workers',
      '1',
      '--no-shrink',
      '--request-timeout',
      '10',
      '--suppress-health-check',
      'all',
      '--report',
      'har',
      '--report-har-path',
      har,
      '--output-truncate',
      'true',
    ];
    if (opts.token) args.push('--header', `Authorization: Bearer ${opts.token}`);
    const child = spawn(bin, args, {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.seconds * 1000);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    testLog(`schemathesis exited ${exitCode}:\n${output}`);
    const entries = fs.existsSync(har) ? (JSON.parse(fs.readFileSync(har, 'utf8')) as Har).log.entries : [];
    const exchanges = entries.map((e) => ({
      method: e.request.method,
      url: e.request.url,
      status: e.response.status,
      contentType:
        e.response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ??
        e.response.content.mimeType ??
        '',
      body:
        e.response.content.encoding === 'base64'
          ? Buffer.from(e.response.content.text ?? '', 'base64').toString('utf8')
          : (e.response.content.text ?? ''),
    }));
    return { exitCode, output, exchanges };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
