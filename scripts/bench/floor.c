// The floor: the least any generator must do to produce a given built site —
// create its folders and write that many files of those sizes. No reading, no
// parsing, no templating.
//
//   floor scan SITE_DIR > MANIFEST      record "size<TAB>relative/path" of every file (sorted)
//   floor write [-j N] MANIFEST OUT_DIR  create OUT_DIR's folders and files as in MANIFEST
//
// `write` creates each folder with mkdir(2) and each file with open/write/close,
// from one buffer, on N threads (default 1). It prints one line to stderr:
//   floor: FILES files, BYTES bytes, DIRS folders, SECONDS s
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct { long size; char *path; } Entry;

static Entry *entries;
static size_t n_entries, cap_entries;
static size_t root_len;

static void push(long size, const char *path) {
    if (n_entries == cap_entries) {
        cap_entries = cap_entries ? cap_entries * 2 : 1024;
        entries = realloc(entries, cap_entries * sizeof *entries);
        if (!entries) { perror("realloc"); exit(1); }
    }
    entries[n_entries].size = size;
    entries[n_entries].path = strdup(path);
    n_entries++;
}

static int on_file(const char *p, const struct stat *st, int type, struct FTW *ftw) {
    (void)ftw;
    if (type == FTW_F) push((long)st->st_size, p + root_len + 1);
    return 0;
}

static int by_path(const void *a, const void *b) {
    return strcmp(((const Entry *)a)->path, ((const Entry *)b)->path);
}

static int scan(const char *root) {
    root_len = strlen(root);
    while (root_len > 1 && root[root_len - 1] == '/') root_len--;
    if (nftw(root, on_file, 64, FTW_PHYS) != 0) { perror(root); return 1; }
    qsort(entries, n_entries, sizeof *entries, by_path);
    for (size_t i = 0; i < n_entries; i++) printf("%ld\t%s\n", entries[i].size, entries[i].path);
    return 0;
}

static char *out_root;
static char *buffer;
static size_t n_threads = 1;
static long n_dirs;

// mkdir -p for the folder part of rel (relative to out_root); `last` caches the
// previous folder so a run of files in one folder costs nothing extra.
static void make_parent(const char *rel, char *last) {
    const char *slash = strrchr(rel, '/');
    if (!slash) return;
    size_t len = (size_t)(slash - rel);
    if (strlen(last) == len && strncmp(last, rel, len) == 0) return;
    char path[8192];
    size_t base = (size_t)snprintf(path, sizeof path, "%s/", out_root);
    memcpy(path + base, rel, len);
    path[base + len] = 0;
    for (char *p = path + base; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(path, 0755) == 0) n_dirs++;
            else if (errno != EEXIST) { perror(path); exit(1); }
            *p = c;
            if (!c) break;
        }
    }
    memcpy(last, rel, len);
    last[len] = 0;
}

static void write_one(const Entry *e) {
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", out_root, e->path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror(path); exit(1); }
    long left = e->size;
    const char *p = buffer;
    while (left > 0) {
        ssize_t w = write(fd, p, (size_t)left);
        if (w < 0) { if (errno == EINTR) continue; perror(path); exit(1); }
        left -= w;
        p += w;
    }
    if (close(fd) != 0) { perror(path); exit(1); }
}

static void *worker(void *arg) {
    size_t t = (size_t)arg;
    // Contiguous slices keep each thread within its own folders.
    size_t lo = n_entries * t / n_threads, hi = n_entries * (t + 1) / n_threads;
    for (size_t i = lo; i < hi; i++) write_one(&entries[i]);
    return NULL;
}

static int write_site(const char *manifest, const char *out) {
    FILE *f = fopen(manifest, "r");
    if (!f) { perror(manifest); return 1; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long max = 0, total = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n') line[--len] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        long size = atol(line);
        push(size, tab + 1);
        if (size > max) max = size;
        total += size;
    }
    fclose(f);
    free(line);
    buffer = malloc((size_t)max + 1);
    static const char pattern[] = "<p>衡阳晚报</p>\n";
    for (long i = 0; i < max; i++) buffer[i] = pattern[(size_t)i % (sizeof pattern - 1)];

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    out_root = (char *)out;
    if (mkdir(out, 0755) == 0) n_dirs++;
    else if (errno != EEXIST) { perror(out); return 1; }
    char *last = calloc(8192, 1);
    for (size_t i = 0; i < n_entries; i++) {
        make_parent(entries[i].path, last);
        if (n_threads == 1) write_one(&entries[i]);
    }
    if (n_threads > 1) {
        pthread_t th[64];
        for (size_t t = 0; t < n_threads; t++) pthread_create(&th[t], NULL, worker, (void *)t);
        for (size_t t = 0; t < n_threads; t++) pthread_join(th[t], NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "floor: %zu files, %ld bytes, %ld folders, %.3f s\n", n_entries, total, n_dirs, s);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "scan") == 0) return scan(argv[2]);
    int i = 2;
    if (argc >= 2 && strcmp(argv[1], "write") == 0) {
        if (argc >= 5 && strcmp(argv[2], "-j") == 0) {
            n_threads = (size_t)atoi(argv[3]);
            if (n_threads < 1) n_threads = 1;
            if (n_threads > 64) n_threads = 64;
            i = 4;
        }
        if (argc == i + 2) return write_site(argv[i], argv[i + 1]);
    }
    fprintf(stderr, "usage: floor scan SITE_DIR > MANIFEST\n       floor write [-j N] MANIFEST OUT_DIR\n");
    return 2;
}
