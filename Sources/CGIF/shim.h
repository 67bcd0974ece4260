// giflib reads through a callback; this one reads a GIF held in memory.
#include <string.h>
#include <gif_lib.h>

/// A GIF's bytes and the read position.
typedef struct {
    const unsigned char *bytes;
    size_t size;
    size_t offset;
} latent_gif_source;

static inline int latent_gif_read(GifFileType *gif, GifByteType *target, int count) {
    latent_gif_source *source = (latent_gif_source *)gif->UserData;
    size_t left = source->size - source->offset;
    size_t taken = count < 0 ? 0 : (size_t)count < left ? (size_t)count : left;
    memcpy(target, source->bytes + source->offset, taken);
    source->offset += taken;
    return (int)taken;  // Fewer than asked: giflib reports D_GIF_ERR_READ_FAILED, a truncated file.
}

/// Opens the GIF in `source`, reading its screen descriptor, or NULL with giflib's error code in `error`.
static inline GifFileType *latent_gif_open(latent_gif_source *source, int *error) {
    return DGifOpen(source, latent_gif_read, error);
}
