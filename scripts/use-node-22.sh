# shellcheck shell=bash
# Source this (`. scripts/use-node-22.sh`) to run FieldKey's toolchain on a machine whose Node is
# older than 22.12, which Electron 45's tools (electron, @electron/get, @electron/rebuild,
# node-abi) require. It installs Node 22 from the npm registry (the `node` package ships the
# binary and its C headers) into .ci/node, puts it first on PATH, and points node-gyp at those
# headers so better-sqlite3 builds for it without downloading anything. A machine that already
# has Node 22.12+ is left as it is. .ci/run sources it.
fk_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fk_node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}
if ! fk_node_ok; then
  fk_prefix="$fk_root/.ci/node"
  if [ ! -x "$fk_prefix/node_modules/node/bin/node" ]; then
    echo "== Node $(node --version 2>/dev/null || echo '(none)') is older than 22.12: installing Node 22 from the npm registry into .ci/node"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$fk_prefix" node@22 >/dev/null
  fi
  export PATH="$fk_prefix/node_modules/node/bin:$PATH"
  for fk_headers in "$fk_prefix"/node_modules/node/node_modules/node-*; do
    [ -d "$fk_headers/include/node" ] && export npm_config_nodedir="$fk_headers"
  done
  fk_node_ok || { echo "Node 22.12+ could not be set up (found $(node --version))." >&2; return 1 2>/dev/null || exit 1; }
fi
echo "== Node $(node --version)"
unset fk_root fk_prefix fk_headers
