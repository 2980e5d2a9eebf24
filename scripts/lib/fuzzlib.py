"""Shared helpers of scripts/fuzz-session-files, scripts/fuzz-commands and scripts/crash-test:
finding (or building) the binary, running it in a sandbox, building the sessions they start
from, and writing a session in accord's own layout.

Nothing here is a test oracle by itself; each script states its own checks.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
SCHEMA = os.path.join(ROOT, "schema", "session.schema.json")
NOBODY = 65534

ENV = {
    "ACCORD_NOW": "2027-01-15T09:00:00Z",
    "NO_COLOR": "1",
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def binary():
    """ACCORD_BIN, else the release build of scripts/build-release (built if needed)."""
    b = os.environ.get("ACCORD_BIN")
    if b:
        return os.path.abspath(b)
    log("== scripts/build-release")
    r = subprocess.run([os.path.join(ROOT, "scripts", "build-release")], cwd=ROOT, check=True,
                       stdout=subprocess.PIPE, text=True)
    return r.stdout.strip().splitlines()[-1]


def as_nobody():
    """Run accord as `nobody` when we are root: a fuzzed `save PATH` or `export --out PATH`
    can then only write in the sandbox (and /tmp), never over the repository."""
    return os.getuid() == 0 and shutil.which("setpriv") is not None


def sandbox(prefix):
    d = tempfile.mkdtemp(prefix=prefix)
    if as_nobody():
        os.chown(d, NOBODY, NOBODY)
    return d


def own(path):
    """Hands a file or directory tree in a sandbox to nobody."""
    for dirpath, dirs, files in os.walk(path):
        os.chmod(dirpath, 0o755)  # the fixtures are read-only
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    if os.path.isfile(path):
        os.chmod(path, 0o644)
    if not as_nobody():
        return
    for dirpath, dirs, files in os.walk(path):
        os.chown(dirpath, NOBODY, NOBODY)
        for f in files:
            os.lchown(os.path.join(dirpath, f), NOBODY, NOBODY)
    if os.path.isfile(path):
        os.chown(path, NOBODY, NOBODY)


def command(bin_, args, sandboxed=True):
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if sandboxed and as_nobody() else []
    return prefix + [bin_] + list(args)


class Run:
    def __init__(self, code, out, err, seconds, timed_out=False):
        self.code, self.out, self.err, self.seconds, self.timed_out = code, out, err, seconds, timed_out

    @property
    def signalled(self):
        """Killed by a signal (a crash: SIGILL on a Swift trap, SIGSEGV, SIGABRT …)."""
        return self.code < 0 or self.code >= 128

    def err_lines(self):
        return [l for l in self.err.decode("utf-8", "replace").split("\n") if l != ""]


def run(bin_, args, cwd, stdin=None, timeout=60, env=None, sandboxed=True):
    e = dict(ENV)
    e["HOME"] = cwd
    e["XDG_STATE_HOME"] = cwd
    if env:
        e.update(env)
    t0 = time.monotonic()
    try:
        p = subprocess.run(command(bin_, args, sandboxed), cwd=cwd, input=stdin,
                           stdin=None if stdin is not None else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, timeout=timeout)
        return Run(p.returncode, p.stdout, p.stderr, time.monotonic() - t0)
    except subprocess.TimeoutExpired as x:
        return Run(-999, x.stdout or b"", x.stderr or b"", time.monotonic() - t0, timed_out=True)


def acme_session(bin_, work):
    """The acme session: Tests/Fixtures/scenarios/acme-2027.txt run from a copy of the
    fixtures (as the end-to-end harness does). Returns the session's path."""
    for sub in ("data", "scenarios"):
        shutil.copytree(os.path.join(FIXTURES, sub), os.path.join(work, sub))
    own(work)
    r = run(bin_, ["acme.json", "--script", "acme-2027.txt"], os.path.join(work, "scenarios"), timeout=120)
    path = os.path.join(work, "scenarios", "acme.json")
    if r.code not in (0, 1) or not os.path.exists(path):
        raise SystemExit(f"building the acme session failed ({r.code}): {r.err.decode()[:500]}")
    return path


def realistic_session(bin_, work, profile="realistic", seed=None):
    """A generated meeting (scripts/lib/gen_session.py) run through `accord FILE --script`."""
    cmds = os.path.join(work, f"{profile}.txt")
    args = [sys.executable, os.path.join(ROOT, "scripts", "lib", "gen_session.py"), profile]
    if seed is not None:
        args += ["--seed", str(seed)]
    with open(cmds, "wb") as f:
        subprocess.run(args, check=True, stdout=f)
    own(work)
    r = run(bin_, [f"{profile}.json", "--script", f"{profile}.txt"], work, timeout=600)
    path = os.path.join(work, f"{profile}.json")
    if r.signalled or not os.path.exists(path):
        raise SystemExit(f"building the {profile} session failed ({r.code}): {r.err.decode()[:500]}")
    return path, r


def events_of(path):
    with open(path, "rb") as f:
        return json.load(f)["events"]


# MARK: accord's layout

def dumps(v):
    """Compact JSON as accord writes it (UTF-8, no escaped slashes, keys in the given order)."""
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def sha(b):
    return hashlib.sha256(b).hexdigest()


def layout(fmt_line, head_line, state_line, event_lines):
    """The file from its parts (bytes each), as SessionFile.encode writes it."""
    out = [fmt_line, head_line, state_line, b'"events":[']
    for i, l in enumerate(event_lines):
        out.append(l + (b"," if i < len(event_lines) - 1 else b""))
    out.append(b"]}")
    return b"\n".join(out) + b"\n"


def split_layout(data):
    """The parts of a file in accord's layout: (format line, head, state line bytes, event
    line bytes) — the inverse of `layout`."""
    lines = data.split(b"\n")
    if len(lines) > 2 and lines[2].startswith(b'"seal":'):
        # format 3's seals cannot survive an edit by a program without the key (docs/seal.md):
        # the parts are those of the same file in format 2, which has no seals
        lines = [lines[0].replace(b'"version":3,', b'"version":2,')] + lines[1:2] + lines[3:]
    assert lines[3] == b'"events":[' and lines[-2] == b"]}", "not accord's layout"
    head = json.loads(lines[1][len(b'"head":'):-1])
    state = lines[2][len(b'"state":'):-1]
    events = [l[:-1] if l.endswith(b",") else l for l in lines[4:-2]]
    return lines[0], head, state, events


def reseal(fmt_line, state_line, event_lines):
    """A file whose hash chain and head are recomputed for these bytes: the integrity check
    passes, so what is checked next is the decoding and the logic behind it."""
    prev = "0" * 64
    fixed = []
    for i, l in enumerate(event_lines):
        prefix = b'{"seq":%d,"prev":"' % (i + 1)
        if l.startswith(b'{"seq":'):
            # keep whatever follows the digest; rewrite the seq and prev
            at = l.find(b',"prev":"')
            if at > 0 and len(l) >= at + 9 + 64:
                l = prefix + prev.encode() + l[at + 9 + 64:]
        fixed.append(l)
        prev = sha(l)
    head = b'"head":{"events":%d,"last":"%s","state":"%s"},' % (len(fixed), prev.encode(), sha(state_line).encode())
    return layout(fmt_line, head, b'"state":' + state_line + b",", fixed)


# MARK: what may reach a reader

# C0 but tab and line feed (a carriage return only as part of CRLF: a CSV export on the
# screen), DEL, C1 (as UTF-8), and the bidi controls (U+202A-202E, U+2066-2069, U+200E,
# U+200F, U+061C), which reorder what a reader sees after them (issue 13 §4).
TERMINAL_UNSAFE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]"
                             rb"|\xe2\x80[\xaa-\xae\x8e\x8f]|\xe2\x81[\xa6-\xa9]|\xd8\x9c")

# what a hand-edited name may hold that no command lets in
HOSTILE = ["\x1b[2J", "\x1b]0;pwned\x07", "\x07", "\x08", "\r", "\x1b[31m", "\x9b2J", "\x85", "\x7f", "\x00",
           "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
           "\u061c"]


def unsafe_output(name, stream):
    """A problem line when the bytes hold a control or bidi character raw, else None."""
    m = TERMINAL_UNSAFE.search(stream)
    if not m:
        return None
    at = m.start()
    return f"{name} holds {m.group()!r} raw near {stream[max(0, at - 60):at + 20]!r}"


def kill_group(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
