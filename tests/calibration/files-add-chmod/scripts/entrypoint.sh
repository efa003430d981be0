#!/bin/sh
set -eu
export PYTHONPATH=/opt/vendor/mini-lib-1.2
echo "starting with $(ls /srv/data | wc -l) data files"
exec "$@"
