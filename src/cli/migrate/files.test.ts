import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf, compareKeys, readMigrations, verifyQueries, versionKey } from './files.ts';

function dir(files: Record<string, string>): string {
  const path = mkdtempSync(join(tmpdir(), 'schemata-files-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

describe('migration files', () => {
  it.each([
    ['1', [1]],
    ['1.0', [1]],
    ['1_2_0', [1, 2]],
    ['2026.11.21.1', [2026, 11, 21, 1]],
    ['20261208101500', [20261208101500]],
  ])('version %s has key %j', (version, key) => {
    expect(versionKey(version)).toEqual(key);
  });

  it('orders 1.10 after 1.9 and 1.0 with 1', () => {
    expect(compareKeys(versionKey('1.10'), versionKey('1.9'))).toBeGreaterThan(0);
    expect(compareKeys(versionKey('1.0'), versionKey('1'))).toBe(0);
  });

  it('checksums ignore BOM, line endings and a final newline, and nothing else', () => {
    const base = checksumOf('create table a (id int);\nselect 1;');
    expect(checksumOf('\uFEFFcreate table a (id int);\r\nselect 1;\r\n')).toBe(base);
    expect(checksumOf('create table a (id int);\rselect 1;\n')).toBe(base);
    expect(checksumOf('create table a (id int);\nselect 2;')).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads V, U and verify files in version order, with the no-transaction header', () => {
    const path = dir({
      'V2__add_index.sql': '-- schemata:no-transaction\ncreate index concurrently i on a (id);',
      'V1__create_a.sql': 'create table a (id int);',
      'U1__create_a.sql': 'drop table a;',
      'V1__create_a.verify.sql':
        '-- verify: no nulls\nselect id from a where id is null;\n-- verify: none negative\nselect id from a where id < 0;',
      'V1.10__later.sql': 'select 1;',
      'V1.9__earlier.sql': 'select 1;',
      'notes.txt': 'ignored',
    });
    const migrations = readMigrations(path, '/');
    expect(migrations.map((m) => m.version)).toEqual(['1', '1.9', '1.10', '2']);
    expect(migrations[0]).toMatchObject({
      description: 'create a',
      down: 'drop table a;',
      transactional: true,
    });
    expect(migrations[0]?.verify.map((v) => v.name)).toEqual(['no nulls', 'none negative']);
    expect(migrations[3]).toMatchObject({ transactional: false, description: 'add index' });
  });

  it('refuses misnamed files, duplicate versions and orphan undo scripts', () => {
    expect(() => readMigrations(dir({ 'V1_create.sql': '' }), '/')).toThrow(
      /misnamed migration files.*V1_create\.sql/,
    );
    expect(() => readMigrations(dir({ 'V1__a.sql': '', 'V1.0__b.sql': '' }), '/')).toThrow(/given twice/);
    expect(() => readMigrations(dir({ 'U3__a.sql': '' }), '/')).toThrow(/has no V file/);
  });

  it('names verify queries by their header or position', () => {
    expect(verifyQueries('select 1;')).toEqual([{ name: 'query 1', sql: 'select 1' }]);
  });
});
