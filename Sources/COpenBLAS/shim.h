#include <cblas.h>

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

/// Sets this thread's SSE/AVX unit to flush denormal results to zero and to read denormal inputs as zero
/// (MXCSR's FTZ and DAZ bits). No-op on other architectures.
static inline void latent_flush_denormals(void) {
#if defined(__x86_64__)
    _mm_setcsr(_mm_getcsr() | 0x8040);
#endif
}
