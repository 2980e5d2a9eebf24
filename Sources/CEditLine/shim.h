// A thin C shim over libedit for Swift.
//
// Swift cannot call C variadic functions (el_set, el_get, history), cannot
// touch stdin/stdout/stderr in Swift 6 mode, and cannot see wcwidth (glibc hides
// it behind _XOPEN_SOURCE). Each wrapper below does exactly one of those things.
#ifndef ACCORD_CEDITLINE_SHIM_H
#define ACCORD_CEDITLINE_SHIM_H

// No _XOPEN_SOURCE here: a feature macro changes how glibc's headers define ucontext_t,
// mcontext_t and _libc_fpxreg, and a Swift file importing both this module and Glibc then
// fails a clean build ("'ucontext_t::uc_flags' from module 'SwiftGlibc' is not present in
// definition of 'struct ucontext_t' in module 'CEditLine'"). wcwidth is declared by hand.
#include <errno.h>
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

typedef char *(*accord_prompt_fn)(EditLine *);
typedef unsigned char (*accord_el_fn)(EditLine *, int);

static inline FILE *accord_stdin(void) { return stdin; }
static inline FILE *accord_stdout(void) { return stdout; }
static inline FILE *accord_stderr(void) { return stderr; }

/// Makes multibyte (CJK) input work: the user's locale, or C.UTF-8 when its
/// codeset is not UTF-8 (libedit drops CJK input in the C locale).
/// Returns 1 when the fallback was needed.
static inline int accord_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0)) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
        return 1;
    }
    return 0;
}

/// wcwidth(3); glibc declares it only under _XOPEN_SOURCE (see above).
extern int wcwidth(wchar_t c);
static inline int accord_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// --- SIGINT: cancel the line being typed, never the program -----------------
static volatile sig_atomic_t accord_sigint_seen = 0;
static inline void accord_sigint_handler(int sig) { (void)sig; accord_sigint_seen = 1; }
/// Installs a SIGINT handler without SA_RESTART, so el_gets returns with EINTR.
static inline void accord_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = accord_sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
}
static inline int accord_take_sigint(void) {
    int seen = accord_sigint_seen;
    accord_sigint_seen = 0;
    return seen;
}
static inline int accord_errno(void) { return errno; }

#include <sys/ioctl.h>
/// The columns of the terminal on `fd` (TIOCGWINSZ), or 0 when it is not a terminal or does not say.
static inline int accord_terminal_columns(int fd) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return (int)ws.ws_col;
}

// --- el_set / el_get ---------------------------------------------------------
static inline int accord_el_set_prompt(EditLine *el, accord_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
/// Like accord_el_set_prompt, with `delim` marking non-printing spans (e.g. colour escapes).
static inline int accord_el_set_prompt_esc(EditLine *el, accord_prompt_fn fn, char delim) {
    return el_set(el, EL_PROMPT_ESC, fn, delim);
}
static inline int accord_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int accord_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int accord_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int accord_el_addfn(EditLine *el, const char *name, const char *help, accord_el_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int accord_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, NULL);
}
static inline int accord_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *accord_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

/// Terminal width in columns as libedit knows it (kept current on SIGWINCH with EL_SIGNAL 1).
static inline int accord_el_columns(EditLine *el) {
    int co = 0;
    if (el_get(el, EL_GETTC, "co", &co) != 0 || co <= 0) return 80;
    return co;
}
/// Reads ~/.editrc (or $EDITRC) so users can adjust bindings; 0 on success.
static inline int accord_el_source_user(EditLine *el) { return el_source(el, NULL); }

// --- history -----------------------------------------------------------------
static inline int accord_history_setsize(History *h, int n) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, n);
}
static inline int accord_history_setunique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
static inline int accord_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int accord_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int accord_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}


// --- Waking the line editor: lines from the room's server ---------------------
// The session has one writer, the main thread. While it waits in el_gets, the server posts
// work to it (a byte on `accord_wake_fd`); this getc function waits on the terminal and on
// that pipe at once, runs `accord_wake_cb` on the main thread when the pipe is readable and
// nothing typed is waiting (it applies a slice of the work, prints its lines above the prompt
// and refreshes the line being typed), and otherwise reads one character as libedit's own
// read_char does.
#include <poll.h>
#include <limits.h>
#include <stdlib.h>
typedef void (*accord_wake_fn)(EditLine *);
static int accord_wake_fd = -1;
static accord_wake_fn accord_wake_cb = NULL;
static inline void accord_set_wake(int fd, accord_wake_fn fn) { accord_wake_fd = fd; accord_wake_cb = fn; }
static inline int accord_el_getc(EditLine *el, wchar_t *wc) {
    char buf[MB_LEN_MAX];
    size_t n = 0;
    for (;;) {
        struct pollfd p[2];
        p[0].fd = 0; p[0].events = POLLIN; p[0].revents = 0;
        p[1].fd = accord_wake_fd; p[1].events = POLLIN; p[1].revents = 0;
        // once a second, with nothing typed half-way through a character, the prompt may change (the timer)
        int r = poll(p, accord_wake_fd >= 0 ? 2 : 1, n == 0 ? 1000 : -1);
        if (r == 0) { if (accord_wake_cb) accord_wake_cb(el); continue; }
        if (r < 0) {
            if (errno == EINTR) { if (accord_sigint_seen) { *wc = 0; return -1; } continue; }
            *wc = 0; return -1;
        }
        // What is typed goes first: with votes streaming in, the wake pipe is readable at
        // almost every poll, and serving it first kept a keystroke waiting for seconds.
        if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (accord_wake_fd >= 0 && (p[1].revents & POLLIN) && n == 0 && accord_wake_cb) accord_wake_cb(el);
            continue;
        }
        ssize_t k = read(0, buf + n, 1);
        if (k < 0) {
            if (errno == EINTR) { if (accord_sigint_seen) { *wc = 0; errno = EINTR; return -1; } continue; }
            *wc = 0; return -1;
        }
        if (k == 0) { *wc = 0; return 0; }
        n++;
        mbstate_t st;
        memset(&st, 0, sizeof st);
        size_t m = mbrtowc(wc, buf, n, &st);
        if (m == (size_t)-2 && n < MB_LEN_MAX) continue;
        if (m == (size_t)-1 || m == (size_t)-2) { *wc = (wchar_t)(unsigned char)buf[0]; return 1; }
        if (m == 0) *wc = 0;
        return 1;
    }
}
static inline int accord_el_use_wake_getc(EditLine *el) { return el_set(el, EL_GETCFN, accord_el_getc); }
static inline int accord_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }
#endif
