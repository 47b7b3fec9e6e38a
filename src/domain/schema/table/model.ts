/**
 * The TABLE schema document (reference: migration-rules.md §1): one PostgreSQL table as a versioned
 * contract. The canonical form always carries `schema`, every column's `nullable`, and sorts constraint and
 * index arrays by name; column order is kept. Types use PostgreSQL's `format_type()` spelling.
 */
export interface TableModel {
  /** PostgreSQL schema; `public` when absent in the input. */
  schema: string;
  /** Table name as PostgreSQL stores it (case-sensitive, at most 63 bytes). */
  table: string;
  /** In ordinal order; names unique; at least one. */
  columns: TableColumn[];
  /** Its columns are implicitly NOT NULL. */
  primaryKey?: { name?: string; columns: string[] } | null;
  uniques?: TableUnique[];
  indexes?: TableIndex[];
  foreignKeys?: TableForeignKey[];
  checks?: TableCheck[];
  /** Enum types the columns use; value order matters. */
  enums?: TableEnum[];
  comment?: string;
}

export interface TableColumn {
  name: string;
  /** Canonical PostgreSQL type (`integer`, `character varying(64)`, `text[]`) or the name of an entry in `enums`. */
  type: string;
  /** `true` when absent in the input; false = NOT NULL. */
  nullable?: boolean;
  /** SQL expression text (`'new'::text`, `0`, `now()`), or null for none. */
  default?: string | null;
  identity?: 'always' | 'by default' | null;
  generated?: { expression: string; stored: true } | null;
  /** Scheduled for removal (TS001, CT005). */
  deprecated?: boolean;
  /** Rename hint for TS002: the column's name in the previous version. */
  renamedFrom?: string;
  comment?: string;
}

export interface TableUnique {
  name?: string;
  columns: string[];
  nullsNotDistinct?: boolean;
}

export interface TableIndex {
  name: string;
  columns?: string[];
  expressions?: string[];
  unique?: boolean;
  /** Access method; `btree` when absent. */
  method?: string;
  where?: string;
  include?: string[];
}

export type ForeignKeyAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface TableForeignKey {
  name?: string;
  columns: string[];
  references: { schema?: string; table: string; columns: string[] };
  onDelete?: ForeignKeyAction;
  onUpdate?: ForeignKeyAction;
  deferrable?: boolean;
}

export interface TableCheck {
  name: string;
  /** SQL expression text. */
  expression: string;
}

export interface TableEnum {
  name: string;
  schema?: string;
  values: string[];
}
