import { defineConfig } from 'drizzle-kit';

// Generates the registry's own migrations into drizzle/ (run `npm run db:generate` after editing src/db/schema.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
