import os

import requests
from dotenv import load_dotenv
from flask import Flask, jsonify, render_template

load_dotenv()
app = Flask(__name__)
UPSTREAM = os.environ.get("UPSTREAM", "https://example.org/")


@app.get("/")
def index():
    return render_template("index.html", upstream=UPSTREAM)


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.get("/proxy")
def proxy():
    r = requests.get(UPSTREAM, timeout=5)
    return jsonify(status=r.status_code, length=len(r.content))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
