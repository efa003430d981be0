#!/bin/sh
test -r /srv/data/cities.csv
