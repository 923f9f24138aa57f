# The check-only appbook (no typesetter) in a small image, for CI systems that run containers:
#   docker build -t appbook .
#   docker run --rm -v "$PWD:/work:ro" appbook check .
# `make test-docker` builds it and checks the samples with it.
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo install --path . --no-default-features --locked --root /out

FROM debian:bookworm-slim
COPY --from=build /out/bin/appbook /usr/local/bin/appbook
WORKDIR /work
USER 65534:65534
ENTRYPOINT ["appbook"]
CMD ["check", "."]
