#!/usr/bin/env bash
# Installs the Debian packages embassy-packets builds and tests with: Cairo and Pango
# (rendering), libxml2 (templates and the embassy directory), libhyphen and its English
# patterns (hyphenating the letter), the Noto fonts (every script) and Symbola (emoji, in
# outline), zlib (inflating .zip and .xlsx exports), poppler-utils (the tests read the PDFs back), and dpkg-dev and man-db (the test that builds, installs and runs the Debian package). Needs a Swift 6 toolchain already on PATH.
set -euo pipefail

packages=(libcairo2-dev libpango1.0-dev libxml2-dev libhyphen-dev hyphen-en-us fonts-noto-core fonts-noto-cjk fonts-symbola poppler-utils qpdf pkg-config zlib1g-dev dpkg-dev man-db)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ! as_root apt-get update -qq; then
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: apt-get update failed and these packages are missing: ${missing[*]}" >&2
    exit 1
  fi
  echo "install-deps: apt-get update failed; every package is already installed, going on" >&2
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present (${packages[*]})" >&2
fi

# The tests check the manifest against its JSON Schema and the CI examples as YAML, in Python.
if ! python3 -c "import jsonschema, yaml" >/dev/null 2>&1; then
  echo "install-deps: installing the Python modules jsonschema and PyYAML for the tests" >&2
  python3 -m pip install --quiet jsonschema pyyaml
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "install-deps: no 'swift' on PATH: install a Swift 6 toolchain from swift.org first" >&2
  exit 1
fi
