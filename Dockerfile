# One image for the API, the worker and the migration step (the command differs per service).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    # A container's loopback is unreachable from outside it: listen on every interface of the
    # container (only the ports the compose file publishes reach the host).
    HOST=0.0.0.0 \
    # Temporal servers come from the compose stack, not from the tools venv.
    SKIP_TEMPORAL_TOOLS=1
# The printed certificate's Chinese font (CARD_FONT, infra/card-font.ts): the API does not start
# in production without it.
RUN apt-get update && apt-get install -y -q --no-install-recommends fonts-wqy-zenhei && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY infra ./infra
COPY scripts ./scripts
# The web UI is built by the install step (it shares a few constants with domain/).
COPY domain ./domain
COPY web ./web
RUN npm ci --include=dev && npm cache clean --force
COPY . .
USER node
# 3000 API, 9465 the API's /metrics (METRICS_PORT), 9464 a worker's metrics: the last two for Prometheus only.
EXPOSE 3000 9464 9465
CMD ["node", "--import", "tsx", "api/main.ts"]
