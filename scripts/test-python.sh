#!/usr/bin/env bash
# The Python package: builds and installs ./python (maturin, through pip) into a fresh venv,
# then runs its pytest suite. The torch tests skip, with the reason shown, when torch is absent
# (CI does not download torch); run them in an environment that has torch (docs/python.md).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=target/pyvenv
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check ./python pytest numpy

# Run from the tests' folder so `import umfa` finds the installed package, not python/src.
cd python/tests
status=0
"../../$venv/bin/python" -m pytest -ra -p no:cacheprovider . || status=$?
if [ "$status" -eq 5 ]; then
  echo "test-python.sh: pytest collected no tests; python/tests is expected to have some" >&2
  exit 1
fi
exit "$status"
