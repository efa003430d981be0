# Fixed: build in a throw-away stage, ship the result on a slim base.
FROM python:3.9 AS builder
RUN apt-get update && apt-get install -y build-essential
COPY . /app
RUN make /app

FROM python:3.9-slim
COPY --from=builder /app /app
CMD ["python", "/app/app.py"]
