import LatentCore
import LatentData
import LatentStorage

/// Writes features of both splits, with their labels, as `latent retrieve --features` reads them:
/// `/train`, `/test`, `/train_labels`, `/test_labels`.
func saveSplits(
    train: Tensor, test: Tensor, of data: (train: ImageDataset, test: ImageDataset),
    attributes: [String: String], to path: String
) throws {
    try TensorArchive(
        tensors: [
            "train": train, "test": test,
            "train_labels": Tensor(shape: [data.train.count], scalars: data.train.labels.map(Float.init)),
            "test_labels": Tensor(shape: [data.test.count], scalars: data.test.labels.map(Float.init)),
        ], attributes: attributes
    ).save(to: path)
}
