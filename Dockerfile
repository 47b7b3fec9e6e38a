# Schemata registry. Embedded storage (PGlite) in /data by default; set DATABASE_URL (and REDIS_URL) for
# server mode — docker-compose.yml shows it. There is no build step: tsx runs the TypeScript sources.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    HOST=0.0.0.0 \
    PORT=8081 \
    DATA_DIR=/data
WORKDIR /app
# Application files stay owned by root (read-only for the service user); only /data is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json openapi.yaml ./
COPY drizzle ./drizzle
COPY bin ./bin
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8081
# The slim image has no curl; Node 20 has fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8081) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `npm start` execs node, so SIGTERM from `docker stop` reaches the registry and it shuts down gracefully.
CMD ["npm", "start"]
