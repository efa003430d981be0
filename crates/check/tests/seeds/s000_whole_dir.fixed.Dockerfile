FROM golang:1.20 AS builder
WORKDIR /app
COPY . .
RUN go build -o bin/app .

FROM alpine:3.18
COPY --from=builder /app/bin/app /app/bin/app
COPY --from=builder /app/config.yaml /app/config.yaml
CMD ["/app/bin/app"]
