#!/usr/bin/env bash
# Validates every GitHub workflow against GitHub's workflow schema, offline, with the npm package
# @action-validator/cli installed into a temporary folder (nothing is left in the repository).
# WorkflowCommandsTest (installers/) checks separately that the workflows run the documented commands.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
validator_dir="$(mktemp -d)"
trap 'rm -rf "$validator_dir"' EXIT
npm install --silent --no-audit --no-fund --prefix "$validator_dir" @action-validator/cli@0.6.0 >/dev/null
status=0
for workflow in .github/workflows/*.yml; do
  if "$validator_dir/node_modules/.bin/action-validator" "$workflow"; then
    echo "valid: $workflow"
  else
    echo "INVALID: $workflow"; status=1
  fi
done
exit "$status"
