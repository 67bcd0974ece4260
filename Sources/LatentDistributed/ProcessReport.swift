/// What one process brings to the job's agreement (`Communicator.agree`): the facts of what it is about to run, or the
/// error that stopped it before the work began.
public enum ProcessReport: Sendable, Equatable, Codable {
    /// The process is ready to run what `facts` describe.
    case ready(JobFacts)
    /// The process stopped with `message` (as it would print it alone) and would exit with `status`.
    case failed(status: Int32, message: String)
}
