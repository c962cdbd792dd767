# AI-kataloget: the `aikatalog` binary in a small Debian image.
#
#   docker build -t aikatalog .
#   docker run --rm -p 8080:8080 -v aikatalog-data:/data aikatalog
#
# Without AIKATALOG_DATABASE_URL the catalogue runs on SQLite in the /data volume;
# docker-compose.yml runs it on PostgreSQL instead. The seed data is compiled into the binary,
# so the first start on an empty database shows a full catalogue.

# --- Build ----------------------------------------------------------------------------------
FROM rust:1.95-bookworm AS builder
WORKDIR /src

# SQLite, libpq and OpenSSL (libpq's TLS) are built from source by their -sys crates (see
# Cargo.toml), so the build needs no system libraries and the runtime image needs none either. The whole context is copied
# (.dockerignore keeps out target/, data/ and .git/): the binary embeds migrations/ and
# seed-data/, and tests/cli.rs is a test target named in crates/aikatalog/Cargo.toml.
COPY . .
RUN cargo build --release -p aikatalog \
    && install -D -m 0755 target/release/aikatalog /out/aikatalog \
    && rm -rf target

# --- Run ------------------------------------------------------------------------------------
FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 aikatalog \
    && useradd --system --uid 10001 --gid aikatalog --home-dir /data --shell /usr/sbin/nologin aikatalog \
    && mkdir -p /data \
    && chown aikatalog:aikatalog /data

COPY --from=builder /out/aikatalog /usr/local/bin/aikatalog

# MALLOC_ARENA_MAX: glibc's heap arenas, two (what `aikatalog serve` sets for itself when
# unset; see crates/aikatalog/src/arenas.rs).
ENV AIKATALOG_BIND=0.0.0.0:8080 \
    AIKATALOG_DATABASE_URL=sqlite:///data/aikatalog.db \
    AIKATALOG_DATA_DIR=/data \
    MALLOC_ARENA_MAX=2 \
    RUST_LOG=info

USER aikatalog:aikatalog
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080

ENTRYPOINT ["aikatalog"]
CMD ["serve"]
