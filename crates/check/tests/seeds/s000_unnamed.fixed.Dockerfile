FROM node:18 AS builder
WORKDIR /app
COPY . .
RUN npm run build
FROM node:18-alpine
COPY --from=builder /app/dist /app
CMD ["node", "/app/server.js"]
