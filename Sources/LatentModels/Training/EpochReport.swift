/// What one epoch of training measured.
public struct EpochReport: Equatable, Sendable {
    /// 1-based.
    public let epoch: Int
    /// Mean training loss over the epoch's samples.
    public let trainLoss: Double
    public let validationLoss: Double?
    public let seconds: Double
    public let samplesPerSecond: Double
    /// Resident memory at the end of the epoch.
    public let residentMegabytes: Double
    public let learningRate: Float

    /// One JSON object, keys in snake case.
    public var jsonLine: String {
        var fields = ["\"epoch\": \(epoch)", "\"train_loss\": \(trainLoss)"]
        if let validationLoss { fields.append("\"validation_loss\": \(validationLoss)") }
        fields += ["\"seconds\": \(seconds)", "\"samples_per_second\": \(samplesPerSecond)",
                   "\"rss_mb\": \(residentMegabytes)", "\"learning_rate\": \(learningRate)"]
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
