#!/usr/bin/env bash
# Prints the path of a working Python 3.10 interpreter (rasa 3.6 runs on 3.8-3.10 only).
set -u
candidates=("${PYTHON310:-}" python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for p in "$(pyenv root)"/versions/3.10.*/bin/python3.10; do candidates+=("$p"); done
fi
for p in /usr/bin/python3.10 /usr/local/bin/python3.10; do candidates+=("$p"); done
for p in "${candidates[@]}"; do
  [ -n "$p" ] || continue
  if version=$("$p" --version 2>/dev/null) && [[ "$version" == "Python 3.10."* ]]; then
    command -v "$p" 2>/dev/null || echo "$p"
    exit 0
  fi
done
echo "error: no working Python 3.10 found (rasa 3.6 needs Python 3.8-3.10)." >&2
echo "       Install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10." >&2
exit 1
