//! Image references normalised as `distribution/reference.ParseNormalizedNamed` followed by
//! `TagNameOnly` (what BuildKit does before resolving a base image): `alpine` becomes
//! `docker.io/library/alpine:latest`. Used to de-duplicate image nodes and to report the
//! references BuildKit would refuse.

use stagecraft_syntax::case::GoCase;

const DEFAULT_DOMAIN: &str = "docker.io";

fn is_path_component(s: &str) -> bool {
    // [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*
    let b = s.as_bytes();
    if b.is_empty() {
        return false;
    }
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && alnum(b[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == b.len() {
            return true;
        }
        // separator
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < b.len() && b[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
        if i == b.len() {
            return false;
        }
    }
}

fn is_domain(s: &str) -> bool {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, after)) => {
                if v6.is_empty() || !v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
                    return false;
                }
                match after {
                    "" => return true,
                    p => match p.strip_prefix(':') {
                        Some(p) => ("", Some(p)),
                        None => return false,
                    },
                }
            }
            None => return false,
        }
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    if host.is_empty() {
        return s.starts_with('[');
    }
    host.split('.').all(|c| {
        let b = c.as_bytes();
        !b.is_empty()
            && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
    })
}

fn is_tag(s: &str) -> bool {
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b[1..].iter().all(|c| word(*c) || *c == b'.' || *c == b'-')
}

fn is_digest(s: &str) -> bool {
    let Some((alg, hex)) = s.split_once(':') else {
        return false;
    };
    let alg_ok = alg.split(['-', '_', '+', '.']).all(|part| {
        let b = part.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(|c| c.is_ascii_alphanumeric())
    });
    alg_ok && hex.len() >= 32 && hex.bytes().all(|c| c.is_ascii_hexdigit())
}

/// Normalise `s` as BuildKit does before pulling (`docker.io/library/alpine:latest`), or give
/// BuildKit's error message.
pub fn normalize(s: &str) -> Result<String, String> {
    if s.len() == 64 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(format!(
            "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
        ));
    }
    let (domain, remainder) = match s.find('/') {
        Some(i)
            if {
                let first = &s[..i];
                first.contains(['.', ':']) || first == "localhost" || first.go_lower() != first
            } =>
        {
            (s[..i].to_string(), s[i + 1..].to_string())
        }
        _ => (DEFAULT_DOMAIN.to_string(), s.to_string()),
    };
    let domain = if domain == "index.docker.io" {
        DEFAULT_DOMAIN.to_string()
    } else {
        domain
    };
    let remainder = if domain == DEFAULT_DOMAIN && !remainder.contains('/') {
        format!("library/{remainder}")
    } else {
        remainder
    };
    let remote_name = remainder.split(':').next().unwrap_or("");
    if remote_name.go_lower() != remote_name {
        return Err(format!(
            "invalid reference format: repository name ({remote_name}) must be lowercase"
        ));
    }
    let invalid = || {
        if s.is_empty() {
            "invalid reference format: repository name must have at least one component".to_string()
        } else {
            "invalid reference format".to_string()
        }
    };
    let (name_tag, digest) = match remainder.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (remainder.as_str(), None),
    };
    let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (path, tag) = match name_tag[last_slash..].find(':') {
        Some(i) => (
            &name_tag[..last_slash + i],
            Some(&name_tag[last_slash + i + 1..]),
        ),
        None => (name_tag, None),
    };
    if !is_domain(&domain)
        || !path.split('/').all(is_path_component)
        || tag.is_some_and(|t| !is_tag(t))
        || digest.is_some_and(|d| !is_digest(d))
    {
        return Err(invalid());
    }
    if domain.len() + 1 + path.len() > 255 {
        return Err("repository name must not be more than 255 characters".to_string());
    }
    let mut out = format!("{domain}/{path}");
    if let Some(t) = tag {
        out.push(':');
        out.push_str(t);
    }
    if let Some(d) = digest {
        out.push('@');
        out.push_str(d);
    }
    if tag.is_none() && digest.is_none() {
        out.push_str(":latest");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalises_like_distribution_reference() {
        assert_eq!(
            normalize("alpine").unwrap(),
            "docker.io/library/alpine:latest"
        );
        assert_eq!(
            normalize("alpine:3.19").unwrap(),
            "docker.io/library/alpine:3.19"
        );
        assert_eq!(
            normalize("ghcr.io/astral-sh/uv:0.5").unwrap(),
            "ghcr.io/astral-sh/uv:0.5"
        );
        assert_eq!(
            normalize("localhost:5000/x/y").unwrap(),
            "localhost:5000/x/y:latest"
        );
        assert_eq!(
            normalize("index.docker.io/foo/bar").unwrap(),
            "docker.io/foo/bar:latest"
        );
        assert!(normalize("Builder")
            .unwrap_err()
            .contains("must be lowercase"));
        assert!(normalize("a b").is_err());
        assert!(normalize("img:").is_err());
        assert!(normalize("").is_err());
        assert!(normalize("x@sha256:abc").is_err());
    }
}
