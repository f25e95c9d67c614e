// The layer rules of the README's Architecture picture are ESLint rules (eslint.config.mjs): a wrong
// import fails `npm run check` with a message naming the rule. Linted here as if the text were the
// file at that path, with the project's own configuration.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;
beforeAll(() => {
  // The type-aware rules and the cycle check (whole-program, ~25 s) are not what is tested here.
  eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: [tseslint.configs.disableTypeChecked, { rules: { 'import-x/no-cycle': 'off' } }],
  });
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.message.includes('layer rule:')).map((m) => m.message);
}

describe('layer rules (README, Architecture)', () => {
  it('refuses an API file importing an activity, naming what api/ may import', async () => {
    const errors = await layerErrors(
      'api/route.ts',
      "import { applicationActivities } from '../activities/applications';\nvoid applicationActivities;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('layer rule: api/ may import only domain/, infra/, store/, workflows/');
  });

  it('refuses domain code importing anything outside domain/', async () => {
    const errors = await layerErrors(
      'domain/time.ts',
      "import { loadConfig } from '../infra/config';\nvoid loadConfig;\n",
    );
    expect(errors[0]).toContain('layer rule: domain/ may import only its own folder');
  });

  it('refuses an activity importing workflow code (upwards)', async () => {
    const errors = await layerErrors(
      'activities/sanctions.ts',
      "import { sanctionWorkflow } from '../workflows/sanction';\nvoid sanctionWorkflow;\n",
    );
    expect(errors[0]).toContain('layer rule: activities/ may import only');
  });

  it('lets workflow code import activities only as types', async () => {
    const value = await layerErrors(
      'workflows/cleanup.ts',
      "import { createActivities } from '../activities';\nvoid createActivities;\n",
    );
    expect(value[0]).toContain('workflows/ may import activities/ only as `import type`');
    expect(
      await layerErrors(
        'workflows/cleanup.ts',
        "import type { Activities } from '../activities';\nexport type A = Activities;\n",
      ),
    ).toEqual([]);
  });

  it('refuses workflow code reaching activities by a dynamic import or require', async () => {
    const dynamic = await layerErrors('workflows/cleanup.ts', "export const load = () => import('../activities');\n");
    expect(dynamic[0]).toContain('layer rule: workflows/ import statically');
    const required = await layerErrors('workflows/cleanup.ts', "export const load = () => require('../activities');\n");
    expect(required[0]).toContain('layer rule: workflows/ import statically');
  });

  it('accepts the imports the picture allows', async () => {
    expect(
      await layerErrors('api/route.ts', "import { RuleViolation } from '../domain/errors';\nvoid RuleViolation;\n"),
    ).toEqual([]);
    expect(
      await layerErrors('activities/sanctions.ts', "import { createDb } from '../infra/db';\nvoid createDb;\n"),
    ).toEqual([]);
  });
});
