import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ.get("DATABASE_URL", "sqlite://"))
with engine.connect() as conn:
    print(conn.execute(text("select 1")).scalar())
