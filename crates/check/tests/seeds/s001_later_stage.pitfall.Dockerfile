# expect: CopyFromLaterStage `--from=final`
FROM golang:1.22 AS builder
WORKDIR /app
COPY . .
RUN go build -o /app/dist/myapp .

FROM alpine:3.20 AS runtime
COPY --from=final /app/dist/myapp /app/myapp
CMD ["/app/myapp"]

FROM runtime AS final
USER nobody
