import LatentCore
import LatentStorage

extension Checkpoint {
    /// Where a training run stood after its last finished epoch, beyond the weights, the optimizer and the random
    /// layers: what a resumed run needs to go on exactly as the uninterrupted one would have.
    ///
    /// Layout: the group `/training` with attributes `step`, `batch_size`, `epochs_without_improvement` (int64) and
    /// `best_validation_loss` (float64, infinity before the first validation), and the dataset
    /// `/training/loss_generator` (uint64 (4), xoshiro256** state). The shuffling needs no state of its own: epoch
    /// e shuffles with the seed attribute + e.
    public struct TrainingState: Sendable {
        /// Optimizer updates so far: the learning-rate schedule's position.
        public var step: Int
        /// The mini-batch size the run used; the batches, and so the step count, depend on it.
        public var batchSize: Int
        /// The lowest validation loss so far, for early stopping.
        public var bestValidationLoss: Double
        /// Epochs since the validation loss last went down, for early stopping.
        public var epochsWithoutImprovement: Int
        /// The generator the training loss draws from (a denoising autoencoder's input corruption).
        public var lossGenerator: SeededGenerator

        public init(
            step: Int, batchSize: Int, bestValidationLoss: Double, epochsWithoutImprovement: Int,
            lossGenerator: SeededGenerator
        ) {
            self.step = step
            self.batchSize = batchSize
            self.bestValidationLoss = bestValidationLoss
            self.epochsWithoutImprovement = epochsWithoutImprovement
            self.lossGenerator = lossGenerator
        }

        static let group = "/training"
        static let lossGeneratorPath = group + "/loss_generator"

        func write(into file: HDF5File) throws {
            try file.createGroup(Self.group)
            try file.setAttribute("step", step, on: Self.group)
            try file.setAttribute("batch_size", batchSize, on: Self.group)
            try file.setAttribute("best_validation_loss", bestValidationLoss, on: Self.group)
            try file.setAttribute("epochs_without_improvement", epochsWithoutImprovement, on: Self.group)
            try file.write(words: lossGenerator.stateWords, at: Self.lossGeneratorPath)
        }

        /// The state in `file`, `nil` when it has no `/training` group; a group with a value missing or out of
        /// range is refused, naming the file and the value.
        static func read(from file: HDF5File) throws -> TrainingState? {
            guard file.exists(group) else { return nil }
            func count(_ key: String, atLeast minimum: Int) throws -> Int {
                guard let value = try file.integerAttribute(key, on: group) else {
                    throw LatentError("\(file.name): \(group) has no attribute \(key)")
                }
                guard value >= minimum else {
                    throw LatentError("\(file.name): attribute \(key) on \(group) is \(value), less than \(minimum)")
                }
                return value
            }
            guard let best = try file.doubleAttribute("best_validation_loss", on: group) else {
                throw LatentError("\(file.name): \(group) has no attribute best_validation_loss")
            }
            return TrainingState(
                step: try count("step", atLeast: 0), batchSize: try count("batch_size", atLeast: 1),
                bestValidationLoss: best,
                epochsWithoutImprovement: try count("epochs_without_improvement", atLeast: 0),
                lossGenerator: try readGenerator(lossGeneratorPath, in: file))
        }
    }

    /// The generator whose state is the uint64 (4) dataset at `objectPath`, refusing the all-zero state (it would
    /// only ever draw 0).
    static func readGenerator(_ objectPath: String, in file: HDF5File) throws -> SeededGenerator {
        guard let generator = SeededGenerator(state: try file.readWords(objectPath, count: 4)) else {
            throw LatentError("\(file.name): \(objectPath) is all zeros, not the state of a random generator")
        }
        return generator
    }
}
