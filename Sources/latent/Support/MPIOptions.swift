import ArgumentParser
import LatentDistributed

/// `--mpi-timeout`, which every command that runs under `mpirun` takes: how long a process waits for the others.
struct MPIOptions: ParsableArguments {
    @Option(
        name: .customLong("mpi-timeout"), parsing: .unconditional,
        help: ArgumentHelp(
            "Under mpirun: seconds a process waits for the others in one exchange before it stops the whole job.",
            valueName: "seconds"))
    var timeout: Double = 600

    func validate() throws {
        // A million seconds is eleven days: more is a typo, and no longer a bound.
        guard timeout > 0, timeout <= 1_000_000 else {
            throw ValidationError(
                "--mpi-timeout must be a number of seconds above 0 and at most 1000000, got \(timeout)")
        }
    }

    /// The `mpirun` job this process belongs to, `nil` for an ordinary run; its exchanges wait at most --mpi-timeout.
    var job: Communicator? {
        guard let job = Communicator.world else { return nil }
        job.timeout = .milliseconds(Int64((timeout * 1000).rounded(.up)))
        return job
    }
}
