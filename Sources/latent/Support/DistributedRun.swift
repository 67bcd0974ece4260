import ArgumentParser
import Foundation
import LatentCore
import LatentDistributed

/// A command that runs as one job of several processes under `mpirun`: each process takes its share of the work and
/// rank 0 alone writes the files and prints the results. Every other command refuses to run under `mpirun`, where it
/// would only do the same work several times over into the same files.
protocol DistributedCommand {}

enum DistributedRun {
    /// The job this process is part of, `nil` for an ordinary single-process run (MPI is then never initialised).
    static var job: Communicator? { Communicator.world }

    /// Refuses, before any work, a command that cannot share its work among the processes of an `mpirun` job.
    static func check(_ command: ParsableCommand) throws {
        guard let launcher = Launcher.fromEnvironment, launcher.size ?? 2 > 1, !(command is DistributedCommand),
            // ArgumentParser's own `help` prints only, as one process does.
            String(reflecting: type(of: command)).hasPrefix("latent.")
        else { return }
        // The subcommand's words as given (`pca fit`), at most two: options and operands follow them.
        let name = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
        throw ValidationError(
            "`latent \(name)` does not run under mpirun; `latent train ae`, `train classifier`, "
                + "`retrieve` and `search` do. Run it as one process, without mpirun")
    }

    /// Ends the run with `error`. Under `mpirun`, rank 0 prints the message (the others print only errors of their
    /// own making, not a refused option that every rank refuses alike) and the whole job ends at once with the
    /// same status, never left waiting on a process that stopped.
    static func exit(withError error: Error) -> Never {
        guard let launcher = Launcher.fromEnvironment else { Latent.exit(withError: error) }
        let status = Latent.exitCode(for: error).rawValue
        // --help and --version, which every rank meets before MPI starts: rank 0 answers.
        guard status != EXIT_SUCCESS else {
            launcher.rank == 0 ? Latent.exit(withError: error) : Foundation.exit(status)
        }
        if launcher.rank == 0 || status != ExitCode.validationFailure.rawValue {
            let prefix = launcher.rank == 0 ? "" : "rank \(launcher.rank): "
            Console.write(prefix + Latent.fullMessage(for: error) + "\n", to: .error)
        }
        // Once MPI has started, another process may be waiting for this one in a collective call: end them all.
        Communicator.started?.abort(status: status)
        Foundation.exit(status)
    }
}
