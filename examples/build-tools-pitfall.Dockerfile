# Pitfall: compilers installed for the build stay in the image you ship.
FROM python:3.9
RUN apt-get update && apt-get install -y build-essential
COPY . /app
RUN make /app
CMD ["python", "/app/app.py"]
