/// Why training stopped before its last epoch.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The checkpoint a stopped run leaves behind: the last one it wrote.
    public struct KeptCheckpoint: Equatable, Sendable {
        public let path: String
        public let epoch: Int
        public init(path: String, epoch: Int) {
            self.path = path
            self.epoch = epoch
        }
    }

    /// `kept` is `nil` when the run wrote no checkpoint before the loss diverged.
    case nonFiniteLoss(epoch: Int, batch: Int, value: Float, kept: KeptCheckpoint?)
    /// The training loss stayed finite, but the validation loss after `epoch` did not: the model has diverged all the
    /// same, and its checkpoint is not written over the last one.
    case nonFiniteValidationLoss(epoch: Int, value: Double, kept: KeptCheckpoint?)
    case invalidOptions(String)
    /// `Trainer.resume` refused a checkpoint it cannot continue exactly; `reason` says why.
    case cannotResume(checkpoint: String, reason: String)

    public var description: String {
        switch self {
        case .nonFiniteLoss(let epoch, let batch, let value, let kept):
            return "training stopped: the loss became \(value) at epoch \(epoch), batch \(batch); "
                + "\(Self.describe(kept)) (lower the learning rate or clip gradients)"
        case .nonFiniteValidationLoss(let epoch, let value, let kept):
            return "training stopped: the validation loss became \(value) after epoch \(epoch); "
                + "\(Self.describe(kept)) (lower the learning rate or clip gradients)"
        case .invalidOptions(let message):
            return message
        case .cannotResume(let checkpoint, let reason):
            return "cannot resume from \(checkpoint): \(reason)"
        }
    }

    private static func describe(_ kept: KeptCheckpoint?) -> String {
        kept.map { "the checkpoint of epoch \($0.epoch) is kept at \($0.path)" }
            ?? "this run saved no checkpoint before it"
    }
}
