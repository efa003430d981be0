FROM debian:12 AS builder
RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN make -C /app
FROM debian:12-slim
COPY --from=builder /app/dist /app
CMD ["/app/run-app"]
