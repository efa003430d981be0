# expect: BuildToolsInFinalImage `apt-get install -y build-essential`
FROM debian:12
RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN make -C /app
CMD ["/app/run-app"]
