import { readFileSync } from 'node:fs';
import { projectFile, psqlStatements } from './meritflow-databases';

const VARS = {
  owner_role: 'meritflow',
  owner_password: "it's secret",
  app_db: 'meritflow',
  app_login_role: 'meritflow_api',
  app_login_password: 'p2',
  temporal_role: 'temporal',
  temporal_password: 'p3',
  temporal_db: 'temporal',
  visibility_db: 'temporal visibility',
};

describe('psqlStatements (cluster mode runs docker/postgres/meritflow-roles.psql as psql would)', () => {
  const text = readFileSync(projectFile('docker/postgres/meritflow-roles.psql'), 'utf8');

  it('splits the file into statements, quoting :"name" as an identifier and :\'name\' as a literal', () => {
    const statements = psqlStatements(text, VARS);
    expect(statements[0]).toBe(`CREATE ROLE "meritflow" LOGIN PASSWORD 'it''s secret'`);
    expect(statements).toContain(`CREATE DATABASE "temporal visibility" OWNER "temporal"`);
    expect(statements.some((s) => s.includes(':'))).toBe(false);
    expect(statements.filter((s) => s.startsWith('CREATE DATABASE'))).toHaveLength(3);
  });

  it('keeps a $$ body whole and untouched, as psql does', () => {
    const body = psqlStatements(text, VARS).find((s) => s.startsWith('DO $$'));
    expect(body).toMatch(/CREATE ROLE meritflow_app NOLOGIN;[\s\S]*END \$\$$/);
  });

  it('refuses a variable that is not given, and a file that ends inside a statement', () => {
    expect(() => psqlStatements('CREATE ROLE :"who";', {})).toThrow('psql variable who is not set');
    expect(() => psqlStatements('CREATE ROLE x', {})).toThrow(/ends inside a statement/);
  });
});
