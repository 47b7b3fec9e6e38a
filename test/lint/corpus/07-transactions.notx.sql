-- schemata:no-transaction
BEGIN;
SET LOCAL lock_timeout = '1s';
ALTER TABLE products ADD COLUMN IF NOT EXISTS weight_g integer;
CREATE INDEX CONCURRENTLY products_weight_idx ON products (weight_g);
COMMIT;
BEGIN;
ALTER TABLE products ADD CONSTRAINT products_weight_check CHECK (weight_g > 0) NOT VALID;
ALTER TABLE products VALIDATE CONSTRAINT products_weight_check;
COMMIT;
ALTER TABLE products ADD CONSTRAINT products_price_check CHECK (price >= 0) NOT VALID;
ALTER TABLE products VALIDATE CONSTRAINT products_price_check;
BEGIN;
BEGIN;
ALTER TABLE products ADD COLUMN IF NOT EXISTS colour text;
COMMIT;
COMMIT;
BEGIN;
ALTER TABLE products ADD COLUMN IF NOT EXISTS size text;
