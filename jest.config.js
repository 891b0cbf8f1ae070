// Unit tests run alone and fast; integration and end-to-end tests share one real stack
// (Temporal dev server, PostgreSQL, worker and API processes) started by test/support/global-setup.ts.
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

// `@meritflow/*` resolves to each package's TypeScript entry (package.json `types`), so tests run on
// the sources without a build. `main` (the compiled file in dist) is for Node at run time.
function workspaceSources() {
  const path = require('node:path');
  const { workspaces } = require('./package.json');
  const dirs = workspaces.flatMap((g) => (g.endsWith('/*') ? fs.readdirSync(g.slice(0, -2)).map((d) => `${g.slice(0, -2)}/${d}`) : [g]));
  const map = {};
  for (const dir of dirs) {
    const manifest = path.join(__dirname, dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (pkg.types) map[`^${pkg.name}$`] = `<rootDir>/${dir}/${pkg.types}`;
    for (const sub of fs.readdirSync(path.join(__dirname, dir), { withFileTypes: true })) {
      const subManifest = path.join(__dirname, dir, sub.name, 'package.json');
      if (!sub.isDirectory() || !fs.existsSync(subManifest)) continue;
      const { types } = JSON.parse(fs.readFileSync(subManifest, 'utf8'));
      if (types) map[`^${pkg.name}/${sub.name}$`] = `<rootDir>/${path.posix.join(dir, sub.name, types)}`;
    }
  }
  return map;
}

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  // NestJS 12 ships ESM only; Jest on Node 20 must transform it to require it.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: workspaceSources(),
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows,test}/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,workflows,test}/**/*.{int,e2e}-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
