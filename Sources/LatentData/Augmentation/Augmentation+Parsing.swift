import Foundation

extension Augmentation {
    /// Reads a spec: steps separated by commas, each `NAME` or `NAME:VALUE`, each kind at most once.
    ///
    /// The steps are `crop:MIN_SCALE` (0-1], `flip`, `jitter:STRENGTH` [0-1], `grey:PROBABILITY` [0-1],
    /// `blur:MAX_SIGMA` (0-10] and `jpeg:MIN_QUALITY` [1-100]. Errors name the step and what is wrong; the caller
    /// puts the flag or key in front.
    /// - Parameter spec: the text, e.g. `crop:0.5,flip,jitter:0.4,grey:0.2,blur:1.5,jpeg:40`.
    public init(parsing spec: String) throws {
        let written = spec.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard written != [""] else {
            throw DataError.invalidArgument("no steps; write them separated by commas, e.g. crop:0.5,flip")
        }
        var steps: [Step] = []
        for text in written {
            let step = try Self.step(parsing: text)
            if steps.contains(where: { $0.name == step.name }) {
                throw DataError.invalidArgument("\(step.name) appears twice in \(spec); each step may appear once")
            }
            steps.append(step)
        }
        self.init(steps: steps)
    }

    /// The steps a spec may hold, as the unknown-step message lists them.
    static let knownSteps =
        "crop:MIN_SCALE, flip, jitter:STRENGTH, grey:PROBABILITY, blur:MAX_SIGMA, jpeg:MIN_QUALITY"

    private static func step(parsing text: String) throws -> Step {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (name, value) = (parts[0], parts.count > 1 ? parts[1] : nil)
        switch name {
        case "flip":
            guard value == nil else { throw DataError.invalidArgument("flip takes no value, got \(text)") }
            return .flip
        case "crop":
            let scale = try number(value, of: "crop", meaning: "scale", in: "(0, 1]") { $0 > 0 && $0 <= 1 }
            return .crop(minimumScale: scale)
        case "jitter":
            return .jitter(strength: try number(value, of: "jitter", meaning: "strength", in: "0-1") { 0...1 ~= $0 })
        case "grey":
            let probability = try number(value, of: "grey", meaning: "probability", in: "0-1") { 0...1 ~= $0 }
            return .greyscale(probability: probability)
        case "blur":
            let sigma = try number(value, of: "blur", meaning: "sigma", in: "(0, 10]") { $0 > 0 && $0 <= 10 }
            return .blur(maximumSigma: sigma)
        case "jpeg":
            guard let value, let quality = Int(value), 1...100 ~= quality else {
                throw DataError.invalidArgument("jpeg quality must be 1-100, got \(value ?? "nothing")")
            }
            return .jpeg(minimumQuality: quality)
        default:
            throw DataError.invalidArgument("unknown step '\(name)'; the steps are \(knownSteps)")
        }
    }

    /// The value of `step`, a number that `isValid` accepts; else an error that names the step and the range.
    private static func number(
        _ value: String?, of step: String, meaning: String, in range: String, isValid: (Float) -> Bool
    ) throws -> Float {
        guard let value, let number = Float(value), isValid(number) else {
            throw DataError.invalidArgument("\(step) \(meaning) must be \(range), got \(value ?? "nothing")")
        }
        return number
    }
}
