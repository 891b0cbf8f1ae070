import { cachedServerBinaries, serverBuildModule, TEMPORAL_SERVER_VERSION } from './temporal-server-binary';
import { TEMPORAL_CLI_VERSION } from './temporal-binary';
import { compactServerLine } from './temporal-cluster';

describe('the Temporal server build', () => {
  it('pins the server the dev server embeds (CLI v1.5.1 = server v1.29.1), so both run one version', () => {
    expect(TEMPORAL_CLI_VERSION).toBe('v1.5.1');
    expect(TEMPORAL_SERVER_VERSION).toBe('v1.29.1');
  });

  it('builds in a scratch module that only requires the server and names its two programs as tools', () => {
    const mod = serverBuildModule();
    expect(mod).toContain('require go.temporal.io/server v1.29.1');
    expect(mod).toMatch(/tool \(\n\tgo\.temporal\.io\/server\/cmd\/server\n\tgo\.temporal\.io\/server\/cmd\/tools\/sql\n\)/);
  });

  it('caches the binaries under versioned names, so a version bump builds anew', () => {
    expect(cachedServerBinaries('/c')).toEqual({ server: '/c/temporal-server-1.29.1', sqlTool: '/c/temporal-sql-tool-1.29.1' });
  });

  it("shortens the server's JSON log lines to level, message and error", () => {
    const line = JSON.stringify({ level: 'error', msg: 'boom', error: 'pq: too many clients', stacktrace: 'go.temporal.io/...\n...' });
    expect(compactServerLine(line)).toBe('ERROR boom error=pq: too many clients');
    expect(compactServerLine('plain text')).toBe('plain text');
  });
});
