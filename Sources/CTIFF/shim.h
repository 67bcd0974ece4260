// libtiff reads through callbacks; these read a TIFF held in memory and keep libtiff's first error message for
// the caller instead of printing it on stderr (libtiff's default handlers write there).
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>

/// A TIFF's bytes, the read position, and the first error libtiff reported about them.
typedef struct {
    const unsigned char *bytes;
    toff_t size;
    toff_t offset;
    char message[256];
} latent_tiff_source;

static inline tmsize_t latent_tiff_read(thandle_t handle, void *target, tmsize_t count) {
    latent_tiff_source *source = (latent_tiff_source *)handle;
    if (count < 0 || source->offset >= source->size) return 0;
    toff_t left = source->size - source->offset;
    toff_t taken = (toff_t)count < left ? (toff_t)count : left;
    memcpy(target, source->bytes + source->offset, taken);
    source->offset += taken;
    return (tmsize_t)taken;
}

static inline tmsize_t latent_tiff_write(thandle_t handle, void *data, tmsize_t count) {
    (void)handle, (void)data, (void)count;
    return -1;  // Opened for reading only.
}

static inline toff_t latent_tiff_seek(thandle_t handle, toff_t offset, int whence) {
    latent_tiff_source *source = (latent_tiff_source *)handle;
    toff_t base = whence == SEEK_CUR ? source->offset : whence == SEEK_END ? source->size : 0;
    source->offset = base + offset;  // Past the end is allowed, as for a file; reads there return nothing.
    return source->offset;
}

static inline int latent_tiff_close(thandle_t handle) { return (void)handle, 0; }
static inline toff_t latent_tiff_size(thandle_t handle) { return ((latent_tiff_source *)handle)->size; }
static inline int latent_tiff_map(thandle_t handle, void **base, toff_t *size) {
    return (void)handle, (void)base, (void)size, 0;
}
static inline void latent_tiff_unmap(thandle_t handle, void *base, toff_t size) {
    (void)handle, (void)base, (void)size;
}

static inline int latent_tiff_error(TIFF *tiff, void *user, const char *module, const char *format, va_list list) {
    (void)tiff, (void)module;
    latent_tiff_source *source = (latent_tiff_source *)user;
    if (source->message[0] == 0) vsnprintf(source->message, sizeof source->message, format, list);
    return 1;  // Handled: libtiff does not print it.
}

static inline int latent_tiff_warning(TIFF *tiff, void *user, const char *module, const char *format, va_list list) {
    (void)tiff, (void)user, (void)module, (void)format, (void)list;
    return 1;  // Unknown tags and the like: the picture is still read.
}

/// Opens the TIFF in `source` for reading, or NULL with `source->message` set.
static inline TIFF *latent_tiff_open(latent_tiff_source *source) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, latent_tiff_error, source);
    TIFFOpenOptionsSetWarningHandlerExtR(options, latent_tiff_warning, source);
    // "m": no memory mapping, the bytes are already in memory.
    TIFF *tiff = TIFFClientOpenExt(
        "memory", "rm", (thandle_t)source, latent_tiff_read, latent_tiff_write, latent_tiff_seek, latent_tiff_close,
        latent_tiff_size, latent_tiff_map, latent_tiff_unmap, options);
    TIFFOpenOptionsFree(options);
    return tiff;
}

/// The first image's width and height (TIFFGetField is variadic, which Swift cannot call); 0 when missing.
static inline uint32_t latent_tiff_width(TIFF *tiff) {
    uint32_t value = 0;
    return TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &value) == 1 ? value : 0;
}
static inline uint32_t latent_tiff_height(TIFF *tiff) {
    uint32_t value = 0;
    return TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &value) == 1 ? value : 0;
}
