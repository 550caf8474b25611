#!/usr/bin/env bash
# What readers get, and what the logs hold, when Redis or the database fails under load:
# gunicorn (2 workers x 2 threads, production settings) over the demo essays in SQLite,
# wrk for 20 s per case against a dead Redis, a black-holed Redis, and PostgreSQL settings
# pointing at a closed port and at a server that accepts and never answers.
#
#     bench/failing_parts.sh [port (default 8131)] [seconds (default 20)]
#
# Writes bench/results/failing_parts.txt. Needs wrk. Uses ports PORT..PORT+3.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/environment.sh
PORT=${1:-8131}
SECONDS_PER_CASE=${2:-20}
WORK=$(mktemp -d /tmp/filmculture-failing-parts-XXXX)
OUT=bench/results/failing_parts.txt
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

export DJANGO_SECRET_KEY=bench-only-secret-key-bench-only-secret-key-0123456789
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_COOKIES=0
SQLITE="sqlite:///$WORK/db.sqlite3"
DATABASE_URL=$SQLITE DJANGO_DEBUG=1 "$PY" manage.py migrate -v0
DATABASE_URL=$SQLITE DJANGO_DEBUG=1 "$PY" manage.py load_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v0

# A server that accepts connections and never answers (a frozen Redis or PostgreSQL).
"$PY" -c "
import socket, sys
server = socket.create_server(('127.0.0.1', int(sys.argv[1])), backlog=512)
held = []
while True:
    held.append(server.accept())
" $((PORT + 1)) &
CLOSED=$((PORT + 2))   # nothing listens there
sleep 1

ESSAY=$(DATABASE_URL=$SQLITE DJANGO_DEBUG=1 "$PY" manage.py shell -c \
    "from articles.models import Article; print(Article.objects.published().first().get_absolute_url())" | tail -1)

run_case() {
    local name=$1 database_url=$2 redis_url=$3 path=$4
    local log="$WORK/$name.log"
    DATABASE_URL=$database_url REDIS_URL=$redis_url GUNICORN_BIND=127.0.0.1:$((PORT + 3)) \
        GUNICORN_WORKERS=2 GUNICORN_THREADS=2 \
        "$PY" -m gunicorn -c filmculture/gunicorn.conf.py --access-logfile /dev/null \
        filmculture.wsgi >/dev/null 2>"$log" &
    local server=$!
    sleep 3
    local start; start=$(wc -c <"$log")   # start-up lines are not the failure's
    local result
    result=$(wrk -t2 -c8 -d"${SECONDS_PER_CASE}s" --timeout 30s --latency "http://127.0.0.1:$((PORT + 3))$path" || true)
    kill $server; wait $server 2>/dev/null || true
    local requests non2xx lines bytes
    requests=$(awk '/requests in/ {print $1}' <<<"$result")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$result")
    # What the application logged, without gunicorn's own start and stop lines.
    tail -c +$((start + 1)) "$log" | grep -v '^\[.*\] \[[0-9]*\] \[INFO\]' >"$log.app" || true
    lines=$(wc -l <"$log.app"); bytes=$(wc -c <"$log.app")
    printf '%-26s %-10s requests %-7s non-2xx %-7s p50 %-9s p99 %-9s log lines %-5s (%s bytes)\n' \
        "$name" "$path" "$requests" "${non2xx:-0}" \
        "$(awk '/ 50%/ {print $2}' <<<"$result")" "$(awk '/ 99%/ {print $2}' <<<"$result")" \
        "$lines" "$bytes"
}

DEAD_PG="postgres://postgres@127.0.0.1:$CLOSED/filmculture"
HUNG_PG="postgres://postgres@127.0.0.1:$((PORT + 1))/filmculture"
exec > >(tee "$OUT")
{
    echo "# bench/failing_parts.sh, $(date -u +%Y-%m-%d), ${SECONDS_PER_CASE} s per case, wrk -t2 -c8"
    echo "# gunicorn 2 workers x 2 threads; demo essays in SQLite unless the case says otherwise"
    echo "# machine: $(nproc) cores, load average at start: $(cut -d" " -f1-3 /proc/loadavg)"
    run_case redis-up-baseline "$SQLITE" "redis://127.0.0.1:6379/4" /
    run_case redis-refused "$SQLITE" "redis://127.0.0.1:$CLOSED/4" /
    run_case redis-refused "$SQLITE" "redis://127.0.0.1:$CLOSED/4" "$ESSAY"
    run_case redis-black-holed "$SQLITE" "redis://127.0.0.1:$((PORT + 1))/4" /
    run_case postgres-refused "$DEAD_PG" "" /
    run_case postgres-refused-404 "$DEAD_PG" "" /no/such/page/
    run_case postgres-black-holed "$HUNG_PG" "" /
}
