FROM python:3.9 AS builder
RUN apt-get update && apt-get install -y build-essential
COPY . /app
RUN make /app
FROM python:3.9-slim
COPY --from=builder /app/bin/app /app/bin/app
CMD ["python", "/app/app.py"]
