# Pitfall: copying from a stage defined further down. BuildKit accepts it, the classic
# builder does not, and readers are misled about the build order.
FROM alpine:3.20 AS final
COPY --from=builder /app/bin/app /usr/local/bin/app
CMD ["app"]

FROM golang:1.22 AS builder
WORKDIR /app
COPY . .
RUN go build -o /app/bin/app .
