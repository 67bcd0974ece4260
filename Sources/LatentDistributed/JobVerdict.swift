/// What the processes of a job conclude from each other's reports (`ProcessReport`): every process works it out
/// alike from all the reports, so all of them go on, or all stop with the same status.
public enum JobVerdict: Sendable, Equatable {
    /// Every process is ready to run the same thing.
    case agreed
    /// Some processes stopped before the work: each distinct message once, with the ranks that gave it, in order of
    /// their first rank; the job exits with the status of the first rank that stopped.
    case failed(status: Int32, messages: [RankedMessage])
    /// Every process is ready, but `rank` (the first to differ from rank 0) differs on a fact.
    case disagreed(rank: Int, difference: JobFacts.Difference)

    /// A message and the ranks that gave it.
    public struct RankedMessage: Sendable, Equatable {
        /// The ranks that stopped with the message, in order.
        public let ranks: [Int]
        /// The message, as each of them would print it alone.
        public let message: String
    }

    /// The verdict of the reports of ranks 0, 1, ... in order: failures first, then the first difference from rank 0.
    ///
    /// - Parameter reports: one report per rank, in rank order.
    public init(reports: [ProcessReport]) {
        var messages: [RankedMessage] = []
        var status: Int32?
        for (rank, report) in reports.enumerated() {
            guard case .failed(let code, let message) = report else { continue }
            status = status ?? code
            if let index = messages.firstIndex(where: { $0.message == message }) {
                messages[index] = RankedMessage(ranks: messages[index].ranks + [rank], message: message)
            } else {
                messages.append(RankedMessage(ranks: [rank], message: message))
            }
        }
        if let status {
            self = .failed(status: status, messages: messages)
            return
        }
        guard case .ready(let root) = reports.first else {
            self = .agreed
            return
        }
        for (rank, report) in reports.enumerated().dropFirst() {
            guard case .ready(let facts) = report, let difference = root.firstDifference(from: facts) else { continue }
            self = .disagreed(rank: rank, difference: difference)
            return
        }
        self = .agreed
    }

    /// What rank 0 prints: each failure's message, prefixed by the ranks that gave it unless rank 0 did (their
    /// messages name what they were refused, as a single process's would), or the difference, both values named.
    public var message: String {
        switch self {
        case .agreed:
            return "every process runs the same command on the same files"
        case .failed(_, let messages):
            return messages.map { failure in
                guard failure.ranks.first != 0 else { return failure.message }
                let ranks = failure.ranks.map(String.init).joined(separator: ", ")
                return "\(failure.ranks.count == 1 ? "rank" : "ranks") \(ranks): \(failure.message)"
            }.joined(separator: "\n")
        case .disagreed(let rank, let difference):
            return "rank \(rank) disagrees with rank 0 on \(difference.name): \(difference.value ?? "not given") on "
                + "rank 0, against \(difference.otherValue ?? "not given") on rank \(rank); every process of an "
                + "mpirun job must run the same command on the same files"
        }
    }
}
