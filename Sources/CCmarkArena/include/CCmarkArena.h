#ifndef CCMARK_ARENA_H
#define CCMARK_ARENA_H
#include <stddef.h>

/// CommonMark to HTML through libcmark, with everything cmark allocates for this one document taken from the calling
/// thread's arena and let go at once. Returns the HTML (NUL-terminated, `*out_len` bytes), valid until the next call
/// on the same thread.
const char *hysite_cmark_html(const char *src, size_t len, int options, size_t *out_len);

#endif
