# expect: CopyWholeBuildDirectory `/app`
FROM golang:1.20 AS builder
WORKDIR /app
COPY . .
RUN go build -o bin/app .

FROM alpine:3.18
COPY --from=builder /app /app
CMD ["/app/bin/app"]
