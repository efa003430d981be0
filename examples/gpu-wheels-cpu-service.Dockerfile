# Pitfall: on Linux `pip install torch` pulls the CUDA build and the nvidia-* wheels
# (gigabytes) even for a service that only ever runs on CPU.
FROM python:3.11-slim
WORKDIR /srv
RUN pip install --no-cache-dir torch transformers fastapi uvicorn
COPY . .
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080"]
