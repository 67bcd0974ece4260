#include <hdf5.h>

// More of HDF5's macros, for the byte, integer and string datasets of imported images. Kept apart from
// CHDF5's shim so that the two can grow independently; the lead may fold them together.
static inline hid_t latent_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t latent_h5t_std_u8le(void) { return H5T_STD_U8LE; }
static inline hid_t latent_h5t_native_int64_type(void) { return H5T_NATIVE_INT64; }
static inline hid_t latent_h5t_std_i64le_type(void) { return H5T_STD_I64LE; }
static inline hid_t latent_h5t_c_s1_type(void) { return H5T_C_S1; }
static inline hid_t latent_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hsize_t latent_h5s_unlimited(void) { return H5S_UNLIMITED; }
static inline size_t latent_h5t_variable(void) { return H5T_VARIABLE; }
