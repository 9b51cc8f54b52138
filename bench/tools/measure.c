/* measure: runs a command and reports its wall time and peak RSS.
 *
 *   measure RESULT_FILE COMMAND [ARGS...]
 *
 * writes "STATUS WALL_SECONDS MAXRSS_KIB" to RESULT_FILE, where STATUS is "exit N" or
 * "signal N". bench/run uses it instead of forking the commands itself because Linux
 * counts the memory of the process that forked (and execed) into the child's ru_maxrss:
 * a child of the Python harness would never show less than the harness's ~17 MiB. This
 * launcher is a few hundred KiB, so the floor it adds is negligible. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: measure RESULT_FILE COMMAND [ARGS...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "measure: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("measure: wait4");
            return 2;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror("measure: result file");
        return 2;
    }
    if (WIFSIGNALED(status))
        fprintf(f, "signal %d %.6f %ld\n", WTERMSIG(status), wall, ru.ru_maxrss);
    else
        fprintf(f, "exit %d %.6f %ld\n", WEXITSTATUS(status), wall, ru.ru_maxrss);
    fclose(f);
    return 0;
}
