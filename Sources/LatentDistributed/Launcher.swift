import Foundation

/// What the launcher that started this process says about the job, read from its environment before MPI is
/// initialised: Open MPI's `mpirun` sets OMPI_COMM_WORLD_*, PMIx launchers PMIX_RANK.
public struct Launcher: Sendable {
    /// This process's rank, and the job's size when the launcher says.
    public let rank: Int
    public let size: Int?

    /// `nil` when no launcher started this process: the ordinary single-process run.
    public static let fromEnvironment: Launcher? = {
        let environment = ProcessInfo.processInfo.environment
        guard let rank = (environment["OMPI_COMM_WORLD_RANK"] ?? environment["PMIX_RANK"]).flatMap(Int.init) else {
            return nil
        }
        return Launcher(rank: rank, size: environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init))
    }()
}
