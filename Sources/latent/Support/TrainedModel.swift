import LatentCore
import LatentModels
import LatentNN

/// Loads the checkpoint an option names, for a command that needs certain kinds of model and an image shape.
enum TrainedModel {
    /// The model in the checkpoint at `path`, refused with a message naming `option` and the file when it
    /// is another kind of model than `kinds` or was trained on images of another shape than
    /// `channels` x `height` x `width` (1 channel, grey, unless said).
    ///
    /// The training commands record the shape (`input_shape` in the metadata, "3x64x64"; older checkpoints
    /// "28x28"); a checkpoint without it is checked by whether its layers take C * H * W values.
    static func load(
        _ path: String, _ option: String, as kinds: [ModelKind], for command: String,
        channels: Int = 1, height: Int, width: Int
    ) throws -> any Layer {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint.load(from: path, requiring: kinds, for: command)
        } catch let error as LatentError {
            throw LatentError("\(option) \(error)")
        }
        let shape = "\(channels)x\(height)x\(width)"
        if let trained = trainedShape(of: checkpoint), trained != shape {
            throw LatentError(
                "\(option) \(path) was trained on \(trained) images (\(colour(of: trained))), but the dataset "
                    + "holds \(shape) images (\(colour(of: shape))); use a model trained on images like these")
        }
        do {
            _ = try checkpoint.architecture.outputShape(for: [channels * height * width])
        } catch let error as LatentError {
            throw LatentError(
                "\(option) \(path) does not take \(shape) images (\(channels * height * width) values): \(error)")
        }
        return try checkpoint.buildModel()
    }

    /// The recorded input shape as "CxHxW"; an older "HxW" is a grey image's.
    private static func trainedShape(of checkpoint: Checkpoint) -> String? {
        guard let recorded = checkpoint.metadata["input_shape"] else { return nil }
        return recorded.split(separator: "x").count == 2 ? "1x" + recorded : recorded
    }

    /// "grey", "RGB" or "N channels" for a "CxHxW" shape.
    private static func colour(of shape: String) -> String {
        switch shape.split(separator: "x").first {
        case "1": return "grey"
        case "3": return "RGB"
        case let channels: return "\(channels ?? "?") channels"
        }
    }
}
