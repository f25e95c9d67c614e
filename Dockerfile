# One image for the API, the worker and the migration step (the command differs per service).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    # Temporal servers come from the compose stack, not from the tools venv.
    SKIP_TEMPORAL_TOOLS=1
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
EXPOSE 3000 9464
CMD ["node", "--import", "tsx", "api/main.ts"]
