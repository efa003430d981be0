# Pitfall: the runtime stage uses the full node:18 image (Debian, compilers, npm, yarn).
FROM node:18 AS builder
WORKDIR /app
COPY package.json .
RUN npm install
COPY . .
RUN npm run build

FROM node:18
COPY --from=builder /app/dist ./dist
CMD ["node", "./dist/server.js"]
