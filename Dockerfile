# syntax=docker/dockerfile:1
# Build stage: compiles sqlite3 from source (python3, make, g++), installs production dependencies.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime stage: no compilers, non-root user, data in a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    STORE_URL=sqlite:///data/support.sqlite \
    DATA_DIR=/data \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY intents ./intents
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tsx runs the TypeScript sources directly: `npm start` has no build step.
CMD ["node", "--import", "tsx", "src/main.ts"]
