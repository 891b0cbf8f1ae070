import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';

/** A file of the repository (docker/…), found from this module in src/ or in its compiled copy in dist/. */
export function projectFile(relative: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

/** The roles and databases docker/postgres/meritflow-roles.psql creates, by the names of its variables. */
export interface MeritflowDatabaseNames {
  /** Owns the app database and runs the migrations. */
  ownerRole: string;
  appDb: string;
  /** LOGIN member of meritflow_app: what the API and the workers connect as. */
  appLoginRole: string;
  temporalRole: string;
  temporalDb: string;
  visibilityDb: string;
}

export interface MeritflowDatabasePasswords {
  owner: string;
  appLogin: string;
  temporal: string;
}

export interface MeritflowDatabases {
  names: MeritflowDatabaseNames;
  /** The owner's URL: migrations only. */
  ownerUrl: string;
  /** The least-privilege login's URL: the API and the workers. */
  appUrl: string;
  /** Where Temporal's persistence is and who it logs in as (config/meritflow.yaml's variables). */
  temporal: { host: string; port: number; user: string; password: string; database: string; visibilityDatabase: string };
}

/**
 * The statements of a psql file, with psql's variables substituted as psql would: `:'name'` as a quoted
 * literal, `:"name"` as a quoted identifier. Only the subset meritflow-roles.psql keeps to: a statement
 * ends with `;` at the end of a line, outside `$$` bodies; `--` comments on their own lines.
 */
export function psqlStatements(text: string, vars: Record<string, string>): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of text.split('\n')) {
    if (!inBody && (line.trim() === '' || line.trim().startsWith('--'))) continue;
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    current.push(line);
    if (!inBody && line.trimEnd().endsWith(';')) {
      statements.push(current.join('\n').trim().replace(/;$/, ''));
      current = [];
    }
  }
  if (current.join('').trim()) throw new Error('the file ends inside a statement (no closing ;)');
  return statements.map((statement) =>
    // $$ bodies are left alone, as psql does.
    statement.includes('$$')
      ? statement
      : statement.replace(/:(['"])([A-Za-z_][A-Za-z0-9_]*)\1/g, (_m, quote: string, name: string) => {
          const value = vars[name];
          if (value === undefined) throw new Error(`psql variable ${name} is not set`);
          return quote === "'" ? escapeLiteral(value) : escapeIdentifier(value);
        }),
  );
}

/** Runs docker/postgres/meritflow-roles.psql as the superuser at `adminUrl`, with these names and passwords. */
export async function createMeritflowDatabases(
  adminUrl: string,
  names: MeritflowDatabaseNames,
  passwords: MeritflowDatabasePasswords,
): Promise<MeritflowDatabases> {
  const text = await readFile(projectFile('docker/postgres/meritflow-roles.psql'), 'utf8');
  const statements = psqlStatements(text, {
    owner_role: names.ownerRole,
    owner_password: passwords.owner,
    app_db: names.appDb,
    app_login_role: names.appLoginRole,
    app_login_password: passwords.appLogin,
    temporal_role: names.temporalRole,
    temporal_password: passwords.temporal,
    temporal_db: names.temporalDb,
    visibility_db: names.visibilityDb,
  });
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One at a time, outside a transaction: CREATE DATABASE refuses to run inside one.
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
  return meritflowDatabases(adminUrl, names, passwords);
}

/** The URLs of databases created earlier (by createMeritflowDatabases, or by docker's initdb script). */
export function meritflowDatabases(
  adminUrl: string,
  names: MeritflowDatabaseNames,
  passwords: MeritflowDatabasePasswords,
): MeritflowDatabases {
  const admin = new URL(adminUrl);
  const url = (user: string, password: string, db: string) => {
    const u = new URL(adminUrl);
    u.username = encodeURIComponent(user);
    u.password = encodeURIComponent(password);
    u.pathname = `/${db}`;
    return u.toString();
  };
  return {
    names,
    ownerUrl: url(names.ownerRole, passwords.owner, names.appDb),
    appUrl: url(names.appLoginRole, passwords.appLogin, names.appDb),
    temporal: {
      host: admin.hostname,
      port: Number(admin.port || 5432),
      user: names.temporalRole,
      password: passwords.temporal,
      database: names.temporalDb,
      visibilityDatabase: names.visibilityDb,
    },
  };
}

/** True when the app database exists (its roles were created with it, once). */
export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

/** Drops the databases and the three roles (never meritflow_app, which other databases on the server share). */
export async function dropMeritflowDatabases(adminUrl: string, names: MeritflowDatabaseNames): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const db of [names.appDb, names.temporalDb, names.visibilityDb]) {
      await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(db)} WITH (FORCE)`);
    }
    for (const role of [names.appLoginRole, names.ownerRole, names.temporalRole]) {
      await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
    }
  } finally {
    await admin.end();
  }
}
