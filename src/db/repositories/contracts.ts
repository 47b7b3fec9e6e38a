import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../client.ts';
import { recordColumns } from './schemas.ts';
import { schemas, subjectVersions, type SchemaReference } from '../schema.ts';

/** One live (not soft-deleted) subject version with its schema content. */
export interface LiveVersionRow {
  subject: string;
  version: number;
  id: number;
  schemaType: string;
  schema: string;
  references: SchemaReference[];
  metadata: unknown;
  ruleSet: unknown;
}

/** Live versions of the given subjects, ordered by subject then version ascending. */
export async function readLiveVersions(
  db: Queryable,
  subjects: readonly string[],
): Promise<LiveVersionRow[]> {
  if (subjects.length === 0) return [];
  return db
    .select({
      subject: subjectVersions.subject,
      version: subjectVersions.version,
      ...recordColumns,
    })
    .from(subjectVersions)
    .innerJoin(schemas, eq(schemas.id, subjectVersions.schemaId))
    .where(and(inArray(subjectVersions.subject, [...subjects]), eq(subjectVersions.deleted, false)))
    .orderBy(asc(subjectVersions.subject), asc(subjectVersions.version));
}
