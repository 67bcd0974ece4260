import ArgumentParser
import LatentData

/// What `--dataset` names: a built-in dataset by name, or a file written by `latent data import`.
///
/// Like a PyTorch or Keras script that takes either a torchvision name or a path, one option says which data;
/// a built-in name wins over a file of that name in the current folder (`./mnist` reads the file).
enum DatasetChoice: RawRepresentable, ExpressibleByArgument {
    case builtIn(KnownDataset)
    case imported(path: String)

    init(rawValue: String) {
        self = KnownDataset(rawValue: rawValue).map(DatasetChoice.builtIn) ?? .imported(path: rawValue)
    }

    /// The name or the path as typed; checkpoints and feature files record it.
    var rawValue: String {
        switch self {
        case .builtIn(let dataset): return dataset.rawValue
        case .imported(let path): return path
        }
    }
}
