/// The error every process of a job throws alike when the agreement (`Communicator.agree(on:)`) finds that they cannot
/// run together: some stopped before the work, or one runs something else than rank 0.
public struct JobDisagreement: Error, CustomStringConvertible {
    /// Why the job cannot run; never `.agreed`.
    public let verdict: JobVerdict

    /// The verdict's message, as rank 0 prints it.
    public var description: String { verdict.message }
}
