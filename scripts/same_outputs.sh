#!/usr/bin/env bash
# Show that the working tree writes the same Parquet content as revision REV on every
# fixture set (extracted_at and pipeline_version ignored). Usage: scripts/same_outputs.sh REV
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:?usage: scripts/same_outputs.sh REV}"
python="${PYTHON:-.venv/bin/python}"
tmp="$(mktemp -d)"
trap 'git worktree remove --force "$tmp/ref" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --quiet --detach "$tmp/ref" "$rev"
cp scripts/output_digest.py "$tmp/digest.py"   # the same digest code on both sides
sed -i 's|^ROOT = .*|ROOT = Path(sys.argv.pop(1)).resolve()|' "$tmp/digest.py"
(cd "$tmp/ref" && PYTHONPATH="$tmp/ref" "$OLDPWD/$python" "$tmp/digest.py" "$tmp/ref" --json "$tmp/before.json" >/dev/null)
PYTHONPATH="$PWD" "$python" "$tmp/digest.py" "$PWD" --json "$tmp/after.json" >/dev/null
wc -c "$tmp/before.json" "$tmp/after.json"
if diff <(python3 -m json.tool "$tmp/before.json") <(python3 -m json.tool "$tmp/after.json"); then
  echo "same outputs as $rev on every fixture set"
else
  echo "outputs differ from $rev (diff above)" >&2
  exit 1
fi
