import CMPI
import Foundation

extension Communicator {
    /// Starts a non-blocking collective call through `start` and waits for it to complete, at most `timeout`; past
    /// it, prints which call found no answer and ends the whole job (MPI has no timeout of its own).
    ///
    /// For the first 10 ms it polls, yielding the core between polls, as Open MPI's own blocking calls do on a
    /// machine with more processes than cores: a call of the work usually completes by then, and a call in several
    /// rounds needs a poll to move on to the next. Then the pauses between polls double up to a millisecond, so a
    /// process that waits long (for another's checkpoint, or a stopped one) leaves its core to the others, at a cost
    /// of at most a millisecond on a wait of over 10.
    func wait(for activity: () -> String, start: (UnsafeMutablePointer<MPI_Request?>) -> Int32) {
        var request: MPI_Request? = latent_mpi_request_null()
        _ = start(&request)
        var done: Int32 = 0
        let begun = DispatchTime.now().uptimeNanoseconds
        let limit = Communicator.nanoseconds(timeout)
        var pause: UInt32 = 25
        while true {
            MPI_Test(&request, &done, latent_mpi_status_ignore())
            if done != 0 { return }
            let waited = DispatchTime.now().uptimeNanoseconds - begun
            if waited > limit { timedOut(in: activity()) }
            if waited < 10_000_000 {
                sched_yield()
            } else {
                pause = min(2 * pause, 1_000)
                usleep(pause)
            }
        }
    }

    /// What rank `rank` says before it ends the job, having waited `timeout` in `activity`.
    package static func timeoutMessage(rank: Int, timeout: Duration, activity: String) -> String {
        "rank \(rank): no answer from the other processes within \(words(timeout)) in \(activity); "
            + "stopping the job (--mpi-timeout)"
    }

    private func timedOut(in activity: String) -> Never {
        let message = Communicator.timeoutMessage(rank: rank, timeout: timeout, activity: activity)
        FileHandle.standardError.write(Data((message + "\n").utf8))
        abort(status: EXIT_FAILURE)
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }

    /// `600 s`, or `2.5 s` for a timeout of a fraction of a second.
    private static func words(_ duration: Duration) -> String {
        let seconds = Double(nanoseconds(duration)) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%g s", seconds)
    }
}
