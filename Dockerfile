# syntax=docker/dockerfile:1
# Compound Twin: the console and its server, compiled. Build: docker build -t compound-twin .
# Node 26 is the current LTS line ('Lithium', Active LTS since 2026-10-28); pinned to a patch release.

# 1. Build: every dependency, type-check, then the console (Vite) and the server bundle (esbuild) into dist/.
FROM node:26.13.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck && npm run build

# 2. The production dependencies alone (express, socket.io, pg, zod, mqtt, the embedded database).
FROM node:26.13.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: no TypeScript tooling, no sources, a non-root user, tini as PID 1 (signals, zombies).
FROM node:26.13.0-bookworm-slim AS runtime
# ffmpeg (+ a font): the demo's camera source when the image runs in demo mode (no DATABASE_URL); production
# plays cameras through a stream gateway and never starts it. --build-arg VIDEO_DEMO=0 leaves it out (smaller image).
ARG VIDEO_DEMO=1
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini $(if [ "$VIDEO_DEMO" = 1 ]; then echo ffmpeg fonts-dejavu-core; fi) \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=8080
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY data/compounds ./data/compounds
COPY data/rules ./data/rules
COPY data/rubrics ./data/rubrics
COPY data/models ./data/models
# data/db: the embedded database when DATABASE_URL is unset; models and compounds: volumes in compose.
RUN mkdir -p data/db && chown -R node:node data
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
