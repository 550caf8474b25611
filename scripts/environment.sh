# Sourced by the other scripts: finds Python 3.12+, then creates or refreshes .venv from uv.lock.
# Why not plain `python3`: Django 6.1 needs 3.12+, and on many machines python3 is older.

set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PROJECT_ROOT/.venv"
UV_VERSION="0.13.9"
export UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1 PIP_DISABLE_PIP_VERSION_CHECK=1

python_is_recent_enough() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
    local candidate
    if [ -n "${PYTHON:-}" ]; then
        python_is_recent_enough "$PYTHON" && { echo "$PYTHON"; return; }
        echo "PYTHON=$PYTHON is not a working Python 3.12 or newer." >&2
        return 1
    fi
    for candidate in python3.14 python3.13 python3.12 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_is_recent_enough "$candidate"; then
            command -v "$candidate"; return
        fi
    done
    # pyenv's shims fail unless a version is selected, so ask pyenv for its folders instead.
    if command -v pyenv >/dev/null 2>&1; then
        for candidate in $(ls -d "$(pyenv root)"/versions/3.* 2>/dev/null | sort -rV); do
            if python_is_recent_enough "$candidate/bin/python"; then
                echo "$candidate/bin/python"; return
            fi
        done
    fi
    cat >&2 <<'MSG'
Filmculture needs Python 3.12 or newer, and none was found (tried python3.14, python3.13,
python3.12, python3 on PATH, then pyenv's versions).
Install one, for example:  apt-get install python3.13 python3.13-venv   or   pyenv install 3.13
or point to one:           PYTHON=/path/to/python3.13 <this command>
MSG
    return 1
}

ensure_environment() {
    if [ ! -x "$VENV/bin/python" ] || ! python_is_recent_enough "$VENV/bin/python"; then
        local python
        python="$(find_python)"
        echo "==> Creating .venv with $python ($("$python" --version 2>&1))"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
    fi
    if [ "$("$VENV/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
        echo "==> Installing uv $UV_VERSION into .venv"
        "$VENV/bin/python" -m pip install --quiet "uv==$UV_VERSION"
    fi
    # --inexact keeps pip and uv themselves, which the lock file does not list.
    (cd "$PROJECT_ROOT" && "$VENV/bin/uv" sync --quiet --locked --inexact --python "$VENV/bin/python")
}

ensure_environment
cd "$PROJECT_ROOT"
PY="$VENV/bin/python"
