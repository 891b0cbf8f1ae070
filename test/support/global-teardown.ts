import type { RunningStack } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __meritflowStack?: RunningStack }).__meritflowStack?.stop();
}
