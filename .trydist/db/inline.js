import { createHash } from 'node:crypto';
import { fillPlaceholders } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
/**
 * Statements with their parameters written out as literals. PostgreSQL's simple query protocol takes no
 * parameters, but it runs several statements from one message as one implicit transaction: the
 * registration fast path sends its lock and its write that way, in one socket write and one round trip.
 */
const dialect = new PgDialect();
/**
 * A value as an SQL literal. Text becomes an escape string (`E'…'`) with every backslash and quote doubled,
 * which reads back as exactly the original whatever `standard_conforming_strings` says.
 */
export function literal(value) {
    if (value === null || value === undefined)
        return 'null';
    switch (typeof value) {
        case 'boolean':
            return value ? 'true' : 'false';
        case 'number':
            if (!Number.isFinite(value))
                throw new RangeError(`cannot write ${value} as an SQL literal`);
            return `(${value})`;
        case 'bigint':
            return `(${value})`;
        case 'string':
            // PostgreSQL text cannot hold NUL; a parameter would be refused as well.
            if (value.includes('\0'))
                throw new RangeError('text with a NUL character cannot be stored');
            return ` E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
        default:
            throw new TypeError(`cannot write a ${typeof value} as an SQL literal`);
    }
}
/**
 * A statement built once, with `sql.placeholder(name)` for each value: building drizzle SQL costs more than
 * the write it describes, so a hot path builds the text once and fills in values per call.
 */
export function preparedTemplate(query) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const name = `schemata_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    const prepare = `prepare ${name} as ${text}`;
    return (values) => {
        const args = fillPlaceholders(params, values).map((value) => literal(value));
        return {
            name,
            prepare,
            execute: args.length === 0 ? `execute ${name}` : `execute ${name}(${args.join(', ')})`,
        };
    };
}
