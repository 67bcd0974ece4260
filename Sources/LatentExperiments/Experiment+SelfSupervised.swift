import LatentData
import LatentModels
import LatentNN

extension Experiment {
    /// A visual search's self-supervised row: an encoder trained on the database photos without their labels, its
    /// `features` (before the projection head) indexed. Every key left out takes `SelfSupervisedSettings`' default.
    public struct SelfSupervised: Decodable, Sendable {
        /// `simclr` or `vicreg`.
        public var method: String?
        public var epochs: Int?
        public var batchSize: Int?
        /// Adam's learning rate, the peak of a schedule.
        public var learningRate: Float?
        /// `constant` or `cosine` (annealed to zero by the last update).
        public var schedule: String?
        /// NT-Xent's temperature (SimCLR).
        public var temperature: Float?
        /// How the two views of each photo are made, e.g. `crop:0.5,flip` (see `Augmentation`).
        public var augment: String?

        enum CodingKeys: String, CodingKey {
            case method, epochs, schedule, temperature, augment
            case batchSize = "batch_size"
            case learningRate = "learning_rate"
        }

        /// These keys as the settings of one training with `seed`; the schema has already checked the method's and
        /// the schedule's names and the augmentation's spec.
        /// - Parameter seed: seeds the encoder's initialisation, the shuffling and the views.
        public func settings(seed: UInt64) -> SelfSupervisedSettings {
            var settings = SelfSupervisedSettings()
            settings.method = method.flatMap(SelfSupervisedMethod.init(rawValue:)) ?? settings.method
            settings.temperature = temperature ?? settings.temperature
            var training = settings.training
            training.seed = seed
            training.epochs = epochs ?? training.epochs
            training.batchSize = batchSize ?? training.batchSize
            training.learningRate = learningRate ?? training.learningRate
            training.schedule = schedule.flatMap(TrainingSettings.Schedule.init(rawValue:)) ?? training.schedule
            training.augmentation = augment.flatMap { try? Augmentation(parsing: $0) }
            settings.training = training
            return settings
        }
    }
}
