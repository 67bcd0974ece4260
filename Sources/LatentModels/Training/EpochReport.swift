import Foundation

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
        fields += [
            "\"seconds\": \(seconds)", "\"samples_per_second\": \(samplesPerSecond)",
            "\"rss_mb\": \(residentMegabytes)", "\"learning_rate\": \(learningRate)",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

extension EpochReport {
    /// Reads back a line that `jsonLine` wrote (a resumed run's earlier epochs), each number exactly; `nil` for
    /// anything else.
    init?(jsonLine line: String) {
        guard line.hasPrefix("{"), line.hasSuffix("}") else { return nil }
        // Split by hand: `jsonLine` writes Swift's own number spellings, `inf` and `nan` included, which JSON lacks.
        var fields: [String: String] = [:]
        for field in line.dropFirst().dropLast().split(separator: ",") {
            let parts = field.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { return nil }
            fields[parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "\""))] = parts[1]
        }
        func number(_ key: String) -> Double? { fields[key].flatMap(Double.init) }
        guard let epoch = fields["epoch"].flatMap({ Int($0) }), let trainLoss = number("train_loss"),
            let seconds = number("seconds"), let samplesPerSecond = number("samples_per_second"),
            let residentMegabytes = number("rss_mb"), let learningRate = fields["learning_rate"].flatMap(Float.init)
        else { return nil }
        let validationLoss = number("validation_loss")
        guard validationLoss != nil || fields["validation_loss"] == nil else { return nil }
        self.init(
            epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss, seconds: seconds,
            samplesPerSecond: samplesPerSecond, residentMegabytes: residentMegabytes, learningRate: learningRate)
    }
}
