import LatentCore
import LatentData
import LatentNN

/// Predictions and accuracy of a classifier over a dataset, in evaluation mode without gradients.
public enum Classification {
    /// The most likely class and its softmax probability for each image.
    public static func predict(
        _ model: any Layer, images: Tensor, batchSize: Int = 512
    ) -> [(label: Int, probability: Float)] {
        let probabilities = model.stackedBatches(of: images, batchSize: batchSize) { model($0).softmax() }
        return probabilities.rowMaxima().map { ($0.column, $0.value) }
    }

    /// The fraction of images whose predicted class is their label.
    public static func accuracy(_ model: any Layer, on dataset: ImageDataset) -> Double {
        let predicted = predict(model, images: dataset.images)
        return Double(zip(predicted, dataset.labels).filter { $0.0.label == $0.1 }.count)
            / Double(max(dataset.count, 1))
    }
}
