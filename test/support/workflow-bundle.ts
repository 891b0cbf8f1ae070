import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '../..');

/**
 * `@meritflow/*` name -> TypeScript entry file, read from the workspace manifests. A package's `main`
 * is its compiled file in dist; tests bundle the sources, so webpack must be pointed at `types` instead.
 */
export function workspaceSources(): Record<string, string> {
  const globs: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).workspaces;
  const dirs = globs.flatMap((g) =>
    g.endsWith('/*') ? readdirSync(path.join(ROOT, g.slice(0, -2))).map((d) => path.join(g.slice(0, -2), d)) : [g],
  );
  const sources: Record<string, string> = {};
  for (const dir of dirs) {
    const manifest = path.join(ROOT, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.types) sources[pkg.name] = path.join(ROOT, dir, pkg.types);
    for (const sub of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const subManifest = path.join(ROOT, dir, sub.name, 'package.json');
      if (!sub.isDirectory() || !existsSync(subManifest)) continue;
      const types = JSON.parse(readFileSync(subManifest, 'utf8')).types;
      if (types) sources[`${pkg.name}/${sub.name}`] = path.join(ROOT, dir, sub.name, types);
    }
  }
  return sources;
}

/** Bundler options for bundling workflow code from the sources (Jest), not from dist. */
export const sourceBundlerOptions: Pick<BundleOptions, 'webpackConfigHook'> = {
  webpackConfigHook: (config) => {
    const exact = Object.fromEntries(Object.entries(workspaceSources()).map(([name, file]) => [`${name}$`, file]));
    config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...exact } };
    return config;
  },
};
