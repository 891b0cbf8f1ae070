// ESLint keeps the package borders (README, "Packages"). Import rules only, plus no-floating-promises
// on workflow code; Prettier owns formatting (`npm run lint` runs both, `npm test` runs lint first).
import { builtinModules } from 'node:module';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const NODE = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeBuiltins = {
  paths: NODE.map((name) => ({
    name,
    message: 'No Node built-ins here: this code runs in the workflow sandbox or must stay free of I/O.',
  })),
};
const APPS = 'api|worker|launcher|console';
const LIBS = 'domain|contracts|config|persistence|audit|auth|devstack|codec|metrics';

// Everywhere: other packages by name, and only through their index.
const byName = [
  {
    regex: '^(\\.\\./)+(apps|libs|workflows)/',
    message: 'Import another package by its name (@meritflow/...), not by a relative path.',
  },
  {
    regex: `^(\\.\\./)+(${LIBS}|${APPS})/src(/|$)`,
    message: 'Import another package by its name (@meritflow/...), not by a relative path.',
  },
  {
    regex: '^@meritflow/(?!domain/(sop-schema|testing)$|persistence/nest$)[^/]+/',
    message: "Import a package through its index ('@meritflow/x'); export what you need from it.",
  },
];
// Package code (not its specs) never reaches into test/, bench/ or scripts/.
const noTestSupport = { regex: '^(\\.\\./)+(test|bench|scripts)/', message: 'Package code must not import test, bench or script code.' };
const noApps = {
  regex: `^@meritflow/(${APPS}|workflows)$`,
  message: 'Apps never import each other or the workflow code (the worker loads it by workflowsPath).',
};
const libsNoApps = { regex: `^@meritflow/(${APPS}|workflows)$`, message: 'Libraries never import apps or the workflow code.' };
const onlyWorkflowDeps = (extra) => ({
  regex: `^(?!\\.|@temporalio/workflow$|@meritflow/(contracts|domain)$${extra})`,
  message: 'Workflow code imports only @temporalio/workflow, @meritflow/contracts and @meritflow/domain.',
});

const restrict = (...rules) => ['error', { paths: rules.flatMap((r) => r.paths ?? []), patterns: rules.filter((r) => !r.paths) }];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '**/node_modules/',
      'test-results/',
      'coverage/',
      '.data/',
      'bench/results/',
      'workflows/test/histories/',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
    // The code carries directives for rules this minimal set does not enable (no-control-regex); keep them quiet.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'import-x/first': 'error',
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-restricted-imports': restrict(...byName),
    },
  },
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx'],
    rules: { 'no-restricted-imports': restrict(...byName, noTestSupport, noApps) },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(...byName, noTestSupport, libsNoApps) },
  },
  {
    // The domain: pure rules and data. Nothing with I/O; zod is its one library.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(...byName, noTestSupport, nodeBuiltins, {
        regex: '^(?!\\.|zod$)',
        message: 'libs/domain imports nothing with I/O (no Nest, TypeORM, Temporal, Node, other packages); zod is its one library.',
      }),
    },
  },
  {
    // Workflow code and the contracts it shares with the apps run in Temporal's sandbox.
    files: ['workflows/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(...byName, noTestSupport, nodeBuiltins, onlyWorkflowDeps('|@temporalio/common$')) },
  },
  {
    files: ['workflows/**/*.spec.ts', 'libs/contracts/**/*.spec.ts'],
    // Specs may also check the contracts against the registered workflow types.
    rules: {
      'no-restricted-imports': restrict(
        ...byName,
        nodeBuiltins,
        onlyWorkflowDeps('|@temporalio/common$|@meritflow/domain/testing$|@meritflow/workflows$'),
      ),
    },
  },
  {
    // Specs inside packages may use the shared test support (test/support).
    files: ['apps/**/*.{spec,int-spec,e2e-spec}.ts', 'libs/**/*.{spec,int-spec,e2e-spec}.ts'],
    ignores: ['libs/domain/**', 'libs/contracts/**'],
    rules: { 'no-restricted-imports': restrict(...byName) },
  },
  {
    // A workflow that drops a promise loses a timer, an activity or an update; type-aware, so only here.
    files: ['workflows/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
);
