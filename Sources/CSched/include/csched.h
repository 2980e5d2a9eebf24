#ifndef ACCORD_CSCHED_H
#define ACCORD_CSCHED_H
#include <pthread.h>

/// Sets `attr` to run a new thread on any CPU this process may use except the calling
/// thread's. Returns 0 when it did, -1 when there is no other CPU or the system says no
/// (the thread is then placed by the scheduler). Linux only; elsewhere always -1.
int accord_attr_on_another_cpu(pthread_attr_t *attr);

#endif
