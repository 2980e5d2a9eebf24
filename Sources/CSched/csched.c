// The scheduler calls that Glibc declares only with _GNU_SOURCE, which Swift's Glibc module
// does not define: sched_getcpu, sched_getaffinity and pthread_attr_setaffinity_np.
#define _GNU_SOURCE
#include "csched.h"

#ifdef __linux__
#include <sched.h>

int accord_attr_on_another_cpu(pthread_attr_t *attr) {
    int here = sched_getcpu();
    cpu_set_t allowed;
    if (here < 0 || sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    CPU_CLR(here, &allowed);
    if (CPU_COUNT(&allowed) == 0) return -1;
    return pthread_attr_setaffinity_np(attr, sizeof allowed, &allowed) == 0 ? 0 : -1;
}
#else
int accord_attr_on_another_cpu(pthread_attr_t *attr) { (void)attr; return -1; }
#endif
