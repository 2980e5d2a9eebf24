#!/usr/bin/env bash
# Drives the real `accord` REPL in a tmux terminal and checks what a facilitator sees:
# typing (ASCII and Chinese), arrow-key editing, TAB completion of a Chinese department
# name, Ctrl-C on a half-typed line, Ctrl-D to quit (and the saved session), and history
# recalled with Up after a restart. The first run uses LANG=C LC_ALL=C (the locale fallback),
# the second a UTF-8 locale. The third and fourth run in an 80-column terminal: `kpi list` and
# `letter` (English demo, then Chinese KPIs) fit it, `clear` and Ctrl-L clear the screen, and
# `quit` (like Ctrl-D) says where the session was saved.
#
#   ACCORD_BIN=.build/debug/accord bash Tests/repl/tmux-repl.sh
#
# Environment: ACCORD_BIN (default .build/debug/accord, relative to the repo root),
# TMUX_TEST_TIMEOUT (seconds to wait for each expected screen, default 10),
# KEEP_TMP=1 keeps the temporary directory.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${ACCORD_BIN:-.build/debug/accord}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
TIMEOUT=${TMUX_TEST_TIMEOUT:-10}

for tool in tmux jq; do
    command -v "$tool" >/dev/null || { echo "tmux-repl: FAIL: $tool is not installed" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "tmux-repl: FAIL: no executable at $BIN (build first or set ACCORD_BIN)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/accord-tmux.XXXXXX")
SOCKET=accord-test-$$          # one tmux server per run (and per pass, see start_accord)
SOCKETS=()
SESSION_FILE=$TMP/會議.json      # a Chinese file name gives a Chinese prompt
T() { tmux -u -L "$SOCKET" "$@"; }

cleanup() {
    local s
    for s in "${SOCKETS[@]}"; do
        tmux -L "$s" kill-server >/dev/null 2>&1 || true
        rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s"   # tmux leaves the socket file behind
    done
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "tmux-repl: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PASSED=0
CURRENT=""
# The whole pane, scrollback included, trailing spaces kept.
screen() { T capture-pane -p -N -S - -E - -t accord 2>/dev/null; }
# The end of the pane (scrollback included), runs of blank lines squeezed, for failure reports.
visible() { screen | sed -e 's/[[:space:]]*$//' | cat -s | tail -n 40; }
fail() {
    echo "tmux-repl: FAIL [$CURRENT]: $*" >&2
    echo "----- screen (last lines) -----" >&2
    visible >&2
    echo "-------------------------------" >&2
    local f
    for f in "$TMP"/exit.*; do
        [ -s "$f" ] && echo "(accord run '${f##*/exit.}' exited with status $(cat "$f"))" >&2
    done
    exit 1
}
step() { CURRENT=$1; }
ok() { PASSED=$((PASSED + 1)); echo "ok $PASSED - $CURRENT"; }

# Poll the screen until a shell test passes (no fixed sleeps).
wait_until() { # description, command...
    local what=$1; shift
    local deadline=$((SECONDS + TIMEOUT))
    while :; do
        if "$@"; then return 0; fi
        [ $SECONDS -ge $deadline ] && fail "timed out after ${TIMEOUT}s waiting for: $what"
        sleep 0.1
    done
}

# Lines the program printed (not prompt lines: those start with "accord ").
output_lines() { screen | grep -v '^accord ' ; }
prompt_lines() { screen | grep -c '^accord .*> ' ; }
# The last prompt line, trailing spaces kept.
last_prompt() { screen | grep '^accord .*> ' | tail -n 1; }
# What is typed after the last prompt.
typed() { last_prompt | sed -e 's/^accord [^>]*> //'; }

# Display columns of stdin (CJK = 2), whatever the caller's locale.
columns() { LC_ALL=C.UTF-8 wc -L; }
# (no grep -q or head: they stop reading, and pipefail counts the writer's SIGPIPE as a failure)
has_output() { output_lines | grep -E -- "$1" >/dev/null; }
lacks_output() { ! output_lines | grep -E -- "$1" >/dev/null; }
prompt_count_at_least() { [ "$(prompt_lines)" -ge "$1" ]; }
typed_is() { [ "$(typed)" = "$1" ]; }
typed_trimmed_is() { [ "$(typed | sed -e 's/[[:space:]]*$//')" = "$1" ]; }
pane_dead() { [ "$(T display -p -t accord '#{pane_dead}' 2>/dev/null)" = 1 ]; }
exit_file_exists() { [ -s "$TMP/exit.$1" ]; }

# The ready prompt: a new empty prompt line after `n` earlier ones.
wait_prompt() { # n: how many prompt lines must be on the screen
    wait_until "prompt #$1" prompt_count_at_least "$1"
    wait_until "an empty prompt line" typed_trimmed_is ""
}
send_text() { T send-keys -t accord -l -- "$1"; }
send_key() { T send-keys -t accord "$@"; }
run_line() { # text: type it and press Enter
    send_text "$1"
    wait_until "the typed line '$1'" typed_trimmed_is "$1"
    send_key Enter
}

start_accord() { # pass-name, env assignments...
    local pass=$1; shift
    cat >"$TMP/run-$pass.sh" <<EOF
cd "$TMP" || exit 90
env -u LANGUAGE -u LC_ALL -u LC_CTYPE -u LC_MESSAGES $* \\
    HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" ACCORD_NOW=2027-01-15T09:00:00Z \\
    "$BIN" "${FILE_ARG:-$SESSION_FILE}"
echo \$? >"$TMP/exit.$pass"
EOF
    # A fresh server per pass: reusing a socket right after kill-server races with its exit.
    T kill-server >/dev/null 2>&1 || true
    SOCKET=accord-test-$$-$pass
    SOCKETS+=("$SOCKET")
    # remain-on-exit before the program starts: a crash leaves its last screen to show.
    T -f /dev/null start-server \; set-option -g remain-on-exit on \; \
        new-session -d -s accord -x "${COLS:-120}" -y "${ROWS:-30}" "bash $TMP/run-$pass.sh" ||
        fail "could not start tmux"
}

mkdir -p "$TMP/home"

# ---------------------------------------------------------------- pass 1: C locale
start_accord c LANG=C LC_ALL=C
step "start in LANG=C LC_ALL=C with a Chinese prompt"
wait_prompt 1
last_prompt | grep '會議' >/dev/null || fail "the prompt does not show the Chinese session name: '$(last_prompt)'"
ok

step "1. ASCII and Chinese commands"
run_line 'dept add 行銷部 --head 林經理'
wait_prompt 2
run_line 'dept add Sales'
wait_prompt 3
run_line 'dept list'
wait_until "行銷部 with head 林經理 in the list" has_output '行銷部.*林經理'
wait_until "Sales in the list" has_output '^ *Sales'
wait_prompt 4
ok

step "2. arrow-key editing across Chinese text"
send_text 'dept ad 業務部'
wait_until "the typo on the line" typed_trimmed_is 'dept ad 業務部'
send_key Left Left Left Left          # over 業務部 and the space, to just after "ad"
send_text 'd'
wait_until "the fixed line" typed_trimmed_is 'dept add 業務部'
send_key End
send_text ' --head 王'
wait_until "the appended flag" typed_trimmed_is 'dept add 業務部 --head 王'
send_key BSpace                       # Backspace over a wide character
send_text '經理'
wait_until "the edited head" typed_trimmed_is 'dept add 業務部 --head 經理'
send_key Enter
wait_prompt 5
run_line 'dept list'
wait_until "業務部 with head 經理 in the list" has_output '業務部 +經理'
lacks_output 'dept ad 業務部|Unknown|unknown' || fail "the uncorrected command seems to have run"
wait_prompt 6
ok

step "3. TAB completes a Chinese department name"
send_text 'dept rm 行'
wait_until "the partial word" typed_trimmed_is 'dept rm 行'
send_key Tab
wait_until "the line 'dept rm 行銷部 ' (with a trailing space)" typed_is 'dept rm 行銷部 '
# The cursor sits after the trailing space: prompt + text columns (CJK = 2 columns each).
want_x=$(( $(last_prompt | sed -e 's/> .*/> /' | columns) + $(printf '%s' 'dept rm 行銷部 ' | columns) ))
got_x=$(T display -p -t accord '#{cursor_x}')
[ "$got_x" = "$want_x" ] || fail "cursor column after completion is $got_x, expected $want_x"
send_key C-c
wait_prompt 7
# Several candidates with no longer common prefix: listed in columns below the line.
send_text 'dept rm '
wait_until "the line 'dept rm '" typed_is 'dept rm '
send_key Tab
wait_until "the candidate list" has_output '行銷部 +業務部|行銷部 +Sales|Sales +行銷部|業務部 +行銷部'
wait_until "the line redisplayed after the list" typed_is 'dept rm '
send_key C-c
wait_prompt 8
ok

step "4. Ctrl-C on a half-typed line"
send_text 'dept add Ghost'
wait_until "the half-typed line" typed_trimmed_is 'dept add Ghost'
send_key C-c
wait_until "an empty prompt" typed_trimmed_is ""
pane_dead && fail "accord died on Ctrl-C"
send_key C-c                          # and on an empty line
wait_prompt 10
pane_dead && fail "accord died on Ctrl-C at an empty prompt"
run_line 'dept list'
wait_until "the department list" has_output '^ *Sales'
wait_prompt 11
lacks_output 'Ghost' || fail "the cancelled command ran (Ghost is listed)"
run_line 'status'
wait_prompt 12
ok

step "5. Ctrl-D on an empty line quits and saves"
send_key C-d
wait_until "accord to exit" exit_file_exists c
code=$(cat "$TMP/exit.c")
[ "$code" = 0 ] || fail "accord exited with $code, expected 0"
[ -f "$SESSION_FILE" ] || fail "no session file at $SESSION_FILE"
names=$(jq -r '.state.depts[].name' "$SESSION_FILE") || fail "the session file is not JSON with .state.depts"
for d in 行銷部 Sales 業務部; do
    grep -qx -- "$d" <<<"$names" || fail "department $d is not in .state.depts (got: $(echo $names))"
done
grep -qx Ghost <<<"$names" && fail "the cancelled department Ghost was saved"
head=$(jq -r '.state.depts[] | select(.name == "行銷部") | .. | strings | select(. == "林經理")' "$SESSION_FILE" | sed -n 1p)
[ "$head" = 林經理 ] || fail "the head 林經理 of 行銷部 is not in the saved session"
[ -s "$TMP/state/accord/history" ] || fail "no history file at \$XDG_STATE_HOME/accord/history"
n=$(jq '.events | length' "$SESSION_FILE")
wait_until "'Saved $SESSION_FILE ($n events).' after Ctrl-D" has_output "^Saved $SESSION_FILE \\($n events\\)\\.$"
ok

# ---------------------------------------------------------------- pass 2: UTF-8 locale
start_accord utf8 LANG=C.UTF-8
step "6. history after a restart"
wait_prompt 1
send_key Up
wait_until "the last command of the previous run ('status') on the prompt line" typed_trimmed_is 'status'
send_key Up
wait_until "the command before it ('dept list')" typed_trimmed_is 'dept list'
send_key Up                           # (the two `dept list` in a row were kept once)
wait_until "a Chinese command from history" typed_trimmed_is 'dept add 業務部 --head 經理'
send_key Down Down Down
wait_until "an empty line after Down past the newest entry" typed_trimmed_is ''
send_key C-c
wait_prompt 2
send_key C-d
wait_until "accord to exit" exit_file_exists utf8
code=$(cat "$TMP/exit.utf8")
[ "$code" = 0 ] || fail "accord exited with $code after the restart, expected 0"
ok

# ---------------------------------------------------------------- pass 3: 80 columns, the demo
# Only the visible screen, wrapped lines joined (a line the terminal wrapped is one long line).
visible_joined() { T capture-pane -p -J -t accord 2>/dev/null | sed -e 's/[[:space:]]*$//'; }
all_joined() { T capture-pane -p -J -S - -E - -t accord 2>/dev/null | sed -e 's/[[:space:]]*$//'; }
lines_fit() { # width [capture]: every line on the screen (scrollback too, or what `capture` gives) fits
    local l w
    while IFS= read -r l; do
        w=$(printf '%s' "$l" | columns)
        [ "$w" -le "$1" ] || { echo "line of $w columns: $l" >&2; return 1; }
    done < <("${2:-all_joined}")
}
first_visible_is_prompt() { visible_joined | sed -n 1p | grep '^accord .*>$' >/dev/null; }
visible_lacks() { ! visible_joined | grep -E -- "$1" >/dev/null; }
(cd "$TMP" && env ACCORD_NOW=2027-01-15T09:00:00Z "$BIN" demo demo.json >/dev/null 2>&1) || fail "accord demo failed"
COLS=80 ROWS=40 FILE_ARG=demo.json start_accord demo80 LANG=C.UTF-8
step "7. kpi list and letter fit an 80-column terminal"
wait_prompt 1
run_line 'kpi list'
wait_until "the KPI list" has_output 'Not shown at 80 columns'
wait_prompt 2
run_line 'letter Marketing'
wait_until "the Marketing letter" has_output 'Responsibility letter'
wait_prompt 3
run_line 'letter'
wait_until "the letters overview" has_output '4 letters'
wait_prompt 4
lines_fit 80 || fail "a line is wider than the 80-column terminal"
ok

step "8. clear clears the screen"
run_line 'clear'
wait_until "the prompt at the top of a cleared screen" first_visible_is_prompt
visible_lacks 'Responsibility|letters' || fail "the screen still shows earlier output after clear"
ok

step "9. Ctrl-L clears the screen and redraws the line being typed"
run_line 'status'
wait_until "the status" has_output 'signed|sign'
wait_prompt 6
send_text 'kpi li'
wait_until "the half-typed line" typed_trimmed_is 'kpi li'
send_key C-l
wait_until "the prompt with 'kpi li' at the top" eval 'visible_joined | sed -n 1p | grep "^accord .*> kpi li$" >/dev/null'
visible_lacks 'Next:' || fail "the screen still shows earlier output after Ctrl-L"
send_text 'st'
wait_until "the line still editable after Ctrl-L" typed_trimmed_is 'kpi list'
send_key Enter
wait_until "the KPI list after Ctrl-L" has_output 'Not shown at 80 columns'
ok

step "10. quit says where the session was saved"
wait_prompt 8
run_line 'quit'
wait_until "accord to exit" exit_file_exists demo80
[ "$(cat "$TMP/exit.demo80")" = 0 ] || fail "accord exited with $(cat "$TMP/exit.demo80") after quit"
wait_until "'Saved demo.json (49 events).'" has_output '^Saved demo\.json \(49 events\)\.$'
ok

# ---------------------------------------------------------------- pass 4: 80 columns, Chinese KPIs
cp "$ROOT/Tests/Fixtures/data/kpi-sheet-zh-Hant.csv" "$TMP/kpi-zh.csv" || fail "no Chinese KPI sheet"
COLS=80 ROWS=40 FILE_ARG=zh.json start_accord zh80 LANG=C.UTF-8
step "11. Chinese KPIs fit an 80-column terminal"
wait_prompt 1
run_line 'kpi import kpi-zh.csv'
wait_until "the import" has_output 'Imported 12 KPIs'
wait_prompt 2
run_line 'clear'                      # (the import's report is not a table; only the lists are checked)
wait_until "the prompt at the top of a cleared screen" first_visible_is_prompt
run_line 'kpi list'
wait_until "the Chinese KPI list" has_output '平均處理時間'
wait_prompt 4
run_line 'kpi list 行銷部'
wait_until "Marketing's KPIs" has_output '廣告點擊率'
wait_prompt 5
lines_fit 80 visible_joined || fail "a line is wider than the 80-column terminal"
send_key C-d
wait_until "accord to exit" exit_file_exists zh80
wait_until "'Saved zh.json (1 event).'" has_output '^Saved zh\.json \(1 event\)\.$'
ok

# ---------------------------------------------------------------- pass 5: a vote from a device
# `serve start`, a department head's link, a vote sent with curl while the facilitator is
# half-way through typing a line: the vote's line appears above the prompt, the typed line
# stays as it was (and runs), and the journal holds the event with its channel.
if command -v curl >/dev/null; then
PORT=$((20000 + $$ % 20000))
FILE_ARG=serve.json start_accord serve LANG=C.UTF-8
step "12. a device's vote is printed above the prompt without disturbing the typed line"
wait_prompt 1
run_line 'dept add 行銷部 --head 林經理'
wait_prompt 2
run_line 'dept add Sales --head Ann'
wait_prompt 3
run_line 'goal add CLTV --metric cltv --baseline 1 --target 2 --unit USD --by 2027-12-31'
wait_prompt 4
run_line "serve start --port $PORT"
wait_until "the server's address" has_output "127\.0\.0\.1:$PORT/room"
wait_prompt 5
run_line 'serve links'
wait_until "the head's link" has_output "行銷部 · head \(林經理\): http://127\.0\.0\.1:$PORT/p/[0-9a-f]{32}"
wait_prompt 6
TOKEN=$(screen | grep -o "行銷部 · head (林經理): http://127.0.0.1:$PORT/p/[0-9a-f]*" | sed -n 1p | sed -e 's#.*/p/##')
send_text 'dept list'
wait_until "the half-typed line" typed_is 'dept list'
CODE=$(curl -s -o "$TMP/vote.html" -w '%{http_code}' -d "goal=1&revision=1&choice=object&reason=needs+a+headcount&key=k1&dept=1" \
    "http://127.0.0.1:$PORT/p/$TOKEN/vote")
[ "$CODE" = 200 ] || fail "the vote got HTTP $CODE"
wait_until "the device's line above the prompt" has_output '^行銷部: object on G1 r1 — from a device$'
wait_until "the typed line kept" typed_is 'dept list'
send_key Enter
wait_until "the typed line ran" has_output 'Sales.*Ann'
grep -q '"via":{"channel":"device","dept":1,"role":"head"}' "$TMP/serve.json.journal" ||
    fail "the journal has no device event"
grep -q "$TOKEN" "$TMP/serve.json.journal" && fail "the token reached the journal"
run_line 'kpi list 行銷部'                # Chinese typed through the wake-aware reader
wait_until "Marketing's (empty) KPI list" has_output '行銷部'
wait_until "an empty prompt" typed_trimmed_is ""
run_line 'timer 15m G1'
prompt_shows_timer() { last_prompt | grep '^accord serve \[setup · 15:00\]> ' >/dev/null; }
wait_until "the time left in the prompt" prompt_shows_timer
CODE=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/p/ffffffffffffffffffffffffffffffff")
[ "$CODE" = 401 ] || fail "an unknown link got HTTP $CODE"
send_key C-d
wait_until "accord to exit" exit_file_exists serve
CODE=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/room")
[ "$CODE" = 000 ] || fail "the server still answers after quit (HTTP $CODE)"
ok
fi

echo "tmux-repl: PASS ($PASSED checks)"
