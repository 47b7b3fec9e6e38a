/**
 * JSON Schema of the TABLE document (migration-rules.md §1): the shape checked before any meaning is read.
 * openapi.yaml publishes the same schema as `components.schemas.TableModel` (a test keeps them equal).
 */
const identifier = { type: 'string', minLength: 1 } as const;
const names = { type: 'array', items: identifier, minItems: 1 } as const;
const expression = { type: 'string', minLength: 1 } as const;
const action = { enum: ['no action', 'restrict', 'cascade', 'set null', 'set default'] } as const;

export const TABLE_MODEL_JSON_SCHEMA = {
  type: 'object',
  description: 'One PostgreSQL table as a versioned contract (schemaType TABLE).',
  required: ['table', 'columns'],
  additionalProperties: false,
  properties: {
    schema: { ...identifier, description: 'PostgreSQL schema (default public)' },
    table: { ...identifier, description: 'table name as PostgreSQL stores it (at most 63 bytes)' },
    columns: {
      type: 'array',
      minItems: 1,
      description: 'in ordinal order; names unique',
      items: {
        type: 'object',
        required: ['name', 'type'],
        additionalProperties: false,
        properties: {
          name: identifier,
          type: { type: 'string', minLength: 1, description: 'format_type() spelling, or an enum name' },
          nullable: { type: 'boolean', description: 'default true' },
          default: { type: ['string', 'null'], minLength: 1, description: 'SQL expression' },
          identity: { enum: ['always', 'by default', null] },
          generated: {
            type: ['object', 'null'],
            required: ['expression', 'stored'],
            additionalProperties: false,
            properties: { expression, stored: { const: true } },
          },
          deprecated: { type: 'boolean', description: 'scheduled for removal' },
          renamedFrom: { ...identifier, description: 'the column name in the previous version' },
          comment: { type: 'string' },
        },
      },
    },
    primaryKey: {
      type: ['object', 'null'],
      required: ['columns'],
      additionalProperties: false,
      properties: { name: identifier, columns: names },
    },
    uniques: {
      type: 'array',
      items: {
        type: 'object',
        required: ['columns'],
        additionalProperties: false,
        properties: { name: identifier, columns: names, nullsNotDistinct: { type: 'boolean' } },
      },
    },
    indexes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: identifier,
          columns: names,
          expressions: { type: 'array', items: expression, minItems: 1 },
          unique: { type: 'boolean' },
          method: { ...identifier, description: 'access method (default btree)' },
          where: expression,
          include: names,
        },
      },
    },
    foreignKeys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['columns', 'references'],
        additionalProperties: false,
        properties: {
          name: identifier,
          columns: names,
          references: {
            type: 'object',
            required: ['table', 'columns'],
            additionalProperties: false,
            properties: { schema: identifier, table: identifier, columns: names },
          },
          onDelete: action,
          onUpdate: action,
          deferrable: { type: 'boolean' },
        },
      },
    },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'expression'],
        additionalProperties: false,
        properties: { name: identifier, expression },
      },
    },
    enums: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'values'],
        additionalProperties: false,
        properties: {
          name: identifier,
          schema: identifier,
          values: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
    comment: { type: 'string' },
  },
} as const;
