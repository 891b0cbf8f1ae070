import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { fieldLabel, humanIssue } from './error-body';
import { FIELD_LABELS } from './field-labels';

const API_SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [p] : [];
  });
}

/** Every module that declares request DTOs: it uses class-validator or the shared field decorators, or is named as a DTO. */
const DTO_MODULES = sources(API_SRC).filter(
  (f) => /\.(dto|query)\.ts$/.test(f) || /from '(class-validator|[./]+(common\/)?dto-fields)'/.test(readFileSync(f, 'utf8')),
);

type Metas = Map<Function, { propertyName: string }[]>;

/** Each validated property with the DTO classes that declare it, from class-validator's own metadata. */
function validatedProperties(): Map<string, string[]> {
  for (const f of DTO_MODULES) require(f);
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Metas };
  const byName = new Map<string, string[]>();
  for (const [target, metas] of storage.validationMetadatas) {
    for (const { propertyName } of metas) {
      const owners = byName.get(propertyName) ?? [];
      if (!owners.includes(target.name)) owners.push(target.name);
      byName.set(propertyName, owners);
    }
  }
  return byName;
}

/** Path and query parameters read by name in controllers (`@Param('caseId')`, `@Query('format')`). */
function namedParameters(): string[] {
  const names = new Set<string>();
  for (const f of sources(API_SRC).filter((p) => p.endsWith('.controller.ts'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/@(?:Param|Query)\('([A-Za-z][\w-]*)'/g)) names.add(m[1]);
  }
  return [...names];
}

describe('field labels', () => {
  const properties = validatedProperties();

  it('finds the DTO modules and their validated properties', () => {
    expect(DTO_MODULES.map((f) => relative(API_SRC, f))).toEqual(
      expect.arrayContaining(['vacancies/dto/propose-vacancy.dto.ts', 'cases/list-cases.query.ts', 'decrees/decree.dto.ts']),
    );
    expect(properties.size).toBeGreaterThan(150);
    expect(properties.get('registrationClosesOn')).toContain('SelectionDecisionDto');
  });

  it('has a label in both languages for every property the API validates', () => {
    const unlabelled = [...properties].filter(([name]) => !Object.hasOwn(FIELD_LABELS, name)).map(([n, o]) => `${n} (${o.join(', ')})`);
    expect(unlabelled).toEqual([]);
  });

  it('has a label for every path and query parameter a controller reads by name', () => {
    expect(namedParameters().filter((name) => !Object.hasOwn(FIELD_LABELS, name))).toEqual([]);
  });

  // A one-word name can be an ordinary word of a label ("Case type"); a compound API name never can.
  it.each(Object.entries(FIELD_LABELS))('labels %s with text, never a compound API name', (name, label) => {
    expect(label.id.trim()).not.toBe('');
    expect(label.en.trim()).not.toBe('');
    for (const part of name.split('.').filter((p) => /[A-Z_-]/.test(p))) {
      expect(`${label.id} ${label.en}`).not.toContain(part);
    }
  });

  it('says a validator message for every validated property as "<label>: <rule>", without the name', () => {
    for (const name of properties.keys()) {
      const issue = { field: name, rule: 'isString', message: { id: `${name} harus berupa teks`, en: `${name} must be a string` } };
      const label = fieldLabel(name);
      expect(humanIssue(issue).message).toEqual({ id: `${label.id}: harus berupa teks`, en: `${label.en}: must be text` });
    }
  });

  it.each([
    ['requiredCompetencies.0.type', 'Competency type'],
    ['type', 'Case type'],
    ['evidence.0.kind', 'Document kind'],
    ['kind', 'Kind'],
    ['toString', 'A field'],
    ['constructor', 'A field'],
  ])('reads %s as "%s" (a parent.property entry wins; no inherited keys)', (path, en) => {
    expect(fieldLabel(path).en).toBe(en);
  });
});
