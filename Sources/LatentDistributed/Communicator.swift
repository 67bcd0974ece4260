import CMPI
import Foundation

/// The processes of one `mpirun` job, as MPI's world communicator: who this process is, and the few collective
/// operations Latent needs (sum, broadcast, gather).
///
/// Every process of the job must make the same calls in the same order, with the same counts: `agree(on:)` checks,
/// before the first call of the work, that they are all about to run the same thing. Each call waits at most
/// `timeout` for the others, then ends the whole job with a message; MPI's default error handler ends it on a failed
/// call, so the calls return nothing to check.
public final class Communicator: @unchecked Sendable {
    /// This process's number in the job, 0 to `size - 1`; rank 0 writes the files and prints the results.
    public let rank: Int
    /// How many processes the job has.
    public let size: Int
    /// How long a collective call waits for the other processes before it ends the job: MPI itself never gives up
    /// on a process that stopped. Set once, before the first call.
    public var timeout: Duration = .seconds(600)
    /// Whether the processes have compared what they run (`agree`): before, a process that stops with an error takes
    /// its error to the agreement, where the others meet it; after, it ends the job itself.
    public internal(set) var hasAgreed = false

    public var isRoot: Bool { rank == 0 }

    /// The job this process belongs to when a launcher (`mpirun`) started it, else `nil`: a process started
    /// on its own never initialises MPI, so an ordinary run costs nothing and needs no launcher.
    public static let world: Communicator? = Launcher.fromEnvironment == nil ? nil : Communicator()

    private init() {
        var provided: Int32 = 0
        // Serialized: calls come from whichever thread runs the command, one at a time.
        MPI_Init_thread(nil, nil, latent_mpi_thread_serialized(), &provided)
        var rank: Int32 = 0
        var size: Int32 = 0
        MPI_Comm_rank(latent_mpi_comm_world(), &rank)
        MPI_Comm_size(latent_mpi_comm_world(), &size)
        (self.rank, self.size) = (Int(rank), Int(size))
        // A normal exit finalises; an error ends the job through `abort` instead, which never waits for the others.
        atexit { MPI_Finalize() }
    }

    /// Replaces `values` on every process by their element-wise sum over all processes (MPI_Iallreduce).
    ///
    /// - Parameters:
    ///   - values: this process's values; every process passes as many.
    ///   - activity: what the sum is for (`the gradient sum of epoch 2, batch 3`), named if it times out.
    public func sum<Scalar: MPIScalar>(_ values: inout [Scalar], in activity: @autoclosure () -> String) {
        let count = Communicator.count(values.count)
        values.withUnsafeMutableBytes { bytes in
            wait(for: activity) { request in
                MPI_Iallreduce(
                    latent_mpi_in_place(), bytes.baseAddress, count, Scalar.mpiType, latent_mpi_sum(),
                    latent_mpi_comm_world(), request)
            }
        }
    }

    /// Replaces `values` on every process by those of `root` (MPI_Ibcast).
    ///
    /// - Parameters:
    ///   - values: the values to send on `root`, to replace on the others; every process passes as many.
    ///   - root: the rank whose values every process takes.
    ///   - activity: what the broadcast is for, named if it times out.
    public func broadcast<Scalar: MPIScalar>(
        _ values: inout [Scalar], from root: Int = 0, in activity: @autoclosure () -> String
    ) {
        let count = Communicator.count(values.count)
        values.withUnsafeMutableBytes { bytes in
            wait(for: activity) { request in
                MPI_Ibcast(bytes.baseAddress, count, Scalar.mpiType, Int32(root), latent_mpi_comm_world(), request)
            }
        }
    }

    /// Every process's `values`, in rank order, on `root` (MPI_Igather); an empty array on the others.
    ///
    /// - Parameters:
    ///   - values: this process's values; every process passes as many.
    ///   - root: the rank that receives them all.
    ///   - activity: what the gather is for, named if it times out.
    public func gather<Scalar: MPIScalar>(
        _ values: [Scalar], at root: Int = 0, in activity: @autoclosure () -> String
    ) -> [Scalar] {
        let count = Communicator.count(values.count)
        var gathered = [Scalar](repeating: .zero, count: rank == root ? values.count * size : 0)
        values.withUnsafeBytes { sent in
            gathered.withUnsafeMutableBytes { received in
                wait(for: activity) { request in
                    MPI_Igather(
                        sent.baseAddress, count, Scalar.mpiType, received.baseAddress, count, Scalar.mpiType,
                        Int32(root), latent_mpi_comm_world(), request)
                }
            }
        }
        return gathered
    }

    /// Ends every process of the job with `status` (MPI_Abort), without waiting for the others: the way out of an
    /// error that only this process may have met while the others wait in a collective call.
    ///
    /// - Parameter status: the exit status of the job.
    public func abort(status: Int32) -> Never {
        MPI_Abort(latent_mpi_comm_world(), status)
        exit(status)
    }

    /// The rows of `0..<total` this process holds when they are split into `size` contiguous, nearly equal parts.
    ///
    /// - Parameter total: the rows to split.
    public func share(of total: Int) -> Range<Int> { (rank * total / size)..<((rank + 1) * total / size) }

    static func count(_ count: Int) -> Int32 {
        precondition(count <= Int(Int32.max), "\(count) values are more than one MPI call carries")
        return Int32(count)
    }
}

/// The element types the communicator carries, with MPI's name for each.
public protocol MPIScalar: Numeric {
    static var mpiType: MPI_Datatype { get }
}

extension Float: MPIScalar { public static var mpiType: MPI_Datatype { latent_mpi_float() } }
extension Double: MPIScalar { public static var mpiType: MPI_Datatype { latent_mpi_double() } }
extension Int64: MPIScalar { public static var mpiType: MPI_Datatype { latent_mpi_int64() } }
extension UInt64: MPIScalar { public static var mpiType: MPI_Datatype { latent_mpi_uint64() } }
extension UInt8: MPIScalar { public static var mpiType: MPI_Datatype { latent_mpi_uint8() } }
