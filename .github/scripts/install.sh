#!/usr/bin/env bash
# Install paperboy into .venv the way every job that later holds a write token does: each
# package checked against its hash (.github/requirements.txt, made from constraints.txt by
# pip-compile --generate-hashes), then paperboy itself from this checkout with nothing
# downloaded. Run before any token is in the job (no credential on disk, none in the
# environment). The stamp tells make that .venv is ready, so `make check`, `make site` and the
# scripts install nothing more. A clone without this script works as before: `make install`.
set -euo pipefail

python3 -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check -q --require-hashes --no-deps \
  -r .github/requirements.txt
.venv/bin/python -m pip install --disable-pip-version-check -q --no-deps --no-index --no-build-isolation -e .
touch .venv/.installed
