// A thin C shim over libedit for Swift.
//
// Swift cannot call C variadic functions (el_set, el_get, history), cannot
// touch stdin/stdout/stderr in Swift 6 mode, and cannot see wcwidth without
// _XOPEN_SOURCE. Each wrapper below does exactly one of those things.
#ifndef ACCORD_CEDITLINE_SHIM_H
#define ACCORD_CEDITLINE_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
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

// --- el_set / el_get ---------------------------------------------------------
static inline int accord_el_set_prompt(EditLine *el, accord_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
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

#endif
