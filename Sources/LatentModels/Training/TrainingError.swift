/// Why training stopped before its last epoch.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case nonFiniteLoss(epoch: Int, batch: Int, value: Float)
    case invalidOptions(String)

    public var description: String {
        switch self {
        case let .nonFiniteLoss(epoch, batch, value):
            return "training stopped: the loss became \(value) at epoch \(epoch), batch \(batch); the last checkpoint written before it is kept (lower the learning rate or clip gradients)"
        case let .invalidOptions(message):
            return message
        }
    }
}
