import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadDatabaseConfig } from '@meritflow/config';
import { createDataSource } from '../data-source';
import { LedgerVerifier } from '../ledger-verifier';
import { runMigrations } from '../migrate';

/**
 * Not a test: measures how fast the database verifies the ledger's hash chains. Creates a scratch
 * database on the server DATABASE_URL names, fills it through the chaining trigger (so the chains are
 * the real thing), verifies it a few times, and drops it.
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ledger -- --rows 200000 --cases 2000
 */
/**
 * The reference for (d), run beside the verification on the same rows: one SQL pass that
 * recomputes a SHA-256 per row over the same columns (joined as plain text, not the canonical form)
 * and compares each row's link with the previous row's hash by a window function. It proves nothing
 * (its text is not the hashed form), but it costs what a bare one-pass check of this ledger costs on
 * this machine, so the verification's rate can be read against it. It is written as well as
 * `verify_decision_chain` is: the second, empty branch of the UNION ALL keeps the hashing in the
 * parallel scan, below the window's sort (written plainly, the leader hashed every row after the
 * Gather Merge, about 1.1-1.5x slower here).
 */
const REFERENCE_PASS = `
  SELECT count(*) AS n, count(*) FILTER (WHERE x.content_ok AND x.prev_hash IS NOT DISTINCT FROM x.prev_row) AS matching
    FROM (SELECT h.prev_hash, h.content_ok,
                 lag(h.row_hash) OVER (PARTITION BY h.root_workflow_id ORDER BY h.chain_seq) AS prev_row
            FROM (SELECT d.root_workflow_id, d.chain_seq, d.prev_hash, d.row_hash,
                         sha256(convert_to(concat_ws('|', encode(d.prev_hash, 'hex'), d.idempotency_key, d.case_type,
                           d.workflow_id, d.run_id, d.sequence, d.decision, d.step_before, d.step_after, d.actor_id,
                           d.actor_role, d.actor_name, d.reason, d.payload::text, d.evidence::text, d.sop_id, d.sop_version,
                           d.rule_version, d.decided_at::text, d.recorded_at::text), 'UTF8')) = d.row_hash AS content_ok
                    FROM decisions d
                  UNION ALL
                  SELECT d.root_workflow_id, d.chain_seq, d.prev_hash, d.row_hash, false
                    FROM decisions d
                   WHERE d.root_workflow_id IS NULL) h) x`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '200000' },
      cases: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const cases = Number(values.cases);
  const runs = Number(values.runs);
  if (![rows, cases, runs].every((n) => Number.isInteger(n) && n > 0) || rows % cases !== 0) {
    throw new Error('--rows, --cases and --runs must be positive integers, --rows a multiple of --cases');
  }
  const perCase = rows / cases;
  const adminUrl = loadDatabaseConfig().DATABASE_URL;
  const name = `meritflow_bench_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const ds = createDataSource(url.toString(), 'meritflow-bench');
  try {
    await runMigrations(url.toString());
    await ds.initialize();
    const [{ server_version }] = await ds.query('SHOW server_version');
    console.log(`PostgreSQL ${server_version}; ${rows} rows over ${cases} cases (${perCase} per case)`);

    let t = performance.now();
    // Row by row through the BEFORE INSERT trigger, case rows interleaved as concurrent cases would be.
    await ds.query(
      `INSERT INTO decisions (idempotency_key, case_type, workflow_id, run_id, sequence, decision, step_before, step_after,
         actor_id, actor_role, actor_name, reason, payload, evidence, sop_id, sop_version, rule_version, decided_at,
         root_workflow_id, parent_workflow_id)
       SELECT 'open-selection:BENCH:C' || c || ':run-' || c || ':' || s, 'open-selection', 'open-selection:BENCH:C' || c, 'run-' || c, s,
              CASE WHEN s = 1 THEN 'open' ELSE 'score' END, 'committee_review', 'committee_review',
              '198503152010012003', 'committee_member', 'Anggota Pansel ' || (s % 7), 'Penilaian kandidat nomor ' || s,
              jsonb_build_object('candidateNip', '19850315201001' || lpad((s % 10000)::text, 4, '0'), 'paper', s % 100, 'interview', (s * 7) % 100),
              jsonb_build_array(jsonb_build_object('kind', 'score_sheet', 'sha256', md5(c::text || ':' || s) || md5(s::text))),
              'open-selection', '1.0.0', 'scoring@2026-01-01', timestamptz '2026-01-05 09:00+07' + make_interval(secs => s),
              'open-selection:BENCH:C' || c, NULL
         FROM generate_series(1, $1::int) AS s, generate_series(1, $2::int) AS c
        ORDER BY s, c`,
      [perCase, cases],
    );
    console.log(`inserted through the chaining trigger in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await ds.query('VACUUM ANALYZE decisions');
    console.log(`vacuum analyze ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const verifier = new LedgerVerifier(ds);
    const rates: number[] = [];
    const referenceRates: number[] = [];
    // Alternating with the verification, so both see the same machine.
    for (let i = 0; i < runs; i++) {
      const r = await verifier.verifyAll();
      if (!r.valid || r.rowsChecked !== rows || r.cases !== cases)
        throw new Error(`unexpected verification result: ${JSON.stringify({ ...r, heads: r.heads.length })}`);
      const rate = Math.round(r.rowsChecked / (r.durationMs / 1000));
      rates.push(rate);
      console.log(`verifyAll run ${i + 1}: ${r.rowsChecked} rows, ${r.cases} cases in ${r.durationMs} ms = ${rate} rows/s`);
      const t0 = performance.now();
      const [{ n }] = await ds.query(REFERENCE_PASS);
      if (Number(n) !== rows) throw new Error(`the reference pass read ${n} rows, not ${rows}`);
      const referenceRate = Math.round(rows / ((performance.now() - t0) / 1000));
      referenceRates.push(referenceRate);
      console.log(`reference run ${i + 1}: ${rows} rows = ${referenceRate} rows/s`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`verifyAll: median ${median(rates)} rows/s, best ${Math.max(...rates)} rows/s (target >= 300000)`);
    console.log(`reference: median ${median(referenceRates)} rows/s (one pass: SHA-256 of the same columns as plain text, links by lag())`);

    const one = await verifier.verifyCase('open-selection:BENCH:C1');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) times.push((await verifier.verifyCase(`open-selection:BENCH:C${1 + ((i * 97) % cases)}`)).durationMs);
    console.log(`verifyCase (${one.rowsChecked} rows): median ${median(times)} ms`);

    // The measurement means something only if a change is caught: alter one row and verify again.
    const tamper = new Client({ connectionString: url.toString() });
    await tamper.connect();
    await tamper.query(`SET session_replication_role = replica`);
    await tamper.query(`UPDATE decisions SET reason = reason || '.' WHERE root_workflow_id = 'open-selection:BENCH:C2' AND chain_seq = 3`);
    await tamper.end();
    const after = await verifier.verifyAll();
    const caught = after.broken.length === 1 && after.broken[0].chainSeq === 3 && after.broken[0].problem === 'content_altered';
    console.log(`sanity: one altered row ${caught ? 'is detected' : 'was NOT detected'} (${after.durationMs} ms)`);
    if (!caught) process.exitCode = 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    if (values.keep) console.log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
