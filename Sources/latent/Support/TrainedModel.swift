import LatentNN
import LatentStorage

/// Loads the checkpoint an option names, for a command that needs certain kinds of model and an image size.
enum TrainedModel {
    /// The model in the checkpoint at `path`, refused with a message naming `option` and the file when it
    /// is another kind of model than `kinds` or does not take images of `height` x `width` pixels.
    static func load(_ path: String, _ option: String, as kinds: [ModelKind], for command: String,
                     height: Int, width: Int) throws -> any Layer {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint.load(from: path, requiring: kinds, for: command)
        } catch let error as StorageError {
            throw InputError("\(option) \(error)")
        }
        do {
            _ = try checkpoint.architecture.outputShape(for: [height * width])
        } catch let error as ModelError {
            throw InputError("\(option) \(path) does not take \(height)x\(width) images (\(height * width) pixels): \(error)")
        }
        return try checkpoint.buildModel()
    }
}
