#include <hdf5.h>

// HDF5 spells these as macros (most expand to a call of H5open), which Swift cannot import.
static inline hid_t latent_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t latent_h5p_link_create(void) { return H5P_LINK_CREATE; }
static inline hid_t latent_h5s_all(void) { return H5S_ALL; }
static inline hid_t latent_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t latent_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t latent_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t latent_h5t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t latent_h5t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t latent_h5t_c_s1(void) { return H5T_C_S1; }
static inline unsigned latent_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned latent_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned latent_h5o_info_basic(void) { return H5O_INFO_BASIC; }
