import ArgumentParser
import Foundation
import LatentCore
import LatentDistributed

/// A command that runs as one job of several processes under `mpirun`: each process takes its share of the work and
/// rank 0 alone writes the files and prints the results. Every other command refuses to run under `mpirun`, where it
/// would only do the same work several times over into the same files.
protocol DistributedCommand {}

enum DistributedRun {
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

    /// Ends the run with `error`, and under `mpirun` the whole job, never left waiting on a process that stopped.
    ///
    /// Before the processes have agreed on what they run (`Communicator.agree`), the error goes to that agreement,
    /// where the others meet it: rank 0 prints every rank's error once (a refused option that every rank refuses
    /// alike, once) and every process exits with the same status. After it, only this process may have met the error
    /// while the others wait in an exchange: it prints it, naming its rank, and ends the job.
    static func exit(withError error: Error) -> Never {
        guard let launcher = Launcher.fromEnvironment else { Latent.exit(withError: error) }
        let status = Latent.exitCode(for: error).rawValue
        // --help and --version, which every rank meets before MPI starts: rank 0 answers.
        guard status != EXIT_SUCCESS else {
            launcher.rank == 0 ? Latent.exit(withError: error) : Foundation.exit(status)
        }
        if let disagreement = error as? JobDisagreement { stop(disagreement.verdict, rank: launcher.rank) }
        guard let job = Communicator.world, job.size > 1 else { Latent.exit(withError: error) }
        let message = Latent.fullMessage(for: error)
        guard job.hasAgreed else { stop(job.agree(.failed(status: status, message: message)), rank: job.rank) }
        Console.write((job.isRoot ? "" : "rank \(job.rank): ") + message + "\n", to: .error)
        job.abort(status: status)
    }

    /// Ends this process of a job that cannot run, as every other process does: rank 0 prints why.
    private static func stop(_ verdict: JobVerdict, rank: Int) -> Never {
        let status: Int32
        switch verdict {
        case .agreed: preconditionFailure("a job that agreed has no reason to stop")
        case .failed(let code, _):
            status = code
            if rank == 0 { Console.write(verdict.message + "\n", to: .error) }
        case .disagreed(_, let difference):
            // Exit status 64 for options, as for one process's refused option; 1 for files.
            status = difference.isOption ? ExitCode.validationFailure.rawValue : EXIT_FAILURE
            if rank == 0 { Console.write("Error: " + verdict.message + "\n", to: .error) }
        }
        Foundation.exit(status)
    }
}
