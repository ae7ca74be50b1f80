#!/usr/bin/env bash
# Offline checks of terraform/ (also run by .ci/run):
#  1. `terraform fmt -check` when a terraform binary is on the PATH (no provider download needed);
#  2. every *.tf and *.tfvars file parsed to JSON by @cdktf/hcl2json and the rules in rules.mjs
#     tested on it with node's test runner.
# npm installs into a scratch directory so node_modules never lands in the repository.
# `terraform init -backend=false && terraform validate`, tflint and checkov need the provider
# registry and run in the GitHub workflow instead (docs/deploy.md).
set -euo pipefail
checks="$(cd "$(dirname "$0")" && pwd)"
terraform_dir="$(dirname "$checks")"

if command -v terraform >/dev/null 2>&1; then
  echo "== terraform fmt -check ($(terraform version 2>/dev/null | head -1))"
  terraform -chdir="$terraform_dir" fmt -check -recursive -diff 2>/dev/null
else
  echo "== terraform not installed: fmt -check skipped (the workflow runs it)"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$checks/package.json" "$checks/package-lock.json" "$checks"/*.mjs "$scratch/"
echo "== npm ci (@cdktf/hcl2json) in $scratch"
(cd "$scratch" && npm ci --no-audit --no-fund --silent)
echo "== terraform rules (node --test)"
(cd "$scratch" && TERRAFORM_DIR="$terraform_dir" node --test rules.test.mjs)
