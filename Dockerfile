# syntax=docker/dockerfile:1
# Node 22 LTS, pinned (the project also runs on Node 20.19+ and 24).
ARG NODE_IMAGE=node:22.12.0-bookworm-slim

# Build stage: dev dependencies, better-sqlite3 compiled from source (python3, make, g++), TypeScript
# compiled to dist/ by `npm ci` (the prepare script).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund

# Runtime stage: production dependencies installed without install scripts, the compiled better-sqlite3
# binding copied from the build stage, no compilers, non-root user, data in a volume.
FROM ${NODE_IMAGE}
# MALLOC_ARENA_MAX=1: one malloc arena for all threads instead of one per thread (docs/platform-facts.md).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=1 \
    STORE_URL=sqlite:///data/support.sqlite \
    DATA_DIR=/data \
    HTTP_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/node_modules/better-sqlite3/build ./node_modules/better-sqlite3/build
COPY --from=build /app/dist ./dist
COPY intents ./intents
COPY texts ./texts
COPY snippets ./snippets
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers 503 while the store is unreachable; with HTTP_PORT=0 there is no listener, so
# the check passes as long as the process runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "const p=process.env.HTTP_PORT||'8080'; if (p==='0') process.exit(0); fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=70", "dist/main.js"]
