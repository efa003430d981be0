FROM node:20 AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:20-alpine
COPY --from=builder /app/dist/myapp.js /app/myapp.js
CMD ["node", "/app/myapp.js"]
