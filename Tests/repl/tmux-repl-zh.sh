#!/usr/bin/env bash
# The real `accord` REPL in Traditional Chinese (`--lang zh-Hant`) in an 80-column tmux
# terminal: the Chinese prompt (`[準備]`, then `[1/6 盤點]`), Chinese `help` and
# `help COMMAND`, TAB completion of a command and of a Chinese department name, editing
# Chinese text (Backspace over a wide character, arrows across it), `dates minguo` (TAB
# completes it; 民國 years), and the Chinese demo's
# screens (`status` after `next --force`, `letter`, `grid`, `kpi list`) with every line at
# most 80 display columns wide (measured with `wc -L`, CJK = 2) and the forced gate's line
# wrapped under itself.
#
#   ACCORD_BIN=.build/debug/accord bash Tests/repl/tmux-repl-zh.sh
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
    command -v "$tool" >/dev/null || { echo "tmux-repl-zh: FAIL: $tool is not installed" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "tmux-repl-zh: FAIL: no executable at $BIN (build first or set ACCORD_BIN)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/accord-tmux-zh.XXXXXX")
SOCKET=accord-zh-$$
SOCKETS=()
T() { tmux -u -L "$SOCKET" "$@"; }

cleanup() {
    local s
    for s in "${SOCKETS[@]}"; do
        tmux -L "$s" kill-server >/dev/null 2>&1 || true
        rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s"
    done
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "tmux-repl-zh: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PASSED=0
CURRENT=""
screen() { T capture-pane -p -N -S - -E - -t accord 2>/dev/null; }
# Lines as the program wrote them: a line the terminal wrapped is joined back into one.
all_joined() { T capture-pane -p -J -S - -E - -t accord 2>/dev/null | sed -e 's/[[:space:]]*$//'; }
visible() { screen | sed -e 's/[[:space:]]*$//' | cat -s | tail -n 40; }
fail() {
    echo "tmux-repl-zh: FAIL [$CURRENT]: $*" >&2
    echo "----- screen (last lines) -----" >&2
    visible >&2
    echo "-------------------------------" >&2
    exit 1
}
step() { CURRENT=$1; }
ok() { PASSED=$((PASSED + 1)); echo "ok $PASSED - $CURRENT"; }
wait_until() { # description, command...
    local what=$1; shift
    local deadline=$((SECONDS + TIMEOUT))
    while :; do
        if "$@"; then return 0; fi
        [ $SECONDS -ge $deadline ] && fail "timed out after ${TIMEOUT}s waiting for: $what"
        sleep 0.05
    done
}
columns() { LC_ALL=C.UTF-8 wc -L; }
output_lines() { screen | grep -v '^accord ' ; }
prompt_lines() { screen | grep -c '^accord .*> ' ; }
last_prompt() { screen | grep '^accord .*> ' | tail -n 1; }
typed() { last_prompt | sed -e 's/^accord [^>]*> //'; }
typed_is() { [ "$(typed)" = "$1" ]; }
typed_trimmed_is() { [ "$(typed | sed -e 's/[[:space:]]*$//')" = "$1" ]; }
# (no grep -q: it would stop reading, and pipefail would count the writer's SIGPIPE as a failure)
has_output() { output_lines | grep -E -- "$1" >/dev/null; }
prompt_count_at_least() { [ "$(prompt_lines)" -ge "$1" ]; }
exit_file_exists() { [ -s "$TMP/exit.$1" ]; }
wait_prompt() { # n: how many prompt lines must be on the screen
    wait_until "prompt #$1" prompt_count_at_least "$1"
    wait_until "an empty prompt line" typed_trimmed_is ""
}
send_text() { T send-keys -t accord -l -- "$1"; }
send_key() { T send-keys -t accord "$@"; }
run_line() {
    send_text "$1"
    wait_until "the typed line '$1'" typed_trimmed_is "$1"
    send_key Enter
}
lines_fit() { # width: every line the program wrote (scrollback too) fits
    local l w
    while IFS= read -r l; do
        w=$(printf '%s' "$l" | columns)
        [ "$w" -le "$1" ] || { echo "line of $w columns: $l" >&2; return 1; }
    done < <(all_joined)
}
start_accord() { # pass-name, file
    local pass=$1 file=$2
    cat >"$TMP/run-$pass.sh" <<EOF
cd "$TMP" || exit 90
env -u LANGUAGE -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u ACCORD_LANG -u ACCORD_NUMBERS -u ACCORD_DATES LANG=C.UTF-8 \\
    HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" ACCORD_NOW=2027-01-15T09:00:00Z \\
    "$BIN" --lang zh-Hant "$file"
echo \$? >"$TMP/exit.$pass"
EOF
    T kill-server >/dev/null 2>&1 || true
    SOCKET=accord-zh-$$-$pass
    SOCKETS+=("$SOCKET")
    T -f /dev/null start-server \; set-option -g remain-on-exit on \; \
        new-session -d -s accord -x 80 -y 40 "bash $TMP/run-$pass.sh" || fail "could not start tmux"
}

mkdir -p "$TMP/home"

# ---------------------------------------------------------------- pass 1: a new meeting
start_accord new 會議.json
step "1. a Chinese prompt at the set-up step"
wait_prompt 1
last_prompt | grep '\[準備\]> ' >/dev/null || fail "the prompt does not name the step in Chinese: '$(last_prompt)'"
screen | grep '輸入 `help` 查看指令' >/dev/null || fail "the greeting is not in Chinese"
ok

step "2. editing Chinese text: Backspace over a wide character, arrows across them"
run_line 'period 2027'
wait_until "the period" has_output '2027'
wait_prompt 2
run_line 'dept add 行銷部 --head 林經理 --supervisor 王副總'
wait_until "the first department" has_output '已新增部門行銷部'
wait_prompt 3
send_text 'dept add 業務部 --head 王X'
wait_until "the half-typed line" typed_trimmed_is 'dept add 業務部 --head 王X'
send_key BSpace                        # the X
send_text '經理'
wait_until "經理 typed" typed_trimmed_is 'dept add 業務部 --head 王經理'
send_key Left Left BSpace              # back over 經理, then delete 王 (two columns)
send_text '張'
wait_until "王 replaced by 張" typed_trimmed_is 'dept add 業務部 --head 張經理'
send_key Enter
wait_until "the second department" has_output '已新增部門業務部'
wait_prompt 4
ok

step "3. TAB completes a command and a Chinese department name"
send_text 'dept ed'
wait_until "the half-typed command" typed_trimmed_is 'dept ed'
send_key Tab
wait_until "'dept edit' completed" typed_is 'dept edit '
send_text '業'
send_key Tab
wait_until "the Chinese department completed" typed_is 'dept edit 業務部 '
send_text '--supervisor 王副總'
send_key Enter
wait_until "the department edited" has_output '張經理'
wait_prompt 5
ok

step "4. next: the prompt says [1/6 盤點]"
run_line 'next'
wait_until "the move to the audit" has_output '盤點'
wait_prompt 6
last_prompt | grep '^accord 2027 \[1/6 盤點\]> ' >/dev/null || fail "the prompt is not 'accord 2027 [1/6 盤點]>': '$(last_prompt)'"
ok

step "5. help and help COMMAND in Chinese, within 80 columns"
run_line 'help'
wait_until "the help's sections" has_output '^任何步驟 *$'
wait_prompt 7
has_output '列出所有指令' || fail "help does not explain the commands in Chinese"
has_output '^1 盤點 *$' || fail "help has no section 1 盤點"
run_line 'help kpi add'
wait_until "help kpi add" has_output '輸入部門目前的 KPI'
wait_prompt 8
has_output '^  例如 kpi add 行銷部' || fail "help kpi add has no Chinese example"
lines_fit 80 || fail "a help line is wider than the 80-column terminal"
ok

step "5b. TAB completes a setting's value; dates minguo shows 民國 years"
send_text 'dates mi'
send_key Tab
wait_until "'dates minguo' completed" typed_is 'dates minguo '
send_key Enter
wait_until "the date style" has_output '民國116年12月31日'
wait_prompt 9
ok

step "6. Ctrl-D saves the Chinese session"
send_key C-d
wait_until "accord to exit" exit_file_exists new
[ "$(cat "$TMP/exit.new")" = 0 ] || fail "accord exited with $(cat "$TMP/exit.new")"
head=$(jq -r '.state.depts[] | select(.name == "業務部") | .head' "$TMP/會議.json") || fail "the session is not JSON"
[ "$head" = 張經理 ] || fail "the edited head of 業務部 is '$head', expected 張經理"
ok

# ---------------------------------------------------------------- pass 2: the Chinese demo
(cd "$TMP" && env -u ACCORD_NUMBERS -u ACCORD_DATES ACCORD_NOW=2027-01-15T09:00:00Z "$BIN" demo --lang zh-Hant --no-open demo.json >/dev/null 2>&1) ||
    fail "accord demo --lang zh-Hant failed"
start_accord demo demo.json
step "7. the Chinese demo's screens fit 80 columns"
wait_prompt 1
run_line 'status'
wait_until "the status" has_output '4 簽署'
wait_prompt 2
# the forced gate's line and its continuation start at column 14, none deeper
forced=$(all_joined | grep -n '以 `next --force` 強制通過' | sed -n 1p | cut -d: -f1)
[ -n "$forced" ] || fail "status does not show the forced audit gate"
next_line=$(all_joined | sed -n "$((forced + 1))p")
printf '%s\n' "$next_line" | grep -Eq '^ {14}[^ ]' || fail "the forced line continues with a bad indent: '$next_line'"
run_line 'letter 業務部'
wait_until "the letter" has_output '目標責任書 — 業務部'
wait_prompt 3
has_output '3,600萬' || fail "the letter does not show 3,600萬"
has_output '2027/01/15' || fail "the letter does not show the signing time as 2027/01/15"
run_line 'grid'
wait_until "the grid" has_output '營收'
wait_prompt 4
run_line 'kpi list'
wait_until "the KPI list" has_output '80 欄寬度下未顯示'
wait_prompt 5
lines_fit 80 || fail "a line is wider than the 80-column terminal"
ok

step "8. quit says where the session was saved, in Chinese"
run_line 'quit'
wait_until "accord to exit" exit_file_exists demo
[ "$(cat "$TMP/exit.demo")" = 0 ] || fail "accord exited with $(cat "$TMP/exit.demo") after quit"
has_output 'demo\.json' || fail "quit does not name the saved file"
ok

echo "tmux-repl-zh: PASS ($PASSED checks)"
