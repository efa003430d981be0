# Pitfall: --from=0 breaks silently when a stage is added above it. Name your stages.
FROM node:18
WORKDIR /app
COPY . .
RUN npm run build

FROM node:18
COPY --from=0 /app /app
CMD ["node", "/app/dist/server.js"]
