// The README's command blocks run as written (issue #16 §5): every ```sh block of README.md is run
// with bash against the test stack, except those marked `<!-- readme-test: skip <why> -->` on the
// line before (templates with … placeholders, `npm start` itself, the benchmarks). The blocks are
// not rewritten: `npm run token` reads the stack's database from DATABASE_URL (scripts/token.ts; the
// stack uses the same development JWT secret), and a curlrc in CURL_HOME sends the README's
// `localhost:3000` to the stack's port (curl's --connect-to), so what runs is what a reader types.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/paths';
import { startTestStack, type TestStack } from '../support/stack';

interface Block {
  line: number;
  code: string;
  skip?: string;
}

/** The README's ```sh blocks, in order, with the reason given where one is marked to be skipped. */
function shellBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```sh\s*$/.test(lines[i])) continue;
    const end = lines.indexOf('```', i + 1);
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const skip = /^<!-- readme-test: skip (.+) -->$/.exec(lines[before] ?? '')?.[1];
    blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n'), ...(skip ? { skip } : {}) });
    i = end;
  }
  return blocks;
}

const json = (line: string | undefined) => JSON.parse(line ?? 'null');
const lastLine = (out: string) => out.trim().split('\n').at(-1);

/** What each block that runs must print: found by what the block does. */
const EXPECTED: { name: string; block: RegExp; check(out: string): void }[] = [
  {
    name: 'a token, then /api/me with it',
    block: /localhost:3000\/api\/me/,
    check(out) {
      expect(out).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/m);
      expect(json(lastLine(out))).toMatchObject({ username: 'sanction_officer', roles: ['SANCTION_OFFICER'] });
    },
  },
  {
    name: 'an application through the review chain (第七条)',
    block: /\/api\/review-tasks/,
    check(out) {
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(4); // three decisions, then the application
      for (const decision of lines.slice(0, 3)) expect(json(decision).status).toBeUndefined(); // no problem
      expect(json(lines[3])).toMatchObject({
        status: 'ISSUED',
        certificateNumber: expect.stringMatching(/^330106\d{8}$/),
        officer: { name: '赵敏' },
      });
    },
  },
  {
    name: 'a suspension (暂扣, 第二十九条–第三十条)',
    block: /\/api\/sanctions /,
    check(out) {
      expect(json(lastLine(out))).toMatchObject({ type: 'SUSPENSION', certificate: { status: 'SUSPENDED' } });
    },
  },
];

const blocks = shellBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
let s: TestStack;
let curlHome: string;
beforeAll(async () => {
  s = await startTestStack();
  curlHome = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-curl-'));
  const port = new URL(s.baseUrl).port;
  fs.writeFileSync(path.join(curlHome, '.curlrc'), `connect-to = localhost:3000:127.0.0.1:${port}\n`);
});
afterAll(async () => {
  await s?.stop();
  if (curlHome) fs.rmSync(curlHome, { recursive: true, force: true });
});

/** A block as a reader pastes it into bash at the repository root, but stopping at its first failure. */
async function run(code: string): Promise<string> {
  const env = { ...process.env, DATABASE_URL: s.t.url, CURL_HOME: curlHome, XDG_CONFIG_HOME: curlHome };
  const { stdout } = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', code], {
    cwd: ROOT,
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('README.md command blocks', () => {
  it('every ```sh block is run by this test or marked skipped with a reason; no other shell fence hides one', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/^```(bash|shell|console|zsh)\s*$/m);
    const runs = blocks.filter((b) => !b.skip);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const b of runs) {
      const known = EXPECTED.filter((e) => e.block.test(b.code));
      expect(
        known.map((e) => e.name),
        `README.md:${b.line} needs one expectation here, or a skip mark`,
      ).toHaveLength(1);
    }
  });

  for (const b of blocks.filter((x) => !x.skip)) {
    const expected = EXPECTED.find((e) => e.block.test(b.code));
    it(
      `README.md:${b.line} — ${expected?.name ?? 'an unknown block'} — runs as written`,
      { timeout: 180_000 },
      async () => {
        const out = await run(b.code);
        expect(out.trim(), 'the block printed nothing').not.toBe('');
        expected!.check(out);
      },
    );
  }
});
