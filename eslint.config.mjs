// Lint: the few rules that catch real bugs (a promise nobody awaits, an async function where a
// callback must be synchronous, an import cycle) and the layer rules the README's Architecture
// picture draws. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Who may import whom (README, Architecture). Each entry: the folder, and the folders of ours it may
// import; anything else of ours is refused with a message naming the rule.
// `generated/` is the Prisma client: infra/ (db.ts) imports it, and everything above takes the client
// and its types from there.
const layers = {
  domain: [],
  infra: ['domain', 'generated'],
  store: ['domain', 'infra'],
  activities: ['domain', 'infra', 'store'],
  workflows: ['domain'], // + `import type` from activities, checked below
  api: ['domain', 'infra', 'store', 'workflows'],
  worker: ['domain', 'infra', 'store', 'activities', 'workflows'],
};
const ours = [...Object.keys(layers), 'prisma', 'scripts', 'test', 'web', 'generated'];

// workflows/ → activities/ is left to the type-aware rule below, which allows `import type`.
const typeOnly = { workflows: ['activities'] };

const zones = Object.entries(layers).map(([layer, allowed]) => ({
  target: `./${layer}`,
  from: ours
    .filter((f) => f !== layer && !allowed.includes(f) && !(typeOnly[layer] ?? []).includes(f))
    .map((f) => `./${f}`),
  message: `layer rule: ${layer}/ may import only ${allowed.length ? allowed.map((f) => `${f}/`).join(', ') : 'its own folder'}${layer === 'workflows' ? ' (and activities/ as `import type`)' : ''} — README, Architecture.`,
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', 'web/dist/', '.tools/', '.data/', 'test-results/', 'prisma/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'web/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      // The code base predates lint; these are style calls the type checker already covers.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Workflow code is bundled into the deterministic sandbox: it may know the activities' types,
    // never their code.
    files: ['workflows/**/*.ts'],
    rules: {
      // The path rules see static imports only: a dynamic import or require could reach anything.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression, CallExpression[callee.name='require']",
          message:
            'layer rule: workflows/ import statically, and activities/ only as `import type` — README, Architecture.',
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../activities', '../activities/*'],
              allowTypeImports: true,
              message: 'layer rule: workflows/ may import activities/ only as `import type` — README, Architecture.',
            },
          ],
        },
      ],
    },
  },
  {
    // 第二十条, 第二十五条: a notice linking a complaint or a review task carries its case, which keeps it
    // from the officer concerned and from whoever declared a conflict (domain/notification-links.ts).
    files: ['{activities,api,store,worker,scripts}/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['complaint', 'reviewTask'].map((property) => ({
          object: 'pageOf',
          property,
          message: `a notice links a case page through caseNotice.${property}, which sets its case (第二十条)`,
        })),
      ],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
);
