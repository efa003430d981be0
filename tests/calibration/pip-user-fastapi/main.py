import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


@app.get("/")
def root():
    return {"hello": "world"}


@app.post("/items")
def create(item: Item):
    return item


@app.get("/upstream")
async def upstream():
    async with httpx.AsyncClient() as client:
        r = await client.get("https://example.org/")
    return {"status": r.status_code}
