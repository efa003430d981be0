use super::*;

fn ctx() -> ShellContext {
    let mut vars = BTreeMap::new();
    vars.insert("PKGS".to_string(), "libpq5 curl".to_string());
    vars.insert("VENV".to_string(), "/opt/venv".to_string());
    ShellContext {
        cwd: "/app".to_string(),
        home: "/root".to_string(),
        vars,
    }
}

/// One line per effect: the effect as compact JSON.
fn render(script: &str) -> String {
    let mut s = format!("$ {script}\n");
    for r in recognise_shell(script, &ctx()) {
        s.push_str("  ");
        s.push_str(&serde_json::to_string(&r.effect).unwrap());
        s.push('\n');
    }
    s
}

fn render_all(scripts: &[&str]) -> String {
    scripts
        .iter()
        .map(|s| render(s))
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn apt_family() {
    insta::assert_snapshot!(render_all(&[
        "apt-get update && apt-get install -y --no-install-recommends build-essential curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*",
        "set -ex; apt-get update; DEBIAN_FRONTEND=noninteractive apt-get -y -o APT::Install-Recommends=false install $PKGS \\\n  git/bookworm-backports; apt-get clean",
        "apt install -qq -y $(cat /tmp/pkgs) ./local.deb && apt-get purge -y --auto-remove gcc && apt-get autoremove -y",
        "dpkg -i /tmp/x.deb || apt-get -f install -y",
    ]));
}

#[test]
fn apk_family() {
    insta::assert_snapshot!(render_all(&[
        "apk add --no-cache --virtual .build-deps gcc musl-dev && pip install cffi && apk del .build-deps",
        "apk --update add ca-certificates tzdata=2024a-r0 && rm -rf /var/cache/apk/*",
        "apk update && apk upgrade",
    ]));
}

#[test]
fn python_family() {
    insta::assert_snapshot!(render_all(&[
        "pip install --no-cache-dir -r requirements.txt",
        "python3 -m pip install --user flask==3.0.0 'uvicorn[standard]>=0.29' -e . --index-url https://download.pytorch.org/whl/cpu",
        "python -m venv $VENV && $VENV/bin/pip install -U pip wheel && /opt/venv/bin/pip install --target /deps -r req/prod.txt",
        "PIP_NO_CACHE_DIR=1 pip3 install ./dist/*.whl",
        "pip install --prefix=/install --no-deps gunicorn",
        "uv pip install --system --no-cache -r requirements.txt && uv sync --frozen --no-dev --no-install-project",
        "pip install poetry && poetry config virtualenvs.create false && poetry install --no-interaction --only main --no-root",
        "uv venv /opt/venv",
        "python setup.py install",
    ]));
}

#[test]
fn node_go_rust() {
    insta::assert_snapshot!(render_all(&[
        "npm ci --omit=dev && npm cache clean --force",
        "NODE_ENV=production npm install && npm run build",
        "yarn install --frozen-lockfile --production && yarn build && yarn cache clean",
        "corepack enable && pnpm install --frozen-lockfile --prod",
        "npm install -g pm2",
        "go mod download && CGO_ENABLED=0 go build -ldflags='-s -w' -o /out/app ./cmd/server",
        "cd /src && go build -o bin/ ./...",
        "cargo build --release --target x86_64-unknown-linux-musl",
        "cargo chef cook --release --recipe-path recipe.json && cargo install --path . --root /usr/local",
    ]));
}

#[test]
fn build_tools_downloads_files() {
    insta::assert_snapshot!(render_all(&[
        "./configure --prefix=/usr/local && make -j$(nproc) && make install",
        "mkdir build && cd build && cmake .. -DCMAKE_BUILD_TYPE=Release && cmake --build . --target install",
        "gcc -O2 -o /usr/local/bin/hello hello.c && g++ -c x.cpp",
        "curl -fsSL https://example.com/tool-1.2.tar.gz | tar -xz -C /opt --strip-components=1",
        "curl -fsSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini && chmod +x /usr/local/bin/tini",
        "curl -sSL https://install.python-poetry.org | python3 -",
        "curl -LO https://go.dev/dl/go1.22.0.linux-amd64.tar.gz && tar xzf go1.22.0.linux-amd64.tar.gz -C /usr/local && rm go1.22.0.linux-amd64.tar.gz",
        "wget -qO- https://get.example.sh | sh",
        "wget -q https://example.com/a.zip && unzip -q a.zip -d /opt/a && rm a.zip",
        "curl https://example.com/x.json > data/x.json",
        "git clone --depth 1 https://github.com/org/repo.git && cd repo && make",
    ]));
}

#[test]
fn files_users_and_shells() {
    insta::assert_snapshot!(render_all(&[
        "mkdir -p /app/data /var/log/app && chown -R app:app /app && chmod -R 755 /app",
        "groupadd -r app && useradd -r -g app -m -d /home/app app",
        "addgroup -S app && adduser -S -G app -H app",
        "adduser --disabled-password --gecos '' appuser",
        "cp -r src/ /opt/src && mv /tmp/a /tmp/b /usr/local/ && ln -sf /usr/bin/python3 /usr/bin/python",
        "echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norec && sed -i 's/a/b/' /etc/ssh/sshd_config",
        "sh -c 'cd /srv && npm ci' && bash -euxo pipefail -c \"pip install flask\"",
        "(cd /tmp && make) && touch x",
        "export PATH=/opt/venv/bin:$PATH GOFLAGS=-mod=vendor; FOO=bar; echo $FOO > /tmp/$FOO",
        "if [ -f requirements.txt ]; then pip install -r requirements.txt; fi",
        "find / -name '*.pyc' -delete",
        "conda install -y -c conda-forge numpy=1.26 && conda clean -afy",
        "cat pkgs.txt | xargs apt-get install -y",
        "frobnicate --all && ./build.sh",
        "cat <<EOF > /etc/app.conf\nrm -rf /\nEOF\necho done",
    ]));
}

#[test]
fn exec_form() {
    let argv: Vec<String> = ["apt-get", "install", "-y", "$PKGS"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let r = recognise_exec(&argv, &ctx());
    // No shell: `$PKGS` stays a literal package name.
    assert_eq!(
        r[0].effect,
        Effect::AptInstall {
            packages: vec!["$PKGS".into()],
            unresolved: vec![],
            no_recommends: false,
            local_debs: vec![],
        }
    );
    let argv: Vec<String> = ["/bin/sh", "-c", "apk add --no-cache git"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let r = recognise_exec(&argv, &ctx());
    assert!(
        matches!(&r[0].effect, Effect::ApkAdd { packages, no_cache: true, .. } if packages == &["git"])
    );
}

#[test]
fn ranges_point_at_the_simple_command() {
    let script = "apt-get update && apt-get install -y curl";
    let r = recognise_shell(script, &ctx());
    let texts: Vec<&str> = r.iter().map(|r| &script[r.range.as_usize()]).collect();
    assert_eq!(texts, ["apt-get update", "apt-get install -y curl"]);
    assert_eq!(r[1].text, "apt-get install -y curl");
}

#[test]
fn resolve_paths() {
    assert_eq!(resolve("/app", "x/../y/./z"), "/app/y/z");
    assert_eq!(resolve("/", "a/"), "/a/");
    assert_eq!(resolve("/app", "/"), "/");
    assert_eq!(resolve("/app", ".."), "/");
    assert_eq!(resolve("/a/b", "../../../c"), "/c");
}

/// `resolve` is "join `cwd/path` (or take `path` when absolute), then normalise", written out.
fn resolve_by_joining(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else if cwd.is_empty() || cwd == "/" {
        format!("/{path}")
    } else {
        format!("{}/{path}", cwd.trim_end_matches('/'))
    };
    let trailing = joined.ends_with('/') && joined.len() > 1;
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut s: String = parts.iter().map(|p| format!("/{p}")).collect();
    if s.is_empty() || trailing {
        s.push('/');
    }
    s
}

#[test]
fn resolve_matches_join_then_normalise() {
    let cwds = [
        "", "/", "//", "/app", "/app/", "/a/b", "a", "/a/../b/", "/.",
    ];
    let paths = [
        "",
        "/",
        "//",
        ".",
        "..",
        "x",
        "x/",
        "/x",
        "/x/",
        "./x",
        "../x",
        "x/../y/",
        "a//b",
        "~",
        "/a/./b/..",
        "...",
    ];
    for cwd in cwds {
        for path in paths {
            assert_eq!(
                resolve(cwd, path),
                resolve_by_joining(cwd, path),
                "resolve({cwd:?}, {path:?})"
            );
        }
    }
}

/// Never panics, always terminates: pseudo-random scripts from shell-ish fragments.
#[test]
fn never_panics_on_noise() {
    let frags = [
        "apt-get", " install", " -y", "'", "\"", "$(", ")", "${", "}", "`", "\\", "\n", "&&", "|",
        ";", "(", "sh -c ", "<<EOF", "EOF", "é", "-o", "--", "=", "*", "~", "$X", "2>&1", ">",
        "pip", " -r", "curl", "tar", " x", "cd", " ..", "#", "\t", "\r\n",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(frags[(seed % frags.len() as u64) as usize]);
        }
        let r = recognise_shell(&s, &ctx());
        for x in &r {
            assert!(x.range.end as usize <= s.len());
        }
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let mut s = "apt-get install -y x".to_string();
    for _ in 0..8 {
        s = format!("sh -c {}", shell_quote(&s));
    }
    let r = recognise_shell(&s, &ctx());
    assert!(matches!(r[0].effect, Effect::Unknown { .. }));
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn shell_control_flow_is_not_unknown() {
    let script = "set -eux; arch=\"$(dpkg --print-architecture)\"; case \"$arch\" in amd64) url=a ;; 'arm64') url=b ;; *) echo unsupported; exit 1 ;; esac; \
for key in A B; do gpg --recv-keys \"$key\"; done; gpgconf --kill all; python3 --version; gosu nobody true";
    let r = recognise_shell(script, &ctx());
    let unknown: Vec<&str> = r
        .iter()
        .filter(|x| matches!(x.effect, Effect::Unknown { .. }))
        .map(|x| x.text.as_str())
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert!(r
        .iter()
        .any(|x| matches!(&x.effect, Effect::SetVar { name, .. } if name == "url")));
}
