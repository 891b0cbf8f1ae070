import type { DataSource } from 'typeorm';
import { projectProfile, type PostHolder } from '@meritflow/domain';
import { RegisterRepository } from './register.repository';

/**
 * Who holds `postCode` on `asOf` by the register's post history: every official ever assigned to the
 * post, projected as of that date, kept where that post is their current one and their service runs.
 */
export async function postHoldersOf(ds: DataSource, agencyCode: string, postCode: string, asOf: string): Promise<PostHolder[]> {
  const rows: { nip: string }[] = await ds.query(
    `SELECT DISTINCT nip FROM register_events
     WHERE agency_code = $1 AND event_type = 'position_assigned' AND payload->>'postCode' = $2`,
    [agencyCode, postCode],
  );
  if (rows.length === 0) return [];
  const events = await new RegisterRepository(ds).loadEvents(
    ds.manager,
    agencyCode,
    rows.map((r) => r.nip),
  );
  const holders: PostHolder[] = [];
  for (const { nip } of rows) {
    const p = projectProfile(
      events.filter((e) => e.nip === nip),
      asOf,
    );
    if (!p?.position || p.position.postCode !== postCode || p.serviceEnded) continue;
    holders.push({
      nip,
      name: p.name,
      postCode,
      since: p.position.from,
      decreeNumber: p.position.decreeNumber,
      registerVersion: p.version,
    });
  }
  return holders.sort((a, b) => a.nip.localeCompare(b.nip));
}
