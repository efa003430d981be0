//! The Dockerfiles the playground ships with.

/// The Dockerfile shown on first load: two named stages, a build and a small runtime.
pub const DEFAULT: &str = r#"# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM alpine:3.20 AS runtime
COPY --from=build /out/app /usr/local/bin/app
USER 65534
ENTRYPOINT ["app"]
"#;
