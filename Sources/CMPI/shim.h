#include <mpi.h>

// Open MPI spells its handles as macros over global objects, which Swift cannot import.
static inline MPI_Comm latent_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype latent_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype latent_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype latent_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Datatype latent_mpi_uint64(void) { return MPI_UINT64_T; }
static inline MPI_Datatype latent_mpi_uint8(void) { return MPI_UINT8_T; }
static inline MPI_Op latent_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op latent_mpi_max(void) { return MPI_MAX; }
static inline int latent_mpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
static inline int latent_mpi_success(void) { return MPI_SUCCESS; }
static inline void *latent_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Request latent_mpi_request_null(void) { return MPI_REQUEST_NULL; }
static inline MPI_Status *latent_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
