# syntax=docker/dockerfile:1.7
#
# Fulcrum console: the Vite build served by nginx, which also proxies /api and /socket.io to the
# api service (see docker/nginx.conf). Build from the repository root:
#   docker build -f docker/frontend.Dockerfile -t fulcrum-web .
# The image expects an `api` host on port 3000 (the compose service name); it listens on port 80.

ARG NODE_IMAGE=node:20-bookworm-slim
# nginx >= 1.27.3 is required (`resolve` on upstream servers); stable is 1.28 or newer.
ARG NGINX_IMAGE=nginx:stable-alpine

# ---------------------------------------------------------------------------
# build: the first steps are the same as in backend.Dockerfile, so BuildKit reuses the layers.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false

COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tests/package.json tests/
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --no-audit --no-fund

COPY tsconfig.base.json nx.json ./
COPY shared/ shared/
COPY frontend/ frontend/
# Builds @fulcrum/shared first (Nx dependsOn ^build), then `vite build` into frontend/dist.
RUN npx nx run-many -t build --projects=@fulcrum/frontend --outputStyle=static

# ---------------------------------------------------------------------------
# runtime: nginx
# ---------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS runtime
LABEL org.opencontainers.image.title="fulcrum-web" \
      org.opencontainers.image.description="Fulcrum console (static) with a reverse proxy to the api"

# The image's /etc/nginx/nginx.conf includes conf.d/*.conf inside its http {} block.
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/frontend/dist/ /usr/share/nginx/html/

EXPOSE 80
# busybox wget is in the alpine image; /healthz is answered by nginx itself (not the api).
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1/healthz || exit 1
