# expect: BuildToolsInFinalImage `apt-get install -y build-essential`
FROM python:3.9
RUN apt-get update && apt-get install -y build-essential
COPY . /app
RUN make /app
CMD ["python", "/app/app.py"]
