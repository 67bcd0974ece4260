import ArgumentParser
import LatentNN
import LatentStorage

/// Loads the checkpoint an option names, for a command that needs a certain kind of model and image size.
enum TrainedModel {
    /// What a checkpoint holds, as the commands that read it need to know.
    enum Kind: String {
        case autoencoder, encoder, classifier, transfer
    }

    /// The model in the checkpoint at `path`, refused with a message naming `option` and the file when it
    /// is another kind of model than `kinds` or does not take images of `height` x `width` pixels.
    static func load(_ path: String, _ option: String, as kinds: [Kind], height: Int, width: Int) throws -> any Layer {
        let checkpoint = try Checkpoint.load(from: path)
        if let kind = kind(of: checkpoint), !kinds.contains(kind) {
            throw InputError("\(option) \(path) holds \(article(kind.rawValue)) \(kind.rawValue); this command needs "
                             + kinds.map { article($0.rawValue) + " " + $0.rawValue }.joined(separator: " or "))
        }
        do {
            _ = try checkpoint.architecture.outputShape(for: [height * width])
        } catch let error as ModelError {
            throw InputError("\(option) \(path) does not take \(height)x\(width) images (\(height * width) pixels): \(error)")
        }
        return try checkpoint.buildModel()
    }

    /// The kind recorded by the training command, when the checkpoint says.
    private static func kind(of checkpoint: Checkpoint) -> Kind? {
        checkpoint.metadata["task"].flatMap(Kind.init(rawValue:))
    }

    private static func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }
}
