# One image for every part of CDS Gateway: SERVICE picks what a container runs (docker-compose.yml),
# unset runs everything in one process.
FROM node:20-slim

ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
# tsx is a runtime dependency: the TypeScript sources run as they are, there is no build step.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .

USER node
EXPOSE 8080
# node is PID 1 itself (not npm), so it receives SIGTERM and shuts down cleanly.
CMD ["node", "--import", "tsx", "bin/start.ts"]
