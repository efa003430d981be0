//! What little the checks need to know about base images without pulling them: the
//! environment variables official images define (so UndefinedVar stays quiet on
//! `$PYTHON_VERSION` after `FROM python`, as BuildKit does with the real image config).

/// The repository part of an image reference, without registry, `library/`, tag or digest:
/// `docker.io/library/python:3.12@sha256:…` → `python`, `nvidia/cuda:12` → `nvidia/cuda`.
pub(crate) fn repository(image: &str) -> String {
    let no_digest = image.split('@').next().unwrap_or(image);
    // A tag is the part after the last ':' that comes after the last '/'.
    let slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    let no_tag = match no_digest[slash..].find(':') {
        Some(i) => &no_digest[..slash + i],
        None => no_digest,
    };
    let mut parts: Vec<&str> = no_tag.split('/').collect();
    if parts.len() > 1
        && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
    {
        parts.remove(0);
    }
    if parts.len() > 1 && parts[0] == "library" {
        parts.remove(0);
    }
    parts.join("/").to_ascii_lowercase()
}

/// The tag of an image reference (`latest` if none).
pub(crate) fn tag(image: &str) -> String {
    let no_digest = image.split('@').next().unwrap_or(image);
    let slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    match no_digest[slash..].find(':') {
        Some(i) => no_digest[slash + i + 1..].to_string(),
        None => "latest".to_string(),
    }
}

/// Environment variable names defined by the configuration of well-known images
/// (from their official Dockerfiles). `None` for an image we know nothing about.
pub(crate) fn env_keys(image: &str) -> Option<&'static [&'static str]> {
    let repo = repository(image);
    let keys: &'static [&'static str] = match repo.as_str() {
        "scratch" | "alpine" | "busybox" | "debian" | "ubuntu" | "fedora" | "centos"
        | "rockylinux" | "almalinux" | "amazonlinux" | "archlinux" | "opensuse/leap"
        | "oraclelinux" | "photon" | "clearlinux" => &["PATH"],
        "python" | "pypy" => &[
            "PATH",
            "LANG",
            "GPG_KEY",
            "PYTHON_VERSION",
            "PYTHON_SHA256",
            "PYTHON_PIP_VERSION",
            "PYTHON_SETUPTOOLS_VERSION",
            "PYTHON_GET_PIP_URL",
            "PYTHON_GET_PIP_SHA256",
            "PYPY_VERSION",
        ],
        "node" => &["PATH", "NODE_VERSION", "YARN_VERSION"],
        "golang" => &["PATH", "GOLANG_VERSION", "GOTOOLCHAIN", "GOPATH"],
        "rust" => &["PATH", "RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"],
        "openjdk" | "eclipse-temurin" | "amazoncorretto" | "ibmjava" | "sapmachine" => &[
            "PATH",
            "JAVA_HOME",
            "JAVA_VERSION",
            "LANG",
            "LANGUAGE",
            "LC_ALL",
        ],
        "maven" => &[
            "PATH",
            "JAVA_HOME",
            "JAVA_VERSION",
            "LANG",
            "LANGUAGE",
            "LC_ALL",
            "MAVEN_HOME",
            "MAVEN_CONFIG",
        ],
        "gradle" => &[
            "PATH",
            "JAVA_HOME",
            "JAVA_VERSION",
            "LANG",
            "LANGUAGE",
            "LC_ALL",
            "GRADLE_HOME",
            "GRADLE_VERSION",
        ],
        "nginx" => &[
            "PATH",
            "NGINX_VERSION",
            "NJS_VERSION",
            "NJS_RELEASE",
            "PKG_RELEASE",
            "DYNPKG_RELEASE",
        ],
        "httpd" => &[
            "PATH",
            "HTTPD_PREFIX",
            "HTTPD_VERSION",
            "HTTPD_SHA256",
            "HTTPD_PATCHES",
        ],
        "ruby" => &[
            "PATH",
            "LANG",
            "RUBY_VERSION",
            "RUBY_DOWNLOAD_URL",
            "RUBY_DOWNLOAD_SHA256",
            "GEM_HOME",
            "BUNDLE_SILENCE_ROOT_WARNING",
            "BUNDLE_APP_CONFIG",
        ],
        "php" => &[
            "PATH",
            "PHPIZE_DEPS",
            "PHP_INI_DIR",
            "APACHE_CONFDIR",
            "APACHE_ENVVARS",
            "PHP_CFLAGS",
            "PHP_CPPFLAGS",
            "PHP_LDFLAGS",
            "GPG_KEYS",
            "PHP_VERSION",
            "PHP_URL",
            "PHP_ASC_URL",
            "PHP_SHA256",
        ],
        "postgres" => &[
            "PATH",
            "GOSU_VERSION",
            "LANG",
            "PG_MAJOR",
            "PG_VERSION",
            "PGDATA",
        ],
        "mysql" => &[
            "PATH",
            "GOSU_VERSION",
            "MYSQL_MAJOR",
            "MYSQL_VERSION",
            "MYSQL_SHELL_VERSION",
        ],
        "redis" => &[
            "PATH",
            "GOSU_VERSION",
            "REDIS_VERSION",
            "REDIS_DOWNLOAD_URL",
            "REDIS_DOWNLOAD_SHA",
        ],
        "gcc" => &["PATH", "GPG_KEYS", "GCC_MIRRORS", "GCC_VERSION"],
        "buildpack-deps" => &["PATH"],
        "nvidia/cuda" => &[
            "PATH",
            "NVARCH",
            "NVIDIA_REQUIRE_CUDA",
            "NV_CUDA_CUDART_VERSION",
            "NV_CUDA_COMPAT_PACKAGE",
            "CUDA_VERSION",
            "LD_LIBRARY_PATH",
            "NVIDIA_VISIBLE_DEVICES",
            "NVIDIA_DRIVER_CAPABILITIES",
            "NV_CUDA_LIB_VERSION",
            "NV_NVTX_VERSION",
            "NV_LIBNPP_VERSION",
            "NV_LIBNPP_PACKAGE",
            "NV_LIBCUSPARSE_VERSION",
            "NV_LIBCUBLAS_PACKAGE_NAME",
            "NV_LIBCUBLAS_VERSION",
            "NV_LIBCUBLAS_PACKAGE",
            "NV_LIBNCCL_PACKAGE_NAME",
            "NV_LIBNCCL_PACKAGE_VERSION",
            "NCCL_VERSION",
            "NV_LIBNCCL_PACKAGE",
            "NV_CUDNN_VERSION",
            "NV_CUDNN_PACKAGE_NAME",
            "NV_CUDNN_PACKAGE",
            "NV_CUDNN_PACKAGE_DEV",
            "LIBRARY_PATH",
            "NV_CUDA_CUDART_DEV_VERSION",
            "NV_NVML_DEV_VERSION",
            "NV_LIBCUSPARSE_DEV_VERSION",
            "NV_LIBNPP_DEV_VERSION",
            "NV_LIBNPP_DEV_PACKAGE",
            "NV_LIBCUBLAS_DEV_VERSION",
            "NV_LIBCUBLAS_DEV_PACKAGE_NAME",
            "NV_LIBCUBLAS_DEV_PACKAGE",
            "NV_CUDA_NSIGHT_COMPUTE_VERSION",
            "NV_CUDA_NSIGHT_COMPUTE_DEV_PACKAGE",
            "NV_NVPROF_VERSION",
            "NV_NVPROF_DEV_PACKAGE",
            "NV_LIBNCCL_DEV_PACKAGE_NAME",
            "NV_LIBNCCL_DEV_PACKAGE_VERSION",
            "NV_LIBNCCL_DEV_PACKAGE",
        ],
        "pytorch/pytorch" => &[
            "PATH",
            "NVIDIA_VISIBLE_DEVICES",
            "NVIDIA_DRIVER_CAPABILITIES",
            "LD_LIBRARY_PATH",
            "PYTORCH_VERSION",
            "CONDA_PREFIX",
        ],
        "continuumio/miniconda3" | "continuumio/anaconda3" | "condaforge/miniforge3" => {
            &["PATH", "LANG", "LC_ALL", "CONDA_DIR"]
        }
        "mcr.microsoft.com/dotnet/sdk" | "dotnet/sdk" | "dotnet/aspnet" | "dotnet/runtime" => &[
            "PATH",
            "APP_UID",
            "ASPNETCORE_HTTP_PORTS",
            "DOTNET_RUNNING_IN_CONTAINER",
            "DOTNET_VERSION",
            "ASPNET_VERSION",
            "DOTNET_SDK_VERSION",
            "DOTNET_USE_POLLING_FILE_WATCHER",
            "NUGET_XMLDOC_MODE",
            "POWERSHELL_DISTRIBUTION_CHANNEL",
            "DOTNET_GENERATE_ASPNET_CERTIFICATE",
            "DOTNET_NOLOGO",
        ],
        _ => return None,
    };
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_and_tag() {
        assert_eq!(
            repository("docker.io/library/python:3.12@sha256:ab"),
            "python"
        );
        assert_eq!(
            repository("nvidia/cuda:12.4.1-devel-ubuntu22.04"),
            "nvidia/cuda"
        );
        assert_eq!(repository("localhost:5000/app:1"), "app");
        assert_eq!(tag("python:3.12-slim"), "3.12-slim");
        assert_eq!(tag("localhost:5000/app"), "latest");
    }
}
