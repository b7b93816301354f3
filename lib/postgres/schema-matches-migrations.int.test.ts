// Migrations are written by hand (lib/postgres/migrate.ts says why), so this test checks that every
// model and scalar field of prisma/schema.prisma has its table and column in the migrated database,
// and every enum its values: a schema change without its migration fails here, not in production.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

const schema = readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');
const blocks = [...schema.matchAll(/^(model|enum) (\w+) \{([\s\S]*?)^\}/gm)].map((m) => ({ kind: m[1]!, name: m[2]!, body: m[3]! }));
const modelNames = new Set(blocks.filter((b) => b.kind === 'model').map((b) => b.name));
const enumNames = new Set(blocks.filter((b) => b.kind === 'enum').map((b) => b.name));

function expectedColumns(body: string): string[] {
  const cols: string[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line || line.startsWith('@@')) continue;
    const [field, type] = line.split(/\s+/);
    if (!field || !type) continue;
    if (modelNames.has(type.replace(/[[\]?]/g, ''))) continue; // relation field, no column
    cols.push(/@map\("([^"]+)"\)/.exec(line)?.[1] ?? field);
  }
  return cols;
}

describe('prisma/schema.prisma and prisma/migrations agree', () => {
  it('every model has its table and columns, every enum its values', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      const columns = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const have = new Set(columns.rows.map((r) => `${r.table_name}.${r.column_name}`));
      const missing: string[] = [];
      for (const b of blocks.filter((x) => x.kind === 'model')) {
        const table = /@@map\("([^"]+)"\)/.exec(b.body)?.[1] ?? b.name;
        for (const col of expectedColumns(b.body)) if (!have.has(`${table}.${col}`)) missing.push(`${table}.${col}`);
      }
      const enums = await client.query<{ typname: string; enumlabel: string }>(
        `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`,
      );
      const haveEnum = new Set(enums.rows.map((r) => `${r.typname}.${r.enumlabel}`));
      for (const b of blocks.filter((x) => x.kind === 'enum')) {
        for (const raw of b.body.split('\n')) {
          const value = raw.replace(/\/\/.*$/, '').trim();
          if (value && !haveEnum.has(`${b.name}.${value}`)) missing.push(`enum ${b.name}.${value}`);
        }
      }
      expect(enumNames.size).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
