import os

import boto3
import structlog
from sqlalchemy import create_engine, text

log = structlog.get_logger()


def main():
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(text("select count(*) from orders where created_at > now() - interval '1 day'")).scalar()
    boto3.client("s3").put_object(Bucket=os.environ["BUCKET"], Key="daily.txt", Body=str(rows).encode())
    log.info("report written", rows=rows)


if __name__ == "__main__":
    main()
