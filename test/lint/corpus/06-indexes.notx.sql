-- schemata:no-transaction
SET lock_timeout = '1s';
SET statement_timeout = '0';
CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status) WHERE status <> 'done';
CREATE UNIQUE INDEX CONCURRENTLY orders_ref_idx ON orders (reference);
CREATE INDEX orders_total_idx ON orders (total);
DROP INDEX CONCURRENTLY orders_old_idx;
DROP INDEX CONCURRENTLY IF EXISTS orders_older_idx;
DROP INDEX orders_oldest_idx;
REINDEX INDEX CONCURRENTLY orders_placed_idx;
CREATE TABLE shipments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL);
CREATE TABLE IF NOT EXISTS carriers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX shipments_order_idx ON shipments (order_id);
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS carrier_id bigint;
ALTER TABLE orders DROP COLUMN IF EXISTS legacy_flag;
DROP TABLE IF EXISTS shipments_old;
DROP TABLE shipments_older;
