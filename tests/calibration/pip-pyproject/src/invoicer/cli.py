import sys

import click
import httpx
import yaml
from jinja2 import Template

TEMPLATE = Template("Invoice {{ number }} for {{ customer }}: {{ '%.2f' % total }} EUR\n")


@click.command()
@click.argument("path", type=click.Path(exists=True))
@click.option("--post", help="URL to post the rendered invoice to")
def main(path, post):
    data = yaml.safe_load(open(path))
    data["total"] = sum(line["qty"] * line["price"] for line in data["lines"])
    text = TEMPLATE.render(**data)
    sys.stdout.write(text)
    if post:
        httpx.post(post, content=text, timeout=10)
