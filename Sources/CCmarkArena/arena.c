#include <cmark.h>
#include "CCmarkArena.h"
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>

/* libcmark allocates a node, a buffer or a string for nearly every piece of a document, and frees them one by one.
 * In a build holding the whole archive, glibc's malloc made that cost twice cmark's own work (73 us a body in
 * hysite-profile, 34 us in a fresh process). Here a body's allocations come from the thread's arena, free() does
 * nothing, and the arena is reset before the next body: the first 256 KB chunk is kept, any further chunk is freed.
 *
 * One thread's arena: a chain of chunks; everything cmark allocates for one body goes here and is let go at once. */
typedef struct chunk { struct chunk *next; size_t used, cap; max_align_t data[]; } chunk;
static _Thread_local chunk *current;   /* the chunk allocations come from */
static _Thread_local chunk *first;     /* kept between bodies */
static _Thread_local char *last_block; /* the most recent allocation, which realloc may grow in place */

enum { HEADER = 16, FIRST_SIZE = 1 << 18 };

static chunk *new_chunk(size_t cap) {
  chunk *c = malloc(sizeof(chunk) + cap);
  if (!c) abort();
  c->next = NULL; c->used = 0; c->cap = cap;
  return c;
}

static void *arena_alloc(size_t n) {
  size_t need = ((n + 15) & ~(size_t)15) + HEADER;
  if (!current) { first = current = new_chunk(FIRST_SIZE); }
  if (current->used + need > current->cap) {
    size_t cap = need > FIRST_SIZE ? need : FIRST_SIZE;
    chunk *c = new_chunk(cap);
    current->next = c; current = c;
  }
  char *p = (char *)current->data + current->used + HEADER;
  ((size_t *)p)[-1] = n;
  current->used += need;
  last_block = p;
  return p;
}

static void *arena_calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) abort();  /* as cmark's own allocator does when memory runs out */
  size_t n = count * size;
  void *p = arena_alloc(n);
  memset(p, 0, n);
  return p;
}

static void *arena_realloc(void *old, size_t n) {
  if (!old) return arena_alloc(n);
  size_t had = ((size_t *)old)[-1];
  if (old == last_block) {
    /* the last block grows in place when the chunk has room */
    size_t had_rounded = ((had + 15) & ~(size_t)15), want = ((n + 15) & ~(size_t)15);
    if (want <= had_rounded || current->used - had_rounded + want <= current->cap) {
      current->used = current->used - had_rounded + want;
      ((size_t *)old)[-1] = n;
      return old;
    }
  }
  void *p = arena_alloc(n);
  memcpy(p, old, had < n ? had : n);
  return p;
}

static void arena_free(void *p) { (void)p; }

static void arena_reset(void) {
  if (!first) return;
  chunk *c = first->next;
  while (c) { chunk *n = c->next; free(c); c = n; }
  first->next = NULL; first->used = 0; current = first; last_block = NULL;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

const char *hysite_cmark_html(const char *src, size_t len, int options, size_t *out_len) {
  arena_reset();
  cmark_parser *parser = cmark_parser_new_with_mem(options, &arena_mem);
  cmark_parser_feed(parser, src, len);
  cmark_node *doc = cmark_parser_finish(parser);
  char *html = cmark_render_html(doc, options);
  *out_len = strlen(html);
  return html;
}
