#include <leptonica/allheaders.h>

// Leptonica keeps 32-bit pixels as one word, red in the high byte; its shifts as functions, for Swift.
static inline int latent_lept_red_shift(void) { return L_RED_SHIFT; }
static inline int latent_lept_green_shift(void) { return L_GREEN_SHIFT; }
static inline int latent_lept_blue_shift(void) { return L_BLUE_SHIFT; }
