//! The 300-line multi-stage Dockerfile the `analyze` benches time. Shared by path
//! (`#[path]`) between `stagecraft-simulate`'s and `stagecraft-analysis`'s benches and the
//! analysis crate's `profile` example, so every figure is measured on the same text.

/// A deterministic 300-line file: builder stages with apt/pip/npm/go work, copies between
/// them, and a slim final stage.
pub fn big_dockerfile() -> String {
    let mut s = String::from("# syntax=docker/dockerfile:1\nARG PY=3.12\n");
    let mut i = 0;
    while s.lines().count() < 290 {
        let base = [
            "python:${PY}-slim",
            "node:22",
            "golang:1.25",
            "debian:bookworm-slim",
            "alpine:3.21",
        ][i % 5];
        s.push_str(&format!("FROM {base} AS s{i}\n"));
        s.push_str("WORKDIR /app\n");
        s.push_str("ENV PATH=/opt/venv/bin:$PATH PIP_NO_CACHE_DIR=1\n");
        match i % 5 {
            0 => s.push_str("RUN python -m venv /opt/venv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt && pip install flask==3.0.3 'uvicorn[standard]' numpy\n"),
            1 => s.push_str("COPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\nCOPY . .\nRUN npm run build\n"),
            2 => s.push_str("COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /out/app ./cmd/app\n"),
            3 => s.push_str("RUN apt-get update \\\n && apt-get install -y --no-install-recommends build-essential curl git ca-certificates \\\n && rm -rf /var/lib/apt/lists/*\n"),
            _ => s.push_str("RUN apk add --no-cache --virtual .b gcc musl-dev && apk add --no-cache tzdata && apk del .b\n"),
        }
        if i > 0 {
            s.push_str(&format!("COPY --from=s{} /app /prev{}\n", i - 1, i));
        }
        s.push_str("RUN useradd -m app && chown -R app:app /app && chmod -R 755 /app\nUSER app\nEXPOSE 8080\n");
        i += 1;
    }
    s.push_str(&format!("FROM python:3.12-slim\nCOPY --from=s{} /app /app\nCOPY --from=s2 /out/app /usr/local/bin/app\nCMD [\"app\"]\n", i - 1));
    s
}
