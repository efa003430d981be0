# expect: UnnamedStageReference `0`
FROM node:18
WORKDIR /app
COPY . .
RUN npm run build
FROM node:18-alpine
COPY --from=0 /app/dist /app
CMD ["node", "/app/server.js"]
