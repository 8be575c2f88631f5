#!/usr/bin/env bash
# Regenerates the man pages (docs/man) and the shell completions (docs/completions) with
# swift-argument-parser's own tools. Run after changing a command's options.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --allow-writing-to-package-directory generate-manual --multi-page
rm -rf docs/man && mkdir -p docs/man
cp .build/plugins/GenerateManual/outputs/embassy-packets/*.1 docs/man/
swift build
mkdir -p docs/completions
for shell in bash zsh fish; do
  .build/debug/embassy-packets --generate-completion-script "$shell" > "docs/completions/embassy-packets.$shell"
done
echo "generate-docs: docs/man and docs/completions are up to date" >&2
