#include <png.h>

// libpng spells these as macros built from other macros, which Swift cannot import.
static inline png_uint_32 latent_png_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 latent_png_format_rgb(void) { return PNG_FORMAT_RGB; }
static inline png_uint_32 latent_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
static inline png_uint_32 latent_png_format_flag_alpha(void) { return PNG_FORMAT_FLAG_ALPHA; }
static inline png_uint_32 latent_png_flag_16bit_srgb(void) { return PNG_IMAGE_FLAG_16BIT_sRGB; }
