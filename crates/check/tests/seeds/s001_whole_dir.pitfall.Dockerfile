# expect: CopyWholeBuildDirectory `/app`
FROM node:20 AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:20-alpine
COPY --from=builder /app /app
CMD ["node", "/app/dist/myapp.js"]
