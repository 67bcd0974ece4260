import CMPI
import Foundation

extension Communicator {
    /// Compares what every process is about to run, before the job's first collective call of work: each process
    /// brings its report, receives everyone's (MPI_Iallgatherv), and every process reaches the same verdict.
    ///
    /// A process that stopped before the work brings its error here instead of ending the job, so that the error is
    /// printed once by rank 0, beside any other rank's, whichever process met it.
    ///
    /// - Parameter report: this process's facts, or the error that stopped it.
    public func agree(_ report: ProcessReport) -> JobVerdict {
        // Encoding a tree of strings and integers cannot fail.
        let encoded = (try? JSONEncoder().encode(report)).map { [UInt8]($0) } ?? []
        let reports = allGather(encoded, in: "the agreement on what every process runs").enumerated().map {
            rank, bytes in
            (try? JSONDecoder().decode(ProcessReport.self, from: Data(bytes)))
                ?? .failed(
                    status: EXIT_FAILURE,
                    message: "rank \(rank) described its work in a form this build cannot read; run the same build "
                        + "of latent on every machine")
        }
        hasAgreed = true
        return JobVerdict(reports: reports)
    }

    /// Agrees on `facts` with the other processes (`agree(_:)`); throws the verdict, on every process alike, unless
    /// every process is ready to run the same thing.
    ///
    /// - Parameter facts: what this process is about to run.
    public func agree(on facts: JobFacts) throws(JobDisagreement) {
        let verdict = agree(.ready(facts))
        guard verdict == .agreed else { throw JobDisagreement(verdict: verdict) }
    }

    /// Every process's `bytes`, in rank order, on every process: their lengths first, then the bytes.
    private func allGather(_ bytes: [UInt8], in activity: String) -> [[UInt8]] {
        var lengths = [Int64](repeating: 0, count: size)
        lengths[rank] = Int64(bytes.count)
        // A sum of vectors that are zero but for each process's own slot: every process gets every length.
        sum(&lengths, in: activity)
        let counts = lengths.map { Communicator.count(Int($0)) }
        var offsets = [Int32](repeating: 0, count: size)
        for rank in 1..<max(size, 1) { offsets[rank] = offsets[rank - 1] + counts[rank - 1] }
        var gathered = [UInt8](repeating: 0, count: Int(lengths.reduce(0, +)))
        bytes.withUnsafeBytes { sent in
            gathered.withUnsafeMutableBytes { received in
                wait(for: { activity }) { request in
                    MPI_Iallgatherv(
                        sent.baseAddress, counts[rank], UInt8.mpiType, received.baseAddress, counts, offsets,
                        UInt8.mpiType, latent_mpi_comm_world(), request)
                }
            }
        }
        return (0..<size).map { rank in Array(gathered[Int(offsets[rank])..<Int(offsets[rank] + counts[rank])]) }
    }
}
