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
RUN npm ci --include=dev && npm cache clean --force
COPY . .
USER node
EXPOSE 3000 9464
CMD ["node", "--import", "tsx", "api/main.ts"]
