/*
 * first-answer: how long a server takes from exec to its first 200 on a unix socket.
 *
 *   first-answer SOCKET PATH TIMEOUT_MS COMMAND [ARGS...]
 *
 * Takes the time, forks and execs COMMAND (with this process's environment), then connects to
 * SOCKET as fast as it can (no sleep between tries) and sends GET PATH until an answer's status
 * line says 200. Prints the milliseconds from just before the exec to that answer (to 0.01 ms) on
 * stdout (the server's own output goes to stderr), stops the server with SIGTERM, waits for it and exits 0; exits 1 on a timeout or when
 * the server exits first. bench/run compiles it with the C compiler that Native AOT needs anyway.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* 1 when a GET of path on the socket answered 200, 0 otherwise (not listening yet, other status). */
static int answers_200(const struct sockaddr_un *address, const char *request, size_t length) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  int ok = 0;
  if (connect(fd, (const struct sockaddr *)address, sizeof *address) == 0 &&
      write(fd, request, length) == (ssize_t)length) {
    char reply[64];
    size_t got = 0;
    ssize_t n;
    while (got < 12 && (n = read(fd, reply + got, sizeof reply - 1 - got)) > 0) got += (size_t)n;
    reply[got] = '\0';
    ok = got >= 12 && strncmp(reply, "HTTP/1.", 7) == 0 && strncmp(reply + 9, "200", 3) == 0;
  }
  close(fd);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: first-answer SOCKET PATH TIMEOUT_MS COMMAND [ARGS...]\n");
    return 2;
  }
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof address.sun_path) {
    fprintf(stderr, "first-answer: socket path too long\n");
    return 2;
  }
  strcpy(address.sun_path, argv[1]);
  char request[1024];
  int length = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", argv[2]);
  if (length <= 0 || (size_t)length >= sizeof request) return 2;
  double timeout = atof(argv[3]);

  double begin = now_ms();
  pid_t child = fork();
  if (child < 0) { perror("fork"); return 1; }
  if (child == 0) {
    dup2(2, 1); /* the server's banner goes to stderr: stdout carries only the figure */
    execvp(argv[4], argv + 4);
    perror("exec");
    _exit(127);
  }
  int status = 0, result = 1;
  for (;;) {
    if (answers_200(&address, request, (size_t)length)) {
      printf("%.2f\n", now_ms() - begin);
      result = 0;
      break;
    }
    if (waitpid(child, &status, WNOHANG) == child) {
      fprintf(stderr, "first-answer: the server exited before answering\n");
      return 1;
    }
    if (now_ms() - begin > timeout) {
      fprintf(stderr, "first-answer: no 200 within %.0f ms\n", timeout);
      break;
    }
  }
  kill(child, SIGTERM);
  waitpid(child, &status, 0);
  return result;
}
