# One image for both Switchboard processes; the command chooses which (see compose.yaml and docs/deploy.md).
#   API:        docker run … switchboard npm run start:api
#   dashboard:  docker run … switchboard npm run start:dashboard
# Built by the GitHub workflow; nothing in it downloads at run time, and nothing phones home.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN npm install -g npm@11 --no-audit --no-fund
COPY . .
# The API runs its TypeScript through tsx (a dev dependency), so the install is kept whole.
RUN npm ci --no-audit --no-fund && npm run build -w @switchboard/dashboard

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 \
    HOST=0.0.0.0 DASHBOARD_HOST=0.0.0.0 API_PORT=4000 DASHBOARD_PORT=3000
RUN npm install -g npm@11 --no-audit --no-fund
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.API_PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "run", "start:api"]
